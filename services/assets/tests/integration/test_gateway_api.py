"""AgencyGatewayService and AssetInquiryService over real gRPC: an agency sees and answers
only its own requests; property results are for the case's team, and reading them is
audited (R41, R46)."""

from __future__ import annotations

import grpc
import pytest

from testkit.assets import case_filed, drain, feed
from testkit.serving import serving
from zhixing.contracts.pb.assets.v1 import gateway_pb2 as gw
from zhixing.contracts.pb.assets.v1 import gateway_pb2_grpc, inquiry_pb2, inquiry_pb2_grpc
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token


@pytest.fixture
def served(service, case):
    settings, instance = service
    feed(instance, case_filed(case))
    feed(instance, _assigned(case))
    drain(instance)
    with serving(instance, settings) as target:
        channel = grpc.insecure_channel(target)
        yield settings, instance, channel
        channel.close()


def _assigned(case):
    from testkit.assets import cloud_event
    return cloud_event("cn.zhixing.cases.v1.CaseAssigned", case.case_id, {
        "case_id": case.case_id, "case_number": case.case_number, "court_code": case.court_code,
        "team": case.team, "lead_officer": "officer-1", "assigned_on": "2026-03-02"},
        position=2)


def metadata(settings, **identity):
    return bearer_metadata(issue_token(Identity(**identity), settings.jwt_secret))


def as_agency(settings, agency_id):
    return metadata(settings, subject=agency_id, role="agency", agency=agency_id)


class TestPull:
    def test_an_agency_sees_only_the_requests_addressed_to_it(self, served):
        settings, _, channel = served
        gateway = gateway_pb2_grpc.AgencyGatewayServiceStub(channel)
        pulled = gateway.PullRequests(gw.PullRequestsRequest(),
                                      metadata=as_agency(settings, "bank.icbc")).requests
        assert len(pulled) == 2  # one per debtor
        assert {r.agency_id for r in pulled} == {"bank.icbc"}
        assert all(r.case_number and r.reply_by.endswith("+08:00") for r in pulled)

    def test_a_court_officer_may_not_pull_agency_requests(self, served):
        settings, _, channel = served
        gateway = gateway_pb2_grpc.AgencyGatewayServiceStub(channel)
        with pytest.raises(grpc.RpcError) as refused:
            gateway.PullRequests(gw.PullRequestsRequest(), metadata=metadata(
                settings, subject="o", role="officer", court="川0104"))
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED

    @pytest.mark.parametrize("method, request_", [
        ("PullRequests", gw.PullRequestsRequest()),
        ("SubmitAnswers", gw.SubmitAnswersRequest()),
    ], ids=["PullRequests", "SubmitAnswers"])
    def test_permission_denied_when_the_agency_is_not_registered(self, served, method,
                                                                 request_):
        """R41, R46: a token naming an agency of no registry is no agency's."""
        settings, _, channel = served
        gateway = gateway_pb2_grpc.AgencyGatewayServiceStub(channel)
        with pytest.raises(grpc.RpcError) as refused:
            getattr(gateway, method)(request_, metadata=as_agency(settings, "bank.nowhere"))
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert "R41 [agency]" in (refused.value.details() or "")


class TestSubmit:
    def test_answers_are_applied_once_and_leave_the_inbox(self, served):
        settings, _, channel = served
        gateway = gateway_pb2_grpc.AgencyGatewayServiceStub(channel)
        bank = as_agency(settings, "bank.icbc")
        pulled = gateway.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
        answers = [gw.AgencyAnswer(request_id=r.request_id, outcome="nothing") for r in pulled]
        first = gateway.SubmitAnswers(gw.SubmitAnswersRequest(answers=answers), metadata=bank)
        again = gateway.SubmitAnswers(gw.SubmitAnswersRequest(answers=answers), metadata=bank)
        assert (first.applied, first.duplicates) == (2, 0)
        assert (again.applied, again.duplicates) == (0, 2)
        assert not gateway.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests

    def test_refused_when_answering_another_agencys_request(self, served):
        settings, _, channel = served
        gateway = gateway_pb2_grpc.AgencyGatewayServiceStub(channel)
        pulled = gateway.PullRequests(gw.PullRequestsRequest(),
                                      metadata=as_agency(settings, "bank.icbc")).requests
        forged = gw.AgencyAnswer(request_id=pulled[0].request_id, outcome="nothing")
        with pytest.raises(grpc.RpcError) as refused:
            gateway.SubmitAnswers(gw.SubmitAnswersRequest(answers=[forged]),
                                  metadata=as_agency(settings, "bank.ccb"))
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert "R46" in refused.value.details()

    def test_invalid_argument_names_the_field_when_an_answer_holds_201_holdings(self, served):
        """Issue 12 item 2: the gateway's requests are bounded like every RPC's."""
        settings, _, channel = served
        gateway = gateway_pb2_grpc.AgencyGatewayServiceStub(channel)
        bank = as_agency(settings, "bank.icbc")
        pulled = gateway.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
        holdings = [gw.Holding(asset_kind="deposit", reference=f"acct-{n}") for n in range(201)]
        answer = gw.AgencyAnswer(request_id=pulled[0].request_id, outcome="found",
                                 holdings=holdings)
        with pytest.raises(grpc.RpcError) as refused:
            gateway.SubmitAnswers(gw.SubmitAnswersRequest(answers=[answer]), metadata=bank)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert refused.value.details() == ("[answers[0].holdings]: Bound: at most 200 items; "
                                           "got 201 items")
        assert len(gateway.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests) == 2


