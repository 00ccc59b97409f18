"""Command latency per RPC (DESIGN §9): a histogram observation for every gRPC call.

Install `MetricsInterceptor` first in the server's interceptor list, so calls refused
by later interceptors (authentication) are timed too. The labels are the RPC's full
name and the status code: never a field of the request. A method the server does not
serve is labelled `unknown`: its name is the caller's text, and each new one would add
a histogram's worth of series.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

import grpc
from grpc import aio

from .grpc_handlers import wrap_handler
from .grpc_tracing import status_code
from .metrics import COMMAND_SECONDS

UNKNOWN_RPC = "unknown"


class MetricsInterceptor(aio.ServerInterceptor):  # type: ignore[misc]
    """Observe `zhixing_command_duration_seconds{rpc, code}` around every call to one of
    `served` (full method names, `/pkg.Service/Method`); any other call as `unknown`."""

    def __init__(self, served: Iterable[str]) -> None:
        self._served = frozenset(served)

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        method = handler_call_details.method
        rpc = method.lstrip("/") if method in self._served else UNKNOWN_RPC
        return wrap_handler(handler, lambda: _Timed(rpc))


class _Timed:
    def __init__(self, rpc: str) -> None:
        self._rpc = rpc
        self._started = time.perf_counter()

    def step(self) -> AbstractContextManager[Any]:
        return nullcontext()

    def close(self, context: Any, error: BaseException | None) -> None:
        code = status_code(context, error).name
        COMMAND_SECONDS.labels(self._rpc, code).observe(time.perf_counter() - self._started)
