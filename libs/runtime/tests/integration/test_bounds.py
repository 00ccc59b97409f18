"""The gRPC server refuses what is too big before a servicer sees it (issue 12 item 2):
a message over 1 MiB with RESOURCE_EXHAUSTED, a field beyond its bound with
INVALID_ARGUMENT naming the field's path and the bound, never its value; the server keeps
serving after either."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest

from testkit.serving import serving_server
from zhixing.contracts.pb.credit.v1 import check_pb2, check_pb2_grpc
from zhixing.contracts.pb.publicity.v1 import publicity_pb2, publicity_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.runtime.bounds import MAX_MESSAGE_BYTES
from zhixing.runtime.server import GrpcServer
from zhixing.security.identity import Identity
from zhixing.security.policy import Policy, PolicyBook
from zhixing.security.tokens import bearer_metadata, issue_token

PUBLICITY = "zhixing.publicity.v1.PublicityService"
CHECK = "zhixing.credit.v1.CreditCheckService"
RESIDENT_ID = "510104199001011234"


class Progress(publicity_pb2_grpc.PublicityServiceServicer):
    """Answers every case number it is given, and counts the calls that reach it."""

    def __init__(self) -> None:
        self.calls = 0

    async def GetCaseProgress(self, request: Any, context: Any) -> Any:
        self.calls += 1
        return publicity_pb2.GetCaseProgressResponse()


class Checks(check_pb2_grpc.CreditCheckServiceServicer):
    """Answers each batch with as many (empty) states as it held identities; follows
    with one (empty) change."""

    async def Follow(self, request: Any, context: Any) -> AsyncIterator[Any]:
        yield check_pb2.FollowResponse()

    async def BatchCheck(self, requests: AsyncIterator[Any], context: Any) -> AsyncIterator[Any]:
        async for batch in requests:
            yield check_pb2.BatchCheckResponse(
                states=[check_pb2.CreditState() for _ in batch.identity_numbers])


@dataclass
class Instance:
    """What `GrpcServer` needs of a service instance."""

    progress: Progress = field(default_factory=Progress)
    grpc_service_names: list[str] = field(default_factory=lambda: [PUBLICITY, CHECK])
    policies: PolicyBook = field(default_factory=lambda: PolicyBook.for_service(
        PUBLICITY, {"GetCaseProgress": Policy.anyone()}) | PolicyBook.for_service(
        CHECK, {"BatchCheck": Policy.for_roles("partner", court_scoped=False),
                "Follow": Policy.for_roles("partner", court_scoped=False)}))

    def register_grpc(self, server: Any) -> None:
        publicity_pb2_grpc.add_PublicityServiceServicer_to_server(self.progress, server)
        check_pb2_grpc.add_CreditCheckServiceServicer_to_server(Checks(), server)


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[grpc.Channel, Instance, Settings]]:
    settings, instance = Settings(grpc_port=0), Instance()
    with serving_server(lambda: GrpcServer(  # type: ignore[list-item]
            [instance], settings)) as server:
        channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
        try:
            yield channel, instance, settings
        finally:
            channel.close()


def progress(channel: grpc.Channel, number: str) -> Any:
    stub = publicity_pb2_grpc.PublicityServiceStub(channel)
    return stub.GetCaseProgress(publicity_pb2.GetCaseProgressRequest(case_number=number),
                                timeout=10)


def partner(served: tuple[grpc.Channel, Instance, Settings]) -> tuple[Any, Any]:
    """The check service's stub and a partner's call metadata."""
    channel, _, settings = served
    token = issue_token(Identity("p-1", "partner"), settings.jwt_secret)
    return check_pb2_grpc.CreditCheckServiceStub(channel), bearer_metadata(token)


def batches(served: tuple[grpc.Channel, Instance, Settings], *sizes: int) -> list[Any]:
    stub, metadata = partner(served)
    requests = (check_pb2.BatchCheckRequest(identity_numbers=[RESIDENT_ID] * size)
                for size in sizes)
    return list(stub.BatchCheck(requests, metadata=metadata, timeout=30))


def follow(served: tuple[grpc.Channel, Instance, Settings], after: int) -> list[Any]:
    stub, metadata = partner(served)
    request = check_pb2.FollowRequest(after=after)
    return list(stub.Follow(request, metadata=metadata, timeout=10))


def refusal(call: Any) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as refused:
        call()
    return refused.value


class TestMessageSize:
    def test_resource_exhausted_and_server_still_serves_when_a_message_is_over_1_mib(
            self, served):
        channel, instance, _ = served
        before = instance.progress.calls
        error = refusal(lambda: progress(channel, "x" * (MAX_MESSAGE_BYTES + 1)))
        assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert instance.progress.calls == before
        progress(channel, "(2024)川0104执1号")
        assert instance.progress.calls == before + 1


class TestFieldBounds:
    def test_invalid_argument_names_field_and_bound_when_a_string_is_too_long(self, served):
        channel, instance, _ = served
        before = instance.progress.calls
        error = refusal(lambda: progress(channel, "号" * 65))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert error.details() == ("[case_number]: Bound: at most 64 characters; "
                                   "got 65 characters")
        assert instance.progress.calls == before

    def test_refusal_quotes_no_value_when_a_resident_id_is_in_the_long_string(self, served):
        channel, _, _ = served
        error = refusal(lambda: progress(channel, RESIDENT_ID * 4))
        assert RESIDENT_ID not in error.details() and "case_number" in error.details()

    def test_a_value_within_its_bound_reaches_the_servicer_when_at_the_limit(self, served):
        channel, instance, _ = served
        before = instance.progress.calls
        progress(channel, "号" * 64)
        assert instance.progress.calls == before + 1

    def test_invalid_argument_names_rule_when_a_streamed_batch_is_over_its_bound(
            self, served):
        error = refusal(lambda: batches(served, 2, 10_001))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert error.details().startswith("R42 [identity_numbers]: Bound: at most 10000 items")

    def test_every_batch_is_answered_when_each_is_within_its_bound(self, served):
        answers = batches(served, 3, 10_000)
        assert [len(a.states) for a in answers] == [3, 10_000]

    def test_invalid_argument_names_field_when_a_streamed_answer_asks_past_its_bound(
            self, served):
        error = refusal(lambda: follow(served, 2**53))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert error.details().startswith("[after]: Bound: at most 9007199254740991")

    def test_the_stream_answers_when_its_request_is_within_bounds(self, served):
        assert len(follow(served, 2**53 - 1)) == 1

    def test_refusal_quotes_no_account_number_when_one_is_typed_into_a_number(self, served):
        account = 6222020200112233445  # a bank card number typed where a position goes
        error = refusal(lambda: follow(served, account))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "2233445" not in error.details() and "19 digits" in error.details()


BAD_UTF8 = b"\x0a\x03\xed\xa0\x80"
"""Field 1, a string, holding a lone surrogate in UTF-8: not a message of any contract."""
CORRUPT = b"\x0a\xff\xff\xff\xff\x0f"
"""Field 1 announcing 4 GiB of bytes that never come."""


class TestMalformedMessages:
    @pytest.mark.parametrize("sent", [BAD_UTF8, CORRUPT])
    def test_invalid_argument_without_python_text_when_the_bytes_do_not_parse(
            self, served, sent):
        channel, instance, _ = served
        before = instance.progress.calls
        call = channel.unary_unary(f"/{PUBLICITY}/GetCaseProgress")
        error = refusal(lambda: call(sent, timeout=10))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "GetCaseProgressRequest" in error.details()
        assert "Error" not in error.details() and "class" not in error.details()
        assert instance.progress.calls == before

    def test_invalid_argument_when_a_streamed_message_does_not_parse(self, served):
        channel, _, settings = served
        token = issue_token(Identity("p-1", "partner"), settings.jwt_secret)
        call = channel.stream_stream(f"/{CHECK}/BatchCheck")
        good = check_pb2.BatchCheckRequest(identity_numbers=[RESIDENT_ID]).SerializeToString()
        error = refusal(lambda: list(call(iter([good, BAD_UTF8]),
                                          metadata=bearer_metadata(token), timeout=10)))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "BatchCheckRequest" in error.details()