class TestPropertyPicture:
    def _answer_with_deposit(self, settings, channel):
        gateway = gateway_pb2_grpc.AgencyGatewayServiceStub(channel)
        bank = as_agency(settings, "bank.icbc")
        pulled = gateway.PullRequests(gw.PullRequestsRequest(), metadata=bank).requests
        holding = gw.Holding(asset_kind="deposit", reference="6222000011112222",
                             description="活期存款", value_fen=5_000_00)  # disposable unset
        gateway.SubmitAnswers(gw.SubmitAnswersRequest(answers=[
            gw.AgencyAnswer(request_id=r.request_id, outcome="found", holdings=[holding])
            for r in pulled]), metadata=bank)

    def test_the_team_reads_what_was_found_and_the_read_is_audited(self, served, case):
        settings, instance, channel = served
        self._answer_with_deposit(settings, channel)
        inquiry = inquiry_pb2_grpc.AssetInquiryServiceStub(channel)
        picture = inquiry.GetPropertyPicture(
            inquiry_pb2.GetPropertyPictureRequest(
                case_id=case.case_id, debtor_identity_number=case.debtors[0].identity_number),
            metadata=metadata(settings, subject="o1", role="officer", court="川0104",
                              team=case.team))
        assert [h.value_fen for h in picture.holdings] == [5_000_00]
        assert picture.disposable_value_fen == 5_000_00  # unset = disposable, as on Kafka
        [read] = [e for e in instance.audit.entries(500)
                  if e.action.endswith("GetPropertyPicture")]
        assert (read.actor, read.target, read.outcome) == ("o1", case.case_number, "ok")

    def test_an_officer_of_another_team_may_not_read_it(self, served, case):
        settings, _, channel = served
        inquiry = inquiry_pb2_grpc.AssetInquiryServiceStub(channel)
        with pytest.raises(grpc.RpcError) as refused:
            inquiry.GetPropertyPicture(
                inquiry_pb2.GetPropertyPictureRequest(case_id=case.case_id),
                metadata=metadata(settings, subject="o2", role="officer", court="川0104",
                                  team="执行二组"))
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert "R46" in refused.value.details()

    def test_a_judge_of_another_court_is_answered_not_found(self, served, case):
        settings, _, channel = served
        inquiry = inquiry_pb2_grpc.AssetInquiryServiceStub(channel)
        with pytest.raises(grpc.RpcError) as refused:
            inquiry.GetPropertyPicture(
                inquiry_pb2.GetPropertyPictureRequest(case_id=case.case_id),
                metadata=metadata(settings, subject="j", role="judge", court="渝0103"))
        assert refused.value.code() == grpc.StatusCode.NOT_FOUND

    def test_inquiries_of_a_case_show_each_agency_with_the_debtor_masked(self, served, case):
        settings, _, channel = served
        inquiry = inquiry_pb2_grpc.AssetInquiryServiceStub(channel)
        listed = inquiry.ListCaseInquiries(
            inquiry_pb2.ListCaseInquiriesRequest(case_id=case.case_id),
            metadata=metadata(settings, subject="j", role="judge", court="川0104")).inquiries
        assert len(listed) == 2 and all(len(i.agencies) == 16 for i in listed)
        assert all(case.debtors[0].identity_number not in i.debtor for i in listed)


class TestInvestigation:
    def test_refused_when_recorded_in_the_future(self, served, case):
        settings, _, channel = served
        inquiry = inquiry_pb2_grpc.AssetInquiryServiceStub(channel)
        with pytest.raises(grpc.RpcError) as refused:
            inquiry.RecordInvestigation(
                inquiry_pb2.RecordInvestigationRequest(
                    case_id=case.case_number, measure="reward_notice", recorded_on="2099-01-01",
                    request_id="inv-1"),
                metadata=metadata(settings, subject="j", role="judge", court="川0104"))
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "[recorded_on]" in refused.value.details()

    def test_recorded_by_case_number_once_when_retried(self, served, case):
        settings, _, channel = served
        inquiry = inquiry_pb2_grpc.AssetInquiryServiceStub(channel)
        request = inquiry_pb2.RecordInvestigationRequest(
            case_id=case.case_number, measure="lawyer_order", recorded_on="2026-03-01",
            property_found=True, outcome="律师调查令查得车辆一辆", request_id="inv-2")
        judge = metadata(settings, subject="j", role="judge", court="川0104")
        first = inquiry.RecordInvestigation(request, metadata=judge)
        again = inquiry.RecordInvestigation(request, metadata=judge)
        assert first.investigation_id == again.investigation_id

    def test_already_exists_naming_request_id_when_reused_for_another_investigation(
            self, served, case):
        settings, _, channel = served
        inquiry = inquiry_pb2_grpc.AssetInquiryServiceStub(channel)
        request = inquiry_pb2.RecordInvestigationRequest(
            case_id=case.case_number, measure="lawyer_order", recorded_on="2026-03-01",
            property_found=True, outcome="律师调查令查得车辆一辆", request_id="inv-3")
        judge = metadata(settings, subject="j", role="judge", court="川0104")
        inquiry.RecordInvestigation(request, metadata=judge)
        request.property_found = False
        with pytest.raises(grpc.RpcError) as refused:
            inquiry.RecordInvestigation(request, metadata=judge)
        assert refused.value.code() == grpc.StatusCode.ALREADY_EXISTS
        assert "[request_id]" in refused.value.details()
