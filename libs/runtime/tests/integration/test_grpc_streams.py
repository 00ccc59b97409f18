"""A client address holds a bounded number of streamed calls open (issue 12 item 2): a
`Follow` stream runs until its client leaves, and each held ~28 KB of the server's
memory, so one partner opening streams without end could exhaust the process."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest

from testkit.serving import serving_server
from zhixing.contracts.pb.credit.v1 import check_pb2, check_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.runtime.bounds import MAX_STREAMS_PER_ADDRESS
from zhixing.runtime.server import GrpcServer
from zhixing.security.identity import Identity
from zhixing.security.policy import Policy, PolicyBook
from zhixing.security.tokens import bearer_metadata, issue_token

CHECK = "zhixing.credit.v1.CreditCheckService"


class Endless(check_pb2_grpc.CreditCheckServiceServicer):
    """Follow sends one change, then waits for more that never come."""

    async def Follow(self, request: Any, context: Any) -> AsyncIterator[Any]:
        yield check_pb2.FollowResponse(caught_up=True)
        await asyncio.Event().wait()


@dataclass
class Instance:
    grpc_service_names: list[str] = field(default_factory=lambda: [CHECK])
    policies: PolicyBook = field(default_factory=lambda: PolicyBook.for_service(
        CHECK, {"Follow": Policy.for_roles("partner", court_scoped=False)}))

    def register_grpc(self, server: Any) -> None:
        check_pb2_grpc.add_CreditCheckServiceServicer_to_server(Endless(), server)


@pytest.fixture
def served() -> Iterator[tuple[str, Settings]]:
    settings = Settings(grpc_port=0)
    with serving_server(lambda: GrpcServer(  # type: ignore[list-item]
            [Instance()], settings)) as server:
        yield f"127.0.0.1:{server.port}", settings


class TestStreamsPerAddress:
    def test_resource_exhausted_when_an_address_opens_one_stream_beyond_its_share(
            self, served):
        target, settings = served
        metadata = bearer_metadata(issue_token(Identity("p-1", "partner"), settings.jwt_secret))
        with grpc.insecure_channel(target) as channel:
            stub = check_pb2_grpc.CreditCheckServiceStub(channel)
            held = [stub.Follow(check_pb2.FollowRequest(), metadata=metadata, timeout=60)
                    for _ in range(MAX_STREAMS_PER_ADDRESS)]
            try:
                assert all(next(stream).caught_up for stream in held)  # each one is open
                one_more = stub.Follow(check_pb2.FollowRequest(), metadata=metadata, timeout=60)
                with pytest.raises(grpc.RpcError) as refused:
                    next(one_more)
                assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
                assert str(MAX_STREAMS_PER_ADDRESS) in refused.value.details()
            finally:
                for stream in held:
                    stream.cancel()
