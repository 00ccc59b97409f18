"""Per-client rate limits for public gRPC calls (issue 12): the web pages' limit, for the
anonymous callers of the same data over gRPC.

A method whose declared policy is public (`Policy.anyone()`: the publicity portal's
RPCs) answers anonymous callers through `PublicRateInterceptor`: each client address
takes a token of the same bucket class as the pages (`rate.RateLimiter`, bounded in the
addresses it tracks); an address beyond its rate is answered RESOURCE_EXHAUSTED saying
when to retry, with `retry-after` (whole seconds) in the trailing metadata. Without it
one anonymous client read 449 pages of 500 listed people a second. A signed-in caller
(a court user, a partner) is identified and audited instead, and is not held to it.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

import grpc
from grpc import aio

from zhixing.observability.grpc_handlers import kind_of, peer_address, replaced
from zhixing.runtime.rate import RateLimiter
from zhixing.security.identity import current_identity
from zhixing.security.policy import Policy


class PublicRateInterceptor(aio.ServerInterceptor):  # type: ignore[misc]
    """Hold each anonymous caller of a public method to `limiter`'s rate per address.

    It must come after the authentication interceptor in the server's list: the caller's
    identity is bound around the handler this one returns. The limiter lives on the
    server's one event loop, so it needs no lock."""

    def __init__(self, policies: Mapping[str, Policy], limiter: RateLimiter) -> None:
        self._public = frozenset(method for method, policy in policies.items() if policy.public)
        self.limiter = limiter

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None or handler_call_details.method not in self._public:
            return handler
        return replaced(handler, self._limited(getattr(handler, kind_of(handler))))

    async def _admit(self, context: Any) -> None:
        if current_identity() is not None:
            return  # signed in: identified and audited, not rate-limited
        wait = self.limiter.admit(peer_address(context))
        if wait:
            await context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED,
                                f"too many calls from your address (at most "
                                f"{self.limiter.rate.per_second} a second); try again in "
                                f"{wait} s", trailing_metadata=(("retry-after", str(wait)),))

    def _limited(self, behaviour: Callable[..., Any]) -> Callable[..., Any]:
        admit = self._admit
        if inspect.isasyncgenfunction(behaviour):

            async def streamed(request: Any, context: Any) -> AsyncIterator[Any]:
                await admit(context)
                async for answer in behaviour(request, context):
                    yield answer

            return streamed

        async def answered(request: Any, context: Any) -> Any:
            await admit(context)
            answer = behaviour(request, context)
            return await answer if inspect.isawaitable(answer) else answer

        return answered
