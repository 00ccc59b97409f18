"""R46 on the agency gateway: handing debtors' identities to an agency is audited; an
empty poll hands out nothing and is not (agencies poll every second or so), nor is the
same unanswered request handed out again — both are counted."""

from __future__ import annotations

import grpc
import pytest
from prometheus_client import REGISTRY

from testkit.assets import case_filed, drain, feed
from testkit.serving import serving
from zhixing.contracts.pb.assets.v1 import gateway_pb2 as gw
from zhixing.contracts.pb.assets.v1 import gateway_pb2_grpc
from zhixing.security.identity import Identity
from zhixing.security.tokens import bearer_metadata, issue_token


@pytest.fixture
def gateway(service, case):
    settings, instance = service
    feed(instance, case_filed(case))
    drain(instance)
    with serving(instance, settings) as target:
        channel = grpc.insecure_channel(target)
        bank = bearer_metadata(issue_token(
            Identity(subject="bank.icbc", role="agency", agency="bank.icbc"), settings.jwt_secret))
        yield gateway_pb2_grpc.AgencyGatewayServiceStub(channel), bank, instance
        channel.close()


def pulls_audited(instance) -> int:
    return sum(1 for e in instance.audit.entries(500) if e.action.endswith("PullRequests"))


class TestPullAudit:
    def test_a_pull_that_hands_out_requests_is_audited(self, gateway):
        stub, bank, instance = gateway
        assert stub.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
        assert pulls_audited(instance) == 1

    def test_the_hand_out_names_the_case_when_requests_go_out(self, gateway, case):
        # R46: who, WHY and when — the row named the agency and a count only, so "who
        # received this debtor's identity" could not be answered from the log.
        stub, bank, instance = gateway
        assert stub.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
        [row] = [e for e in instance.audit.entries(500) if e.action.endswith("PullRequests")]
        assert (row.actor, row.target) == ("bank.icbc", case.case_number)

    def test_empty_polls_leave_the_audit_log_alone_when_nothing_is_pending(self, gateway):
        stub, bank, instance = gateway
        pulled = stub.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
        stub.SubmitAnswers(gw.SubmitAnswersRequest(answers=[
            gw.AgencyAnswer(request_id=r.request_id, outcome="nothing") for r in pulled]),
            metadata=bank)
        before = pulls_audited(instance)
        for _ in range(5):
            assert not stub.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
        assert pulls_audited(instance) == before

    def test_an_empty_poll_is_counted_when_nothing_is_pending(self, gateway):
        stub, bank, _instance = gateway
        pulled = stub.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
        stub.SubmitAnswers(gw.SubmitAnswersRequest(answers=[
            gw.AgencyAnswer(request_id=r.request_id, outcome="nothing") for r in pulled]),
            metadata=bank)
        before = counted("zhixing_agency_empty_polls_total")
        stub.PullRequests(gw.PullRequestsRequest(), metadata=bank)
        assert counted("zhixing_agency_empty_polls_total") == before + 1

    def test_an_unanswered_request_is_audited_once_when_polled_again_and_again(self, gateway):
        # An agency that never answered was audited on every poll, forever (issue 12 item 9).
        stub, bank, instance = gateway
        first = stub.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
        before = counted("zhixing_agency_redelivered_requests_total")
        for _ in range(3):
            again = stub.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
            assert [r.request_id for r in again] == [r.request_id for r in first]
        assert pulls_audited(instance) == 1
        assert counted("zhixing_agency_redelivered_requests_total") == before + 3 * len(first)


def counted(name: str) -> float:
    return REGISTRY.get_sample_value(name) or 0.0
