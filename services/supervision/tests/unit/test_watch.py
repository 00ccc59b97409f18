"""The watch (R36) against a fake of the application's alert commands: which breach each
event raises (rule, case, who must act, by when), raised once, and which event closes it.
No I/O: the watches that keep no table are fed parsed deliveries with no cursor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from testkit.assets import cloud_event
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets import v1 as assets
from zhixing.contracts.events.cases import v1 as cases
from zhixing.contracts.events.credit.v1 import ListingRemoved
from zhixing.contracts.events.relief import v1 as relief
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.messaging.typed import Context
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.policies.watch import CasesWatch, CreditWatch, ReliefWatch, Watch
from zhixing.supervision.policies.watch_assets import AssetsWatch, deadline_day

CASE_ID = "7f1c2a9e-0000-4000-8000-000000000015"
CASE_NUMBER = "(2026)川0104执15号"
COURT = "川0104"
MEASURE = "3c5d7e9f-0000-4000-8000-000000000001"
APPLICATION = "5e1a9d0c-0000-4000-8000-000000000001"


@dataclass
class Raised:
    """An alert as the fake keeps it."""

    kind: str
    court_code: str
    case_id: str
    case_number: str
    subject: str
    act_by_role: str
    act_by: str
    due_on: date
    source_event: str
    rule: str
    status: str = "open"
    closed_on: date | None = None
    closed_by_event: str = ""


class FakeDesk:
    """The application's alert commands as the spec states them: raised once per
    (kind, case or court, subject), closed by event, per case by kind and prefix."""

    def __init__(self) -> None:
        self.alerts: dict[UUID, Raised] = {}

    def raise_alert(self, kind: str, *, court_code: str, case_id: str, case_number: str,
                    subject: str, act_by_role: str, act_by: str, due_on: date,
                    source_event: str, rule: str = "") -> Raised | None:
        alert_id = Alert.breach_id(kind, court_code, case_id, subject)
        if alert_id in self.alerts:
            return None
        self.alerts[alert_id] = Raised(str(kind), court_code, case_id, case_number, subject,
                                       act_by_role, act_by, due_on, source_event, rule)
        return self.alerts[alert_id]

    def close_alert(self, kind: str, *, court_code: str, case_id: str, subject: str,
                    on: date, by_event: str) -> bool:
        found = self.alerts.get(Alert.breach_id(kind, court_code, case_id, subject))
        return found is not None and self._close(found, on, by_event)

    def close_case_alerts(self, case_id: str, *, on: date, by_event: str,
                          kinds: Any = None, subject_prefix: str = "") -> int:
        wanted = None if kinds is None else {str(k) for k in kinds}
        return sum(self._close(a, on, by_event) for a in self.alerts.values()
                   if a.case_id == case_id and (wanted is None or a.kind in wanted)
                   and a.subject.startswith(subject_prefix))

    def alert(self, alert_id: str) -> Raised:
        found = self.alerts.get(UUID(str(alert_id)))
        if found is None:
            raise NotFound("nothing with that alert_id", field="alert_id")
        return found

    @staticmethod
    def _close(alert: Raised, on: date, by_event: str) -> bool:
        if alert.status == "closed":
            return False
        alert.status, alert.closed_on, alert.closed_by_event = "closed", on, by_event
        return True

    def by_subject(self) -> dict[str, Raised]:
        return {a.subject: a for a in self.alerts.values()}


class Numbers:
    """The KPI read model's 案号 lookup: one case known."""

    def case_number(self, case_id: str) -> str:
        if case_id != CASE_ID:
            raise NotFound("no such case", field="case_id")
        return CASE_NUMBER


@pytest.fixture
def desk() -> FakeDesk:
    return FakeDesk()


def deliver(watch: Watch, *events: IntegrationEvent) -> None:
    for position, event in enumerate(events, 1):
        watch.handle(cloud_event(event.event_type, CASE_ID, event.model_dump(mode="json"),
                                 position), None)  # type: ignore[arg-type]


