"""The tracing interceptor on a real grpc.aio server on 127.0.0.1 (raw bytes)."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import grpc
import pytest
from grpc import aio
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from zhixing.observability import current_traceparent, tracer
from zhixing.observability.grpc_tracing import TracingInterceptor, traceparent_metadata

SERVICE = "test.v1.EchoService"


async def echo(request: bytes, context: aio.ServicerContext) -> bytes:
    return current_traceparent().encode()


async def echo_stream(request: bytes, context: aio.ServicerContext) -> AsyncIterator[bytes]:
    for _ in range(2):
        yield current_traceparent().encode()


async def missing(request: bytes, context: aio.ServicerContext) -> bytes:
    await context.abort(grpc.StatusCode.NOT_FOUND, "no such case")
    return b""


async def broken(request: bytes, context: aio.ServicerContext) -> bytes:
    raise RuntimeError("debtor 51010419900101123X")


class RefuseAll(aio.ServerInterceptor):
    """Like the authentication interceptor: refuses any method, served or not."""

    async def intercept_service(self, continuation: Any, details: Any) -> Any:
        async def refuse(request: bytes, context: aio.ServicerContext) -> bytes:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "no policy declared")
            return b""

        return grpc.unary_unary_rpc_method_handler(refuse)


@asynccontextmanager
async def serving(*inner: aio.ServerInterceptor) -> AsyncIterator[aio.Channel]:
    served = [f"/{SERVICE}/{name}" for name in ("Echo", "EchoStream", "Missing", "Broken")]
    server = aio.server(interceptors=[TracingInterceptor(served=served), *inner])
    server.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                SERVICE,
                {
                    "Echo": grpc.unary_unary_rpc_method_handler(echo),
                    "EchoStream": grpc.unary_stream_rpc_method_handler(echo_stream),
                    "Missing": grpc.unary_unary_rpc_method_handler(missing),
                    "Broken": grpc.unary_unary_rpc_method_handler(broken),
                },
            ),
        )
    )
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield channel
    finally:
        await server.stop(None)


def call(method: str, metadata: Any = (), *inner: aio.ServerInterceptor) -> bytes:
    async def go() -> bytes:
        async with serving(*inner) as channel:
            return await channel.unary_unary(f"/{SERVICE}/{method}")(b"", metadata=metadata)

    return asyncio.run(go())


def server_spans(spans: InMemorySpanExporter) -> list[Any]:
    return [s for s in spans.get_finished_spans() if s.kind is SpanKind.SERVER]


class TestServerSpan:
    def test_span_continues_incoming_trace_when_traceparent_sent(
        self, spans: InMemorySpanExporter
    ) -> None:
        with tracer("client").start_as_current_span("cli") as client:
            metadata = traceparent_metadata()
        seen_in_handler = call("Echo", metadata=metadata).decode()
        (span,) = server_spans(spans)
        assert span.context.trace_id == client.get_span_context().trace_id
        assert span.parent is not None
        assert span.parent.span_id == client.get_span_context().span_id
        assert seen_in_handler.split("-")[2] == format(span.context.span_id, "016x")

    def test_span_is_named_unknown_when_the_method_is_not_served(
        self, spans: InMemorySpanExporter
    ) -> None:
        # The method name is the caller's text (here a name and an ID number); a later
        # interceptor's refusal made it the span's name and attributes.
        with pytest.raises(aio.AioRpcError):
            call("Zhang3_110101199003071234", (), RefuseAll())
        (span,) = server_spans(spans)
        assert span.name == "unknown" and "110101199003071234" not in str(span.attributes)

    def test_span_is_named_and_attributed_when_call_succeeds(
        self, spans: InMemorySpanExporter
    ) -> None:
        call("Echo")
        (span,) = server_spans(spans)
        assert span.name == f"{SERVICE}/Echo"
        assert dict(span.attributes) == {
            "rpc.system": "grpc",
            "rpc.service": SERVICE,
            "rpc.method": "Echo",
            "rpc.grpc.status_code": 0,
        }
        assert span.parent is None

    def test_handler_sees_span_on_every_message_when_streaming(
        self, spans: InMemorySpanExporter
    ) -> None:
        async def go() -> list[bytes]:
            async with serving() as channel:
                return [m async for m in channel.unary_stream(f"/{SERVICE}/EchoStream")(b"")]

        first, second = asyncio.run(go())
        (span,) = server_spans(spans)
        assert first == second
        assert first.decode().split("-")[1] == format(span.context.trace_id, "032x")

    def test_status_code_recorded_when_handler_aborts(self, spans: InMemorySpanExporter) -> None:
        with pytest.raises(aio.AioRpcError):
            call("Missing")
        (span,) = server_spans(spans)
        assert span.attributes["rpc.grpc.status_code"] == grpc.StatusCode.NOT_FOUND.value[0]
        assert span.status.status_code is StatusCode.UNSET

    def test_error_without_message_when_handler_raises(self, spans: InMemorySpanExporter) -> None:
        with pytest.raises(aio.AioRpcError):
            call("Broken")
        (span,) = server_spans(spans)
        assert span.attributes["rpc.grpc.status_code"] == grpc.StatusCode.UNKNOWN.value[0]
        assert span.status.status_code is StatusCode.ERROR
        assert "51010419900101123X" not in str(span.to_json())
