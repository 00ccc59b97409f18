"""Anonymous callers of a public RPC are held to a rate per client address (issue 12):
one anonymous client made 449 `ListDishonest(page_size=500)` calls a second. The server
is the one every service runs in (`GrpcServer`); its limiter's clock is driven by the
test, so nothing sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest

from testkit.serving import serving_server
from zhixing.contracts.pb.publicity.v1 import publicity_pb2, publicity_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.runtime.rate import ClientRate, RateLimiter
from zhixing.runtime.server import GrpcServer
from zhixing.security.identity import Identity
from zhixing.security.policy import Policy, PolicyBook
from zhixing.security.tokens import bearer_metadata, issue_token

PUBLICITY = "zhixing.publicity.v1.PublicityService"
BURST = 3


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Lists(publicity_pb2_grpc.PublicityServiceServicer):
    async def ListDishonest(self, request: Any, context: Any) -> Any:
        return publicity_pb2.ListDishonestResponse()


@dataclass
class Instance:
    grpc_service_names: list[str] = field(default_factory=lambda: [PUBLICITY])
    policies: PolicyBook = field(default_factory=lambda: PolicyBook.for_service(
        PUBLICITY, {"ListDishonest": Policy.anyone()}))

    def register_grpc(self, server: Any) -> None:
        publicity_pb2_grpc.add_PublicityServiceServicer_to_server(Lists(), server)


@pytest.fixture
def served() -> Iterator[tuple[str, Settings, Clock]]:
    settings, clock = Settings(grpc_port=0), Clock()
    limiter = RateLimiter(ClientRate(burst=BURST, per_second=1), clock)
    with serving_server(lambda: GrpcServer(  # type: ignore[list-item]
            [Instance()], settings, public_rate=limiter)) as server:
        yield f"127.0.0.1:{server.port}", settings, clock


def _codes(stub: Any, n: int, metadata: Any = ()) -> list[grpc.StatusCode]:
    codes = []
    for _ in range(n):
        try:
            stub.ListDishonest(publicity_pb2.ListDishonestRequest(page_size=500),
                               metadata=metadata, timeout=10)
            codes.append(grpc.StatusCode.OK)
        except grpc.RpcError as error:
            codes.append(error.code())
    return codes


class TestPublicRate:
    def test_resource_exhausted_with_retry_after_when_an_anonymous_address_passes_its_burst(
            self, served):
        target, _, _ = served
        with grpc.insecure_channel(target) as channel:
            stub = publicity_pb2_grpc.PublicityServiceStub(channel)
            assert _codes(stub, BURST) == [grpc.StatusCode.OK] * BURST
            with pytest.raises(grpc.RpcError) as refused:
                stub.ListDishonest(publicity_pb2.ListDishonestRequest(page_size=500), timeout=10)
        error = refused.value
        assert error.code() is grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "try again in 1 s" in error.details()
        assert ("retry-after", "1") in tuple(error.trailing_metadata())

    def test_answered_again_when_the_clock_has_refilled_a_token(self, served):
        target, _, clock = served
        with grpc.insecure_channel(target) as channel:
            stub = publicity_pb2_grpc.PublicityServiceStub(channel)
            _codes(stub, BURST + 1)
            clock.now += 1.0  # one a second
            assert _codes(stub, 2) == [grpc.StatusCode.OK, grpc.StatusCode.RESOURCE_EXHAUSTED]

    def test_a_signed_in_caller_is_not_limited_when_the_address_is_spent(self, served):
        target, settings, _ = served
        metadata = bearer_metadata(issue_token(Identity("officer-1", "officer", "2400"),
                                               settings.jwt_secret))
        with grpc.insecure_channel(target) as channel:
            stub = publicity_pb2_grpc.PublicityServiceStub(channel)
            _codes(stub, BURST + 1)
            assert _codes(stub, 3 * BURST, metadata) == [grpc.StatusCode.OK] * (3 * BURST)