def head() -> dict[str, str]:
    return {"case_id": CASE_ID, "case_number": CASE_NUMBER, "court_code": COURT}


def node_overdue(node: str, due_on: str = "2026-02-20", rule: str = "R27") -> cases.NodeOverdue:
    return cases.NodeOverdue(**head(), node=node, rule=rule, due_on=due_on, team="执行一组")


def only(desk: FakeDesk) -> Raised:
    [alert] = desk.alerts.values()
    return alert


class TestNodeOverdue:
    """R26–R28: a node's act not done by its last day."""

    def test_an_alert_names_the_rule_team_and_last_day_when_a_node_is_overdue(self, desk):
        deliver(CasesWatch(desk, Numbers()), node_overdue("notice"))
        alert = only(desk)
        assert (alert.kind, alert.rule, alert.subject, alert.case_number, alert.act_by_role,
                alert.act_by, alert.due_on, alert.source_event) == (
            "node_overdue", "R27", "notice", CASE_NUMBER, "officer", "执行一组",
            date(2026, 2, 20), "cn.zhixing.cases.v1.NodeOverdue")

    def test_raised_once_when_the_event_is_delivered_again(self, desk):
        deliver(CasesWatch(desk, Numbers()), node_overdue("notice"), node_overdue("notice"))
        assert len(desk.alerts) == 1

    @pytest.mark.parametrize(("node", "act"), [
        ("assign", cases.CaseAssigned(**head(), team="执行一组", lead_officer="officer-1",
                                      assigned_on="2026-03-01")),
        ("notice", cases.ExecutionNoticeServed(**head(), served_on="2026-03-01",
                                               property_report_due="2026-03-11",
                                               listing_warning=True, respondents=[])),
        ("property_report", cases.PropertyReported(**head(), reported_on="2026-03-01")),
        ("close", cases.CaseConcluded(**head(), concluded_on="2026-03-01", unpaid_fen=1,
                                      requery_dates=[], respondents=[])),
        ("disburse", cases.MoneyDisbursed(**head(), disbursement_id="d-1", payee="costs",
                                          amount_fen=1, disbursed_on="2026-03-01",
                                          received_total_fen=1, claim_total_fen=1)),
    ])
    def test_the_alert_closes_on_the_acts_day_when_its_act_is_recorded(self, desk, node, act):
        deliver(CasesWatch(desk, Numbers()), node_overdue(node), node_overdue("leads_request"),
                act)
        alerts = desk.by_subject()
        assert (alerts[node].status, alerts[node].closed_on, alerts[node].closed_by_event) == (
            "closed", date(2026, 3, 1), act.event_type)
        assert alerts["leads_request"].status == "open"

    def test_the_alert_closes_when_the_president_extends_the_node(self, desk):
        deliver(CasesWatch(desk, Numbers()), node_overdue("close", rule="R26"),
                cases.DeadlineExtended(**head(), node="close", due_on="2026-09-20",
                                       approved_by="president-1"))
        # The envelope's time (02:00 UTC) is 10:00 on 2 March in Beijing.
        assert (only(desk).status, only(desk).closed_on) == ("closed", date(2026, 3, 2))

    def test_only_that_node_closes_when_another_nodes_name_begins_with_it(self, desk):
        deliver(CasesWatch(desk, Numbers()), node_overdue("verify_lead:1"),
                node_overdue("verify_lead:12"),
                cases.DeadlineExtended(**head(), node="verify_lead:1", due_on="2026-04-01",
                                       approved_by="president-1"))
        alerts = desk.by_subject()
        assert (alerts["verify_lead:1"].status, alerts["verify_lead:12"].status) == (
            "closed", "open")

    def test_raised_again_as_another_breach_when_the_extended_node_is_missed_again(self, desk):
        watch = CasesWatch(desk, Numbers())
        deliver(watch, node_overdue("close", "2026-02-20", "R26"),
                cases.DeadlineExtended(**head(), node="close", due_on="2026-05-20",
                                       approved_by="president-1"))
        deliver(watch, node_overdue("close", "2026-05-20", "R26"),
                node_overdue("close", "2026-05-20", "R26"))
        alerts = desk.by_subject()
        assert set(alerts) == {"close", "close@2026-05-20"}
        assert (alerts["close@2026-05-20"].status, alerts["close@2026-05-20"].due_on) == (
            "open", date(2026, 5, 20))

    def test_every_open_alert_of_the_case_closes_when_the_case_is_closed(self, desk):
        deliver(CasesWatch(desk, Numbers()), node_overdue("notice"), node_overdue("close"))
        deliver(AssetsWatch(desk, Numbers()), expiring())
        deliver(CasesWatch(desk, Numbers()), cases.CaseClosed(
            **head(), closure="executed_in_full", closed_on="2026-03-05", recovered_fen=1,
            respondents=[]))
        assert {(a.status, a.closed_on) for a in desk.alerts.values()} == {
            ("closed", date(2026, 3, 5))}
        assert len(desk.alerts) == 3

    def test_the_requery_alerts_close_when_the_case_resumes(self, desk):
        # R18: the sweep raised it (subject requery:<date>); a 执恢 case continues.
        desk.raise_alert("requery_missing", court_code=COURT, case_id=CASE_ID,
                         case_number=CASE_NUMBER, subject="requery:2026-02-01",
                         act_by_role="officer", act_by="", due_on=date(2026, 2, 1),
                         source_event="supervision.sweep")
        deliver(CasesWatch(desk, Numbers()), cases.CaseResumed(
            **head(), resumed_on="2026-03-01", new_case_id="x", new_case_number="y",
            reason="property_found"))
        assert only(desk).status == "closed"


