"""Leads the public reported (执行线索, issue 17) in the assets service, in process: a
LeadReported becomes the case team's lead to verify by R27's 5 working days (once, however
often it is delivered); ListLeads shows the caller's court its leads soonest first with
the overdue ones marked; VerifyLead is the team's, audited (R46), and publishes
LeadVerified flagged late after the last day."""

from __future__ import annotations

from datetime import UTC, datetime

import grpc
import pytest
from typer.testing import CliRunner

from testkit.assets import case_assigned, case_filed, cloud_event, drain, feed, set_clock
from testkit.serving import serving
from zhixing.assets.cli import app as cli
from zhixing.contracts.events.assets.v1 import LeadVerified
from zhixing.contracts.events.publicity.v1 import LeadReported
from zhixing.contracts.pb.assets.v1 import inquiry_pb2 as pb
from zhixing.contracts.pb.assets.v1 import inquiry_pb2_grpc
from zhixing.contracts.topics import ASSETS_EVENTS
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.sources import NotificationLogSource
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.security.identity import Identity
from zhixing.security.tokens import bearer_metadata, issue_token

LEAD_ID = "5d1c6a2e-0000-4000-8000-000000000001"


def reported(case, lead_id: str = LEAD_ID) -> LeadReported:
    return LeadReported(lead_id=lead_id, reference="XS-7K3M-Q9TP", case_id=case.case_id,
                        case_number=case.case_number, court_code=case.court_code,
                        source="listing", source_id="L1", property_kind="vehicle",
                        text="他在城南停有一辆白色轿车", contact="13800001111",
                        reported_on="2026-03-02")


class Verified(TypedHandler):
    """Records the LeadVerified the service publishes."""

    def __init__(self) -> None:
        self.seen: list[LeadVerified] = []

    @on(LeadVerified)
    def verified(self, event: LeadVerified, ctx: Context) -> None:
        self.seen.append(event)


@pytest.fixture
def leads(service, case):
    settings, instance = service
    feed(instance, case_filed(case))
    feed(instance, case_assigned(case))
    for _ in range(2):  # redelivered: still one lead
        feed(instance, cloud_event(LeadReported.event_type, LEAD_ID,
                                   reported(case).model_dump(mode="json"), 5))
    drain(instance)
    with serving(instance, settings) as target:
        channel = grpc.insecure_channel(target)

        def as_(court: str = "川0104", team: str = "执行一组"):
            return bearer_metadata(issue_token(Identity(
                subject=f"officer@{court}", role="officer", court=court, team=team),
                settings.jwt_secret))

        yield inquiry_pb2_grpc.AssetInquiryServiceStub(channel), as_, settings, instance, target
        channel.close()


class TestListLeads:
    def test_the_team_sees_the_lead_with_its_r27_day_when_it_was_reported(self, leads, case):
        stub, as_, _settings, _instance, _target = leads
        [lead] = stub.ListLeads(pb.ListLeadsRequest(), metadata=as_()).leads
        assert (lead.lead_id, lead.case_number, lead.team) == (LEAD_ID, case.case_number,
                                                              "执行一组")
        assert (lead.accepted_on, lead.verify_by, lead.overdue) == (
            "2026-03-02", "2026-03-09", False)
        assert lead.text == "他在城南停有一辆白色轿车" and lead.contact == "13800001111"

    def test_marked_overdue_when_its_last_day_has_passed_unverified(self, leads):
        stub, as_, settings, _instance, _target = leads
        set_clock(settings, datetime(2026, 3, 10, 2, 0, tzinfo=UTC))
        [lead] = stub.ListLeads(pb.ListLeadsRequest(open_only=True), metadata=as_()).leads
        assert lead.overdue

    def test_another_courts_staff_see_none_and_may_not_ask_for_it_r46(self, leads):
        stub, as_, _settings, _instance, _target = leads
        assert not stub.ListLeads(pb.ListLeadsRequest(), metadata=as_("川0105")).leads
        with pytest.raises(grpc.RpcError) as raised:
            stub.ListLeads(pb.ListLeadsRequest(court_code="川0104"), metadata=as_("川0105"))
        assert raised.value.code() is grpc.StatusCode.PERMISSION_DENIED


class TestVerifyLead:
    def test_publishes_a_late_verification_when_after_its_last_day_audited(self, leads, case):
        stub, as_, settings, instance, _target = leads
        set_clock(settings, datetime(2026, 3, 10, 2, 0, tzinfo=UTC))
        lead = stub.VerifyLead(pb.VerifyLeadRequest(
            lead_id=LEAD_ID, outcome="property_found", note="已查封车辆"), metadata=as_()).lead
        assert (lead.outcome, lead.verified_on, lead.overdue) == (
            "property_found", "2026-03-10", False)
        recorder = Verified()
        TrackedConsumer(NotificationLogSource(instance.outbox.view(ASSETS_EVENTS)), recorder,
                        instance.store, group="test.verified").run_once(0.01)
        [published] = recorder.seen
        assert (published.lead_id, published.late) == (LEAD_ID, True)
        assert any(e.action.endswith("VerifyLead") and e.target == case.case_number
                   and e.outcome == "ok" for e in instance.audit.entries(50))

    def test_refused_to_another_team_and_unknown_to_another_court_r46(self, leads):
        stub, as_, _settings, _instance, _target = leads
        request = pb.VerifyLeadRequest(lead_id=LEAD_ID, outcome="not_found", note="无")
        for metadata, code in ((as_(team="执行二组"), grpc.StatusCode.PERMISSION_DENIED),
                               (as_("川0105"), grpc.StatusCode.NOT_FOUND)):
            with pytest.raises(grpc.RpcError) as raised:
                stub.VerifyLead(request, metadata=metadata)
            assert raised.value.code() is code

    def test_refused_naming_note_and_its_bound_when_the_note_is_unbounded(self, leads):
        stub, as_, _settings, _instance, _target = leads
        with pytest.raises(grpc.RpcError) as raised:
            stub.VerifyLead(pb.VerifyLeadRequest(lead_id=LEAD_ID, outcome="not_found",
                                                 note="注" * 1001), metadata=as_())
        assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "note" in raised.value.details() and "1000" in raised.value.details()


class TestCli:
    """`zhixing asset leads|verify-lead` against the served service."""

    @pytest.fixture
    def run(self, leads, monkeypatch):
        _stub, _as, settings, _instance, target = leads
        for name, value in (("ZHIXING_GRPC_TARGET", target),
                            ("ZHIXING_JWT_SECRET", settings.jwt_secret),
                            ("ZHIXING_TEAM", "执行一组"), ("ZHIXING_COURT", "川0104"),
                            ("ZHIXING_ROLE", "officer")):
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("ZHIXING_TOKEN", raising=False)
        return lambda *args: CliRunner().invoke(cli, list(args))

    def test_lists_then_verifies_the_lead_when_the_team_runs_the_commands(self, run, case):
        listed = run("leads", "--open-only")
        assert listed.exit_code == 0, listed.stderr
        assert "2026-03-09" in listed.stdout and LEAD_ID in listed.stdout
        assert case.case_number in listed.stdout and "open" in listed.stdout
        verified = run("verify-lead", LEAD_ID, "not_found", "--note", "车辆已过户")
        assert verified.exit_code == 0, verified.stderr
        assert "verified 2026-03-02, not_found" in verified.stdout
        assert "no leads" in run("leads", "--open-only").stdout

    def test_one_line_naming_the_field_when_the_outcome_is_unknown(self, run):
        refused = run("verify-lead", LEAD_ID, "maybe", "--note", "无")
        assert refused.exit_code != 0 and "outcome" in refused.stderr
