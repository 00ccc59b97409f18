"""A SERVER span per gRPC call, continuing the caller's ``traceparent`` (DESIGN §9).

Install `TracingInterceptor` first in the server's interceptor list so refusals by
later interceptors (authentication) are traced too. Span attributes follow the OTel
RPC conventions and carry no payload.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

import grpc
from grpc import aio
from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from .grpc_handlers import wrap_handler
from .tracing import TRACEPARENT, TRACESTATE, current_traceparent, extract_context

# Server-side codes that mean the server failed (OTel RPC semantic conventions).
_SERVER_ERRORS = frozenset(
    {
        grpc.StatusCode.UNKNOWN,
        grpc.StatusCode.DEADLINE_EXCEEDED,
        grpc.StatusCode.UNIMPLEMENTED,
        grpc.StatusCode.INTERNAL,
        grpc.StatusCode.UNAVAILABLE,
        grpc.StatusCode.DATA_LOSS,
    }
)


UNKNOWN_METHOD = "unknown"


def traceparent_metadata() -> tuple[tuple[str, str], ...]:
    """Call metadata continuing the current trace (empty outside any span)."""
    traceparent = current_traceparent()
    return ((TRACEPARENT, traceparent),) if traceparent else ()


class TracingInterceptor(aio.ServerInterceptor):  # type: ignore[misc]
    """Open a SERVER span named ``<service>/<method>`` around every call; given the
    `served` methods (``/pkg.Service/Method``), any other call's span is `unknown`: its
    name is the caller's text and may hold a name or an ID number (R60)."""

    def __init__(self, tracer_name: str = "zhixing.grpc",
                 served: Iterable[str] | None = None) -> None:
        self._tracer_name = tracer_name
        self._served = None if served is None else frozenset(served)

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        full_method: str = handler_call_details.method
        if self._served is not None and full_method not in self._served:
            full_method = UNKNOWN_METHOD
        parent = _parent(handler_call_details.invocation_metadata)
        tracer = trace.get_tracer(self._tracer_name)
        return wrap_handler(handler, lambda: _RpcSpan(tracer, full_method, parent))


class _RpcSpan:
    def __init__(
        self, tracer: trace.Tracer, full_method: str, parent: otel_context.Context
    ) -> None:
        service, _, method = full_method.lstrip("/").partition("/")
        self._span = tracer.start_span(
            f"{service}/{method}" if method else service,
            context=parent,
            kind=SpanKind.SERVER,
            attributes={"rpc.system": "grpc", "rpc.service": service, "rpc.method": method},
        )

    def step(self) -> AbstractContextManager[Any]:
        return trace.use_span(
            self._span, end_on_exit=False, record_exception=False, set_status_on_exception=False
        )

    def close(self, context: Any, error: BaseException | None) -> None:
        code = status_code(context, error)
        self._span.set_attribute("rpc.grpc.status_code", code.value[0])
        if code in _SERVER_ERRORS:
            # the exception type only: its message may quote request data
            reason = type(error).__name__ if error is not None else code.name
            self._span.set_status(Status(StatusCode.ERROR, reason))
        self._span.end()


def status_code(context: Any, error: BaseException | None) -> grpc.StatusCode:
    """The status a call ended with: set on the context, or implied by how it ended."""
    try:
        code = context.code()
    except (AttributeError, NotImplementedError):
        code = None
    if isinstance(code, grpc.StatusCode):
        return code
    if error is None:
        return grpc.StatusCode.OK
    if isinstance(error, asyncio.CancelledError | GeneratorExit):
        return grpc.StatusCode.CANCELLED
    return grpc.StatusCode.UNKNOWN


def _parent(metadata: Sequence[tuple[str, Any]] | None) -> otel_context.Context:
    values = {
        key.lower(): value
        for key, value in metadata or ()
        if key.lower() in (TRACEPARENT, TRACESTATE)
    }
    if TRACEPARENT not in values:
        return otel_context.Context()  # a new trace: never inherit the server's context
    as_text = {
        k: v.decode("ascii", "replace") if isinstance(v, bytes) else str(v)
        for k, v in values.items()
    }
    return extract_context(as_text[TRACEPARENT], as_text.get(TRACESTATE, ""))