def measure(**fields: Any) -> dict[str, Any]:
    return {"measure_id": MEASURE, "case_id": CASE_ID, "court_code": COURT,
            "asset_id": "asset-1", **fields}


def expiring(expires_on: str = "2026-03-20") -> assets.MeasureExpiring:
    return assets.MeasureExpiring(**measure(), expires_on=expires_on)


def took_effect(flagged: bool) -> assets.MeasureTookEffect:
    return assets.MeasureTookEffect(**measure(), kind="seal", asset_class="real_property",
                                    amount_fen=1, effective_on="2026-03-01",
                                    expires_on="2029-03-01", over_cap_flagged=flagged)


def lapsed(reason: str = "term_ended") -> assets.MeasureLapsed:
    return assets.MeasureLapsed(**measure(), lapsed_on="2026-03-21", reason=reason)


def released() -> assets.MeasureReleased:
    return assets.MeasureReleased(**measure(), ground="paid", released_on="2026-03-10")


class TestMeasures:
    """R20 terms, R21 over-seizure."""

    def test_an_alert_to_renew_by_the_last_day_when_a_term_nears_its_end(self, desk):
        deliver(AssetsWatch(desk, Numbers()), expiring())
        alert = only(desk)
        assert (alert.kind, alert.subject, alert.due_on, alert.case_number, alert.rule) == (
            "measure_expiring", MEASURE, date(2026, 3, 20), CASE_NUMBER, "")

    @pytest.mark.parametrize("act", [
        assets.MeasureRenewed(**measure(), expires_on="2027-03-20"), released(), lapsed()],
        ids=["renewed", "released", "lapsed"])
    def test_the_reminder_closes_when_the_measure_is_renewed_released_or_lapses(self, desk,
                                                                                act):
        deliver(AssetsWatch(desk, Numbers()), expiring(), act)
        [reminder] = [a for a in desk.alerts.values() if a.kind == "measure_expiring"]
        assert (reminder.status, reminder.closed_by_event) == ("closed", act.event_type)

    def test_raised_again_when_the_renewed_term_nears_its_end(self, desk):
        watch = AssetsWatch(desk, Numbers())
        deliver(watch, expiring("2026-03-20"),
                assets.MeasureRenewed(**measure(), expires_on="2027-03-20"))
        deliver(watch, expiring("2027-03-20"))
        assert desk.by_subject()[f"{MEASURE}@2027-03-20"].status == "open"

    def test_a_lapse_alert_stays_for_a_person_when_the_term_ended_unrenewed(self, desk):
        deliver(AssetsWatch(desk, Numbers()), lapsed())
        alert = only(desk)
        assert (alert.kind, alert.due_on, alert.status) == (
            "measure_lapsed", date(2026, 3, 21), "open")

    def test_nothing_is_raised_when_the_measure_lapsed_because_the_asset_was_disposed(
            self, desk):
        # R22: the first court sold the whole asset; the waiting measure breached nothing.
        deliver(AssetsWatch(desk, Numbers()), lapsed("asset_disposed"))
        assert desk.alerts == {}

    def test_an_over_seizure_alert_until_released_when_the_measure_is_flagged(self, desk):
        watch = AssetsWatch(desk, Numbers())
        deliver(watch, took_effect(flagged=True))
        assert (only(desk).kind, only(desk).due_on) == ("over_seizure", date(2026, 3, 1))
        deliver(watch, released())
        assert only(desk).status == "closed"

    def test_nothing_is_raised_when_the_measure_is_within_the_cap(self, desk):
        deliver(AssetsWatch(desk, Numbers()), took_effect(flagged=False))
        assert desk.alerts == {}


