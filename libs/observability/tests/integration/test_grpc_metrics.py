"""Command latency per RPC: the metrics interceptor on a real grpc.aio server."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

import grpc
from grpc import aio
from prometheus_client import REGISTRY

from zhixing.observability.grpc_metrics import UNKNOWN_RPC, MetricsInterceptor

SERVICE = "test.v1.TimedService"


async def echo(request: bytes, context: aio.ServicerContext) -> bytes:
    return request


async def missing(request: bytes, context: aio.ServicerContext) -> bytes:
    await context.abort(grpc.StatusCode.NOT_FOUND, "no such case")
    return b""


@asynccontextmanager
async def serving(*inner: aio.ServerInterceptor) -> AsyncIterator[aio.Channel]:
    known = [f"/{SERVICE}/Echo", f"/{SERVICE}/Missing"]
    server = aio.server(interceptors=[MetricsInterceptor(known), *inner])
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


class RefuseAll(aio.ServerInterceptor):
    """Like the authentication interceptor: refuses any method, served or not."""

    async def intercept_service(self, continuation, details):
        async def refuse(request: bytes, context: aio.ServicerContext) -> bytes:
            await context.abort(grpc.StatusCode.PERMISSION_DENIED, "no policy declared")
            return b""

        return grpc.unary_unary_rpc_method_handler(refuse)


def series(rpc_part: str) -> int:
    return sum(1 for family in REGISTRY.collect() for sample in family.samples
               if rpc_part in sample.labels.get("rpc", ""))


async def call(method: str, *inner: aio.ServerInterceptor) -> None:
    async with serving(*inner) as channel:
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

    def test_an_unserved_method_is_observed_as_unknown_when_a_later_interceptor_refuses_it(self):
        # Caller-chosen method names must not become label values: each would add a
        # histogram's worth of series (unbounded cardinality, and whatever text it holds).
        before = REGISTRY.get_sample_value("zhixing_command_duration_seconds_count",
                                           {"rpc": UNKNOWN_RPC, "code": "PERMISSION_DENIED"}) or 0
        asyncio.run(call("Zhang3_110101199003071234", RefuseAll()))
        assert series("Zhang3_110101199003071234") == 0
        assert REGISTRY.get_sample_value("zhixing_command_duration_seconds_count",
                                         {"rpc": UNKNOWN_RPC, "code": "PERMISSION_DENIED"}) == before + 1
