"""The publicity service's public RPCs hold an anonymous client to a rate per address
(issue 12): one anonymous client made 449 `ListDishonest(page_size=500)` calls a second.
Against the running suite (embedded, SQLite), with the rate set low by its settings."""

from __future__ import annotations

import grpc
import pytest

from testkit.suites import embedded_suite
from zhixing.contracts.pb.publicity.v1 import publicity_pb2, publicity_pb2_grpc
from zhixing.security.identity import Identity
from zhixing.security.tokens import bearer_metadata, issue_token

pytestmark = pytest.mark.e2e

BURST, CALLS = 5, 20
"""At one call a second after the burst, 20 quick calls cannot all be answered."""


def _codes(stub: publicity_pb2_grpc.PublicityServiceStub,
           metadata: tuple[tuple[str, str], ...] = ()) -> list[str]:
    codes = []
    for _ in range(CALLS):
        try:
            stub.ListDishonest(publicity_pb2.ListDishonestRequest(page_size=50),
                               metadata=metadata, timeout=10)
            codes.append("OK")
        except grpc.RpcError as error:
            codes.append(error.code().name)
            if error.code() is grpc.StatusCode.RESOURCE_EXHAUSTED:
                assert ("retry-after", "1") in tuple(error.trailing_metadata() or ())
    return codes


class TestPublicRate:
    def test_resource_exhausted_when_an_anonymous_client_lists_beyond_its_rate(
            self, tmp_path, processes):
        suite = embedded_suite(processes, tmp_path, ("publicity",), "2026-03-02T10:00:00+08:00",
                               ZHIXING_GRPC_BURST=str(BURST), ZHIXING_GRPC_RATE="1")
        judge = bearer_metadata(issue_token(Identity("judge-1", "judge", "川0104"),
                                            suite.secret))
        with grpc.insecure_channel(suite.target("publicity")) as channel:
            stub = publicity_pb2_grpc.PublicityServiceStub(channel)
            anonymous, signed_in = _codes(stub), _codes(stub, judge)
        assert anonymous[:BURST] == ["OK"] * BURST
        assert set(anonymous[BURST:]) <= {"OK", "RESOURCE_EXHAUSTED"}
        assert "RESOURCE_EXHAUSTED" in anonymous
        assert signed_in == ["OK"] * CALLS  # a court user is not held to it