class TestExemptProperty:
    def test_the_supervisor_is_alerted_when_exempt_property_was_ordered(self, desk):
        # R24: refused by the assets service; R36 flags the attempt.
        deliver(AssetsWatch(desk, Numbers()), assets.ExemptPropertyAttempted(
            attempt_id="a-1", case_id=CASE_ID, court_code=COURT, asset_id="asset-1",
            ground="medical_aid", attempted_on="2026-03-02", by="officer-1"))
        alert = only(desk)
        assert (alert.kind, alert.subject, alert.act_by_role, alert.act_by, alert.due_on,
                alert.case_number) == ("exempt_property", "a-1", "supervisor", "",
                                       date(2026, 3, 2), CASE_NUMBER)


def removed(removed_on: str, case_id: str = CASE_ID) -> ListingRemoved:
    return ListingRemoved(listing_id="l-1", court_code=COURT,
                          debtor_identity_number="510104198003121234", case_id=case_id,
                          reason=1, triggered_on="2026-03-02", remove_by="2026-03-05",
                          removed_on=removed_on)


class TestRemoval:
    """R8: removed within 3 working days of the ground."""

    def test_an_alert_naming_the_deadline_when_a_listing_was_removed_late(self, desk):
        deliver(CreditWatch(desk, Numbers()), removed("2026-03-06"))
        alert = only(desk)
        assert (alert.kind, alert.subject, alert.due_on, alert.case_number) == (
            "removal_late", "l-1", date(2026, 3, 5), CASE_NUMBER)

    def test_nothing_is_raised_when_the_listing_was_removed_on_its_last_day(self, desk):
        deliver(CreditWatch(desk, Numbers()), removed("2026-03-05"))
        assert desk.alerts == {}

    def test_raised_without_a_case_number_when_the_case_is_not_known_yet(self, desk):
        other = "7f1c2a9e-0000-4000-8000-000000000099"
        deliver(CreditWatch(desk, Numbers()), removed("2026-03-09", case_id=other))
        assert (only(desk).case_id, only(desk).case_number) == (other, "")


def relief_head() -> dict[str, str]:
    return {"application_id": APPLICATION, "relief_case_number": "(2026)川0104司救执1号",
            "case_id": CASE_ID, "court_code": COURT}


