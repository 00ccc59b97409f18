"""Rebuilding a gRPC method handler so each call runs inside a per-call scope — the one
helper of every server interceptor (tracing here, authentication in `zhixing.security`).

grpc.aio runs interceptors apart from the handler, so whatever must be current inside
the handler (a server span, the caller's identity) is set by wrapping the handler
function itself — for each call kind and function style (coroutine, async generator,
plain function, generator). The scope is entered only while handler code runs, never
across a `yield` to the server.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any, Protocol

import grpc

Behaviour = Callable[..., Any]


class CallScope(Protocol):
    """One call's scope: `step()` around each stretch of handler code, `close()` once
    at the end with the error the call ended with (None when it succeeded)."""

    def step(self) -> AbstractContextManager[Any]: ...
    def close(self, context: Any, error: BaseException | None) -> None: ...


OpenCall = Callable[[], CallScope]
Scope = Callable[[], AbstractContextManager[Any]]

_FACTORIES = {
    "unary_unary": grpc.unary_unary_rpc_method_handler,
    "unary_stream": grpc.unary_stream_rpc_method_handler,
    "stream_unary": grpc.stream_unary_rpc_method_handler,
    "stream_stream": grpc.stream_stream_rpc_method_handler,
}


def kind_of(handler: grpc.RpcMethodHandler | None) -> str:
    """"unary_unary" … "stream_stream"; an unknown method counts as unary."""
    if handler is None:
        return "unary_unary"
    return ("stream_" if handler.request_streaming else "unary_") + (
        "stream" if handler.response_streaming else "unary"
    )


def wrap_handler(handler: grpc.RpcMethodHandler, open_call: OpenCall) -> grpc.RpcMethodHandler:
    """The same handler with every call run inside `open_call()`."""
    kind = kind_of(handler)
    return _FACTORIES[kind](
        _around(getattr(handler, kind), open_call),
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )


def replaced(handler: grpc.RpcMethodHandler, behaviour: Behaviour, *,
             request_deserializer: Callable[[bytes], Any] | None = None,
             ) -> grpc.RpcMethodHandler:
    """A handler of the same kind and serialisers as `handler` running `behaviour`
    (which receives the handler's own function's arguments), optionally with another
    request deserialiser."""
    return _FACTORIES[kind_of(handler)](
        behaviour,
        request_deserializer=request_deserializer or handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )


def peer_address(context: Any) -> str:
    """The client's address without its port ("ipv4:127.0.0.1:5000" → "ipv4:127.0.0.1");
    no metadata is trusted for it: a client could forge that."""
    return str(context.peer()).rpartition(":")[0] or "-"


def bare(handler: grpc.RpcMethodHandler | None, behaviour: Behaviour) -> grpc.RpcMethodHandler:
    """A handler of the same kind as `handler` running `behaviour` on raw bytes (a
    refusal: the request is never deserialised)."""
    return _FACTORIES[kind_of(handler)](behaviour)


def each_step(scope: Scope) -> OpenCall:
    """A call scope that only enters `scope()` around each step and has nothing to
    close (binding the caller's identity)."""
    return lambda: _Steps(scope)


class _Steps:
    def __init__(self, scope: Scope) -> None:
        self.step = scope

    def close(self, context: Any, error: BaseException | None) -> None:
        return None


def _around(fn: Behaviour, open_call: OpenCall) -> Behaviour:
    if inspect.isasyncgenfunction(fn):
        return _async_gen_around(fn, open_call)
    if inspect.isgeneratorfunction(fn):
        return _gen_around(fn, open_call)
    if inspect.iscoroutinefunction(fn):

        async def coroutine(request: Any, context: Any) -> Any:
            scope = open_call()
            try:
                with scope.step():
                    result = await fn(request, context)
            except BaseException as exc:
                scope.close(context, exc)
                raise
            scope.close(context, None)
            return result

        return coroutine

    def plain(request: Any, context: Any) -> Any:
        scope = open_call()
        try:
            with scope.step():
                result = fn(request, context)
        except BaseException as exc:
            scope.close(context, exc)
            raise
        scope.close(context, None)
        return result

    return plain


def _async_gen_around(fn: Behaviour, open_call: OpenCall) -> Behaviour:
    async def stream(request: Any, context: Any) -> Any:
        scope, error = open_call(), None
        responses = fn(request, context)
        try:
            while True:
                with scope.step():
                    try:
                        item = await responses.__anext__()
                    except StopAsyncIteration:
                        return
                yield item
        except BaseException as exc:
            error = exc
            raise
        finally:
            with scope.step():
                await responses.aclose()
            scope.close(context, error)

    return stream


def _gen_around(fn: Behaviour, open_call: OpenCall) -> Behaviour:
    def stream(request: Any, context: Any) -> Iterator[Any]:
        scope, error = open_call(), None
        responses = fn(request, context)
        try:
            while True:
                with scope.step():
                    try:
                        item = next(responses)
                    except StopIteration:
                        return
                yield item
        except BaseException as exc:
            error = exc
            raise
        finally:
            with scope.step():
                responses.close()
            scope.close(context, error)

    return stream
