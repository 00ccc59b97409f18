"""Command latency per RPC: the metrics interceptor on a real grpc.aio server."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import grpc
from grpc import aio
from prometheus_client import REGISTRY

from zhixing.observability.grpc_metrics import MetricsInterceptor

SERVICE = "test.v1.TimedService"


async def echo(request: bytes, context: aio.ServicerContext) -> bytes:
    return request


async def missing(request: bytes, context: aio.ServicerContext) -> bytes:
    await context.abort(grpc.StatusCode.NOT_FOUND, "no such case")
    return b""


@asynccontextmanager
async def serving() -> AsyncIterator[aio.Channel]:
    server = aio.server(interceptors=[MetricsInterceptor()])
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, {
        "Echo": grpc.unary_unary_rpc_method_handler(echo),
        "Missing": grpc.unary_unary_rpc_method_handler(missing)}),))
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield channel
    finally:
        await server.stop(None)


def observed(rpc: str, code: str) -> float:
    return REGISTRY.get_sample_value("zhixing_command_duration_seconds_count",
                                     {"rpc": f"{SERVICE}/{rpc}", "code": code}) or 0.0


async def call(method: str) -> None:
    async with serving() as channel:
        with suppress(aio.AioRpcError):
            await channel.unary_unary(f"/{SERVICE}/{method}")(b"x")


class TestCommandLatency:
    def test_a_call_is_observed_under_its_rpc_and_ok_when_answered(self):
        before = observed("Echo", "OK")
        asyncio.run(call("Echo"))
        assert observed("Echo", "OK") == before + 1

    def test_a_refusal_is_observed_under_its_status_code_when_aborted(self):
        before = observed("Missing", "NOT_FOUND")
        asyncio.run(call("Missing"))
        assert observed("Missing", "NOT_FOUND") == before + 1