def step_overdue(step: str) -> relief.ReliefStepOverdue:
    return relief.ReliefStepOverdue(**relief_head(), step=step, due_on="2026-03-02",
                                    detected_on="2026-03-03", act_by_role="president")


class TestRelief:
    """R31: decided within 10 working days, the applicant told within 2 of the funds."""

    def test_who_must_act_is_the_events_when_a_step_is_overdue(self, desk):
        deliver(ReliefWatch(desk, Numbers()), step_overdue("decision"))
        alert = only(desk)
        assert (alert.kind, alert.subject, alert.act_by_role, alert.due_on,
                alert.case_number) == ("relief_overdue", f"{APPLICATION}:decision",
                                       "president", date(2026, 3, 2), CASE_NUMBER)

    @pytest.mark.parametrize("decision", [
        relief.ReliefApproved(**relief_head(), amount_fen=1, fund_year=2026,
                              decided_on="2026-03-04"),
        relief.ReliefRejected(**relief_head(), rule="R29", decided_on="2026-03-04"),
        relief.ReliefWithdrawn(**relief_head(), withdrawn_on="2026-03-04", released_fen=0)],
        ids=["approved", "rejected", "withdrawn"])
    def test_only_the_decision_alert_closes_when_the_application_is_decided(self, desk,
                                                                             decision):
        deliver(ReliefWatch(desk, Numbers()), step_overdue("decision"),
                step_overdue("notification"), decision)
        alerts = desk.by_subject()
        assert (alerts[f"{APPLICATION}:decision"].status,
                alerts[f"{APPLICATION}:decision"].closed_on) == ("closed", date(2026, 3, 4))
        assert alerts[f"{APPLICATION}:notification"].status == "open"

    def test_the_notification_alert_closes_when_the_applicant_is_told(self, desk):
        deliver(ReliefWatch(desk, Numbers()), step_overdue("notification"),
                relief.ApplicantNotified(**relief_head(), notified_on="2026-03-05"))
        assert only(desk).status == "closed"


class TestUnreadableDates:
    """Most contract dates are plain text: one that is no date is refused naming its
    field (the consumer parks it as a rule's refusal), never a bare ValueError."""

    def test_refused_naming_the_field_when_a_due_day_is_no_date(self, desk):
        with pytest.raises(InvalidInput, match=r"R36 \[due_on\]") as refused:
            deliver(CasesWatch(desk, Numbers()), node_overdue("notice", due_on="2026-02-31"))
        assert "2026-02-31" not in str(refused.value) and desk.alerts == {}

    def test_refused_naming_reply_by_when_the_agencys_deadline_is_no_instant(self, desk):
        with pytest.raises(InvalidInput, match=r"\[reply_by\]"):
            AssetsWatch(desk, Numbers()).agency_overdue(assets.AgencyAnswerOverdue(
                inquiry_id="i", case_id=CASE_ID, court_code=COURT, request_id="i:a",
                agency_id="a", agency_kind="bank_deposit", reply_by="2026-02-27T25:00"),
                Context(Cursorless(), "id", "/test", CASE_ID, COURT, "2026-03-02T02:00:00Z", 1))


class TestAgencyDeadlineDay:
    """An agency's reply_by is an instant with its offset; its day is China's (R62)."""

    def test_the_day_is_chinas_when_the_instant_is_told_in_utc(self):
        assert deadline_day("2026-02-27T17:00:00+00:00") == date(2026, 2, 28)
        assert deadline_day("2026-02-27T23:59:00+08:00") == date(2026, 2, 27)

    def test_refused_naming_reply_by_when_the_instant_has_no_offset(self):
        with pytest.raises(InvalidInput, match=r"\[reply_by\]"):
            deadline_day("2026-02-27T17:00:00")


class Cursorless:
    """A cursor that takes the insert and keeps nothing (no I/O in a unit test)."""

    def execute(self, sql: str, params: Any = ()) -> None:
        return None
