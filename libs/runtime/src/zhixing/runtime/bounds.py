"""Bounds on what a client may send, enforced where every call passes (issue 12 item 2).

`BoundsInterceptor` sits in the one gRPC server every service runs in (`GrpcServer`):
each request message — of a unary call, and every message of a streamed one — is held
against the bounds table `zhixing.contracts.bounds` before a servicer sees it. A request
beyond a bound is answered INVALID_ARGUMENT naming the field's path, the bound and its
rule, never the value. `MAX_MESSAGE_BYTES` caps a message before it is even parsed
(after decompression: a gzip bomb is refused too), and `connection_cap` the connections
the server holds.
"""

from __future__ import annotations

import inspect
import resource
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf.message import DecodeError, Message
from grpc import aio

from zhixing.contracts.bounds import Breach, first_breach
from zhixing.observability.grpc_handlers import kind_of, peer_address, replaced

MAX_MESSAGE_BYTES = 1024 * 1024
"""The largest request message the server takes (1 MiB): the largest legitimate one, a
partner's batch of 10,000 identities, is ~200 KB; beyond it gRPC answers
RESOURCE_EXHAUSTED without reading the message."""
MAX_ANSWER_BYTES = 4 * 1024 * 1024
"""The largest answer the server sends (gRPC's default receive limit of a client): a page
of 500 rows or a long case timeline stays well inside."""

MAX_CONNECTIONS = 1000
"""The most connections a gRPC server holds (fewer when the process may open few files,
`connection_cap`): court users, agencies and partners reach a service through a few
channels each. Beyond it a new connection is closed at once; without a cap an anonymous
client holding ~20,000 idle connections used every file descriptor of the embedded suite,
its stores could not open a file, and the process stopped."""
IDLE_CONNECTION_MS = 5 * 60 * 1000
"""A connection with no call for 5 minutes is closed (a channel reconnects when it next
calls; a `Follow` stream is a call): abandoned connections give their place back."""


MAX_STREAMS_PER_ADDRESS = 100
"""Streamed calls (`Follow`, `BatchCheck`) one client address holds open at once: a
partner follows the list with one or two; each open stream holds server memory until its
client leaves, so without a cap one caller could open them until the process ran out."""


def connection_cap(most: int = MAX_CONNECTIONS) -> int:
    """`most` connections, or a quarter of the file descriptors this process may open if
    that is less: the rest stay for the stores, the other server and the broker."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return most if soft == resource.RLIM_INFINITY else max(16, min(most, soft // 4))


def server_options() -> list[tuple[str, int]]:
    """The options of every gRPC server (`GrpcServer`): message sizes and connections."""
    return [("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_ANSWER_BYTES),
            ("grpc.max_allowed_incoming_connections", connection_cap()),
            ("grpc.max_connection_idle_ms", IDLE_CONNECTION_MS)]

def refusal(breach: Breach) -> str:
    """The status message of a request beyond a bound, in the form of every refusal
    (`RuleViolation`): ``R42 [identity_numbers]: Bound: at most …; got …``."""
    prefix = " ".join(p for p in (breach.bound.rule, f"[{breach.path}]") if p)
    return f"{prefix}: {breach.message()}"


class BoundsInterceptor(aio.ServerInterceptor):  # type: ignore[misc]
    """Refuse, with INVALID_ARGUMENT, every request message beyond a bound (or that does
    not parse), and with RESOURCE_EXHAUSTED a streamed call beyond its address's share."""

    def __init__(self) -> None:
        self._streams: Counter[str] = Counter()
        """Streamed calls open, by client address (the server's one loop: no lock)."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        behaviour = getattr(handler, kind_of(handler))
        streamed_in = handler.request_streaming
        checked = _checked_stream(behaviour) if streamed_in else _checked_unary(behaviour)
        if streamed_in or handler.response_streaming:
            checked = self._counted(checked)
        return replaced(handler, checked,
                        request_deserializer=_tolerant(handler.request_deserializer))


    def _counted(self, behaviour: Callable[..., Any]) -> Callable[..., Any]:
        """`behaviour`, refused once its caller's address holds its share of streams."""
        streams = self._streams

        async def admitted(context: Any) -> str:
            address: str = peer_address(context)
            if streams[address] >= MAX_STREAMS_PER_ADDRESS:
                await context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED,
                                    f"at most {MAX_STREAMS_PER_ADDRESS} streamed calls open at "
                                    "once from one address: close one first")
            streams[address] += 1
            return address

        def left(address: str) -> None:
            streams[address] -= 1
            if not streams[address]:
                del streams[address]  # memory stays O(open streams)

        if inspect.isasyncgenfunction(behaviour):

            async def streamed(request: Any, context: Any) -> AsyncIterator[Any]:
                address = await admitted(context)
                try:
                    async for answer in behaviour(request, context):
                        yield answer
                finally:
                    left(address)

            return streamed

        async def answered(request: Any, context: Any) -> Any:
            address = await admitted(context)
            try:
                return await behaviour(request, context)
            finally:
                left(address)

        return answered


@dataclass(frozen=True)
class Malformed:
    """In place of a request whose bytes do not parse as its message (a string with bad
    UTF-8, a corrupt wire format): refused with INVALID_ARGUMENT naming the message type,
    where gRPC would answer UNKNOWN with the parser's Python exception."""

    message_type: str


def _tolerant(deserializer: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    if deserializer is None:
        return None
    described = getattr(getattr(deserializer, "__self__", None), "DESCRIPTOR", None)
    name = described.full_name if described is not None else "request"

    def deserialized(data: bytes) -> Any:
        try:
            return deserializer(data)
        except DecodeError:
            return Malformed(name)

    return deserialized


_OURS = "zhixing."
"""The contracts the table bounds; health and reflection keep the message-size cap."""


async def _refuse_beyond_bounds(request: Any, context: aio.ServicerContext[Any, Any]) -> None:
    if isinstance(request, Malformed):
        await context.abort(grpc.StatusCode.INVALID_ARGUMENT,
                            f"not a well-formed {request.message_type} message: its bytes do "
                            "not parse (a string that is not UTF-8, or a corrupt encoding)")
    if isinstance(request, Message) and request.DESCRIPTOR.full_name.startswith(_OURS):
        breach = first_breach(request)
        if breach is not None:
            await context.abort(grpc.StatusCode.INVALID_ARGUMENT, refusal(breach))


def _checked_unary(behaviour: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.isasyncgenfunction(behaviour):

        async def streamed(request: Any, context: Any) -> AsyncIterator[Any]:
            await _refuse_beyond_bounds(request, context)
            async for answer in behaviour(request, context):
                yield answer

        return streamed

    async def answered(request: Any, context: Any) -> Any:
        await _refuse_beyond_bounds(request, context)
        return await _result(behaviour(request, context))

    return answered


def _checked_stream(behaviour: Callable[..., Any]) -> Callable[..., Any]:
    def checked_requests(requests: AsyncIterator[Any], context: Any) -> AsyncIterator[Any]:
        async def each() -> AsyncIterator[Any]:
            async for request in requests:
                await _refuse_beyond_bounds(request, context)
                yield request

        return each()

    if inspect.isasyncgenfunction(behaviour):

        async def streamed(requests: Any, context: Any) -> AsyncIterator[Any]:
            async for answer in behaviour(checked_requests(requests, context), context):
                yield answer

        return streamed

    async def answered(requests: Any, context: Any) -> Any:
        return await _result(behaviour(checked_requests(requests, context), context))

    return answered


async def _result(answer: Any) -> Any:
    """A coroutine's result, or a plain function's answer as it is."""
    return await answer if inspect.isawaitable(answer) else answer
