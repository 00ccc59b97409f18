"""A court's months of enforcement as supervision sees them — in both run modes (issue
15: the supervision service, end to end).

Cases are filed, assigned, noticed, paid, closed and taken to 终本 over the cases API;
a flat is sealed over the assets API; debtors are restricted, listed and removed (one on
time, one late, R8) over the credit API; relief is decided over the relief API (R31).
Only the network inquiry that found nothing is injected, as no API produces it without
the agencies (test_relief_life does the same). Then:
- GetKpis for the court, month by month from March to June and for the whole period,
  equals the figures the test computes itself (testkit.supervision.expected) from what
  it did and what the other services answered (R33);
- an assignment left undone past its limit (R27) raises a node_overdue alert, which
  closes when the case is assigned: GetAlert shows raised → closed by CaseAssigned (R36).
Cluster mode runs each service's api, relay and worker on PostgreSQL and Kafka; embedded
mode one process on SQLite and notification logs. Both give the same results.
"""

from __future__ import annotations

from typing import Any

import pytest

from testkit.filings import file_case_request, person
from testkit.relief import COURT, QUERIED, TEAM, ReliefCourt
from testkit.suites import RunningSuite, cluster_suite, embedded_suite
from testkit.supervision import (
    CaseFacts,
    Court,
    Decided,
    answered,
    expected,
    facts_of,
    r16_held,
)
from testkit.waiting import wait_until
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.credit.v1 import credit_pb2
from zhixing.eventstore.settings import Settings
from zhixing.runtime.inject import publish_event

pytestmark = pytest.mark.e2e

SERVICES = ("cases", "assets", "credit", "relief", "supervision")
START = "2026-03-02T10:00:00+08:00"
MONTHS = ["2026-03", "2026-04", "2026-05", "2026-06"]
WAIT = 60
REPRESENTATIVE = credit_pb2.Person(role="legal_representative", name="赵六",
                                   identity_number="11010519491231002X")
"""The company debtor's legal representative, bound by its restriction and listing (R14)."""
ARBITRAL = cases_pb2.EnforcementBasis(kind="arbitral_award", issuing_body="成都仲裁委员会",
                                      document_number="(2025)成仲裁字第2号",
                                      effective_date="2025-05-01")
"""R26: 非诉执行 — closes within 3 months, so closing it in June is beyond the limit."""
RELIEF = 3_000_00
INQUIRED = "2026-03-20"
"""The day the network inquiry of the 终本 case found nothing (R16(3))."""


def at(day: str) -> str:
    return f"{day}T10:00:00+08:00"


class Month:
    """The test's side of the months: the court's people, today, and what it did."""

    def __init__(self, suite: RunningSuite) -> None:
        self.suite = suite
        self.court = Court(suite.targets, suite.secret, COURT, TEAM)
        self.relief = ReliefCourt(suite.target("relief"), suite.secret)
        self.inject = Settings.from_env(suite.env)
        self.today = START[:10]
        self.closed_on: dict[str, str] = {}
        self.r16: dict[str, bool] = {}
        self.removals: list[Decided] = []
        self.reliefs: list[Decided] = []

    def travel(self, day: str) -> None:
        self.today = day
        self.suite.travel(at(day))

    def cases(self, method: str, **fields: Any) -> Any:
        return self.court("cases", method, **fields)

    def file(self, index: int, **changes: Any) -> str:
        request = file_case_request(index, court=COURT, request_id=f"sup-life-{index}",
                                    **changes)
        return str(self.cases("FileCase", **{f.name: v for f, v in request.ListFields()})
                   .case_id)

    def case(self, case_id: str) -> cases_pb2.EnforcementCase:
        return self.cases("GetCase", case_id=case_id).case

    def assign_and_notify(self, case_id: str) -> None:
        ref = cases_pb2.CaseRef(case_id=case_id)
        self.cases("AssignCase", case=ref, team=TEAM, lead_officer="officer-e2e")
        self.cases("ServeNotice", case=ref)

    def overdue(self, case_id: str, node: str) -> bool:
        return any(n.node == node and n.overdue for n in self.case(case_id).nodes)

    def pay_and_close(self, case_id: str, amount_fen: int, closure: str) -> None:
        """Money received, paid out to whom it is owed (R28), then 结案."""
        ref = cases_pb2.CaseRef(case_id=case_id)
        account = self.cases("RecordPayment", case=ref, reference=f"slip-{case_id[:8]}",
                             amount_fen=amount_fen, source="voluntary").account
        for n, (payee, owed) in enumerate(sorted(account.owed_fen.items())):
            if owed:
                self.cases("Disburse", case=ref, reference=f"out-{case_id[:8]}-{n}",
                           payee=payee, amount_fen=owed)
        self.cases("CloseCase", case=ref, closure=closure)
        self.closed_on[case_id] = self.today

    def restrict_and_list(self, case_id: str, *, organisation: bool) -> tuple[str, str, str]:
        """The bench restricts the debtor (R12) and lists it (R1) once credit knows the
        case and its notice; (the listing's id, the restriction's day, the listing's)."""
        case = self.case(case_id)
        debtor, number = case.respondents[0].identity_number, case.case_number
        persons = [REPRESENTATIVE] if organisation else []
        restricted = wait_until(lambda: self.court.once_known(
            "credit", "OrderRestriction", "judge", case_ref=number, debtor_identity_number=debtor,
            order_number=f"{number}之限", persons=persons),
            timeout=WAIT, what="credit to know the case and its notice").restriction
        listing = self.court("credit", "DecideListing", "judge", case_ref=number,
                             debtor_identity_number=debtor, grounds=[2],
                             facts="以暴力方法阻碍执行", decision_number=f"{number}之失",
                             signed_by_president=True, persons=persons).listing
        return str(listing.listing_id), restricted.issued_on, listing.decided_on

    def remove(self, listing_id: str, triggered_on: str) -> None:
        """R8(3): removal on the applicant's request; the deadline runs from the trigger."""
        listing = self.court("credit", "RemoveListing", "judge", listing_id=listing_id,
                             reason=3, triggered_on=triggered_on).listing
        self.removals.append(Decided(listing.removed_on, listing.remove_by))

    def facts(self, case_id: str) -> CaseFacts:
        account = self.cases("GetAccount", case=cases_pb2.CaseRef(case_id=case_id)).account
        return facts_of(self.case(case_id), account, self.closed_on.get(case_id, ""),
                        self.r16.get(case_id, False))

    def close(self) -> None:
        self.court.close()
        self.relief.close()


def node_alert(month: Month, case_id: str, node: str) -> Any:
    """The node_overdue alert of the case's node, once supervision has raised it."""
    listed = month.court("supervision", "ListAlerts", "supervisor", court_code=COURT,
                         kind="node_overdue", page_size=500).alerts
    return next((a for a in listed if a.case_id == case_id and a.subject == node), None)


def alert_life(month: Month, case_id: str) -> list[tuple[str, str, str]]:
    """R27/R36: the assignment is overdue, supervision raises an alert naming the rule,
    the case and who must act; the assignment closes it."""
    month.travel("2026-03-12")
    wait_until(lambda: month.overdue(case_id, "assign"), timeout=WAIT,
               what="the cases sweep reporting the assignment overdue (R27)")
    raised = wait_until(lambda: node_alert(month, case_id, "assign"), timeout=WAIT,
                        what="supervision raising the node_overdue alert")
    seen = [("raised", raised.status, f"{raised.rule} {raised.act_by_role} {raised.due_on}")]
    month.assign_and_notify(case_id)
    closed = wait_until(lambda: (a := month.court("supervision", "GetAlert", "supervisor",
                                                  alert_id=raised.alert_id).alert)
                        .status == "closed" and a, timeout=WAIT,
                        what="the assignment closing the alert")
    seen += [(step.what, step.on, step.note.rsplit(".", 1)[-1]) for step in closed.timeline]
    return seen


def conclude(month: Month, case_id: str, restricted_on: str, listed_on: str) -> None:
    """终本 once the cases service sees every R16 precondition held (R16, R17); the test
    checks them itself from the days it did each act."""
    ref = cases_pb2.CaseRef(case_id=case_id)
    wait_until(lambda: not month.cases("CheckConclusion", case=ref).unmet, timeout=WAIT,
               what="every R16 precondition held before 终本")
    case = month.cases("ConcludeCase", case=ref).case
    month.r16[case_id] = r16_held(
        filed_on=case.filed_on, concluded_on=case.concluded_on,
        notice_served_on=case.notice_served_on, restricted_on=restricted_on,
        listed_on=listed_on, inquiry_on=INQUIRED, inquiry_found=False,
        inquiry_agencies=set(QUERIED))


def relieve(month: Month, case_id: str) -> None:
    """R31: the applicant of the 终本 case applies; the president decides within the
    10 working days."""
    relief = month.relief
    relief("EnterWage", "admin", province="川", year=2025, monthly_wage_fen=8_000_00,
           source="四川省统计公报 2025（演示数据）", demonstration=True)
    relief("CreditFund", "finance", kind="appropriation", entry_id="sup-appr-1",
           document_number="川财救〔2026〕1号", amount_fen=50_000_00)
    wait_until(lambda: relief.once_known("NotifyRight", "officer", case_ref=case_id,
                                         party_index=0),
               timeout=WAIT, what="relief to know the case is in 终本")
    applied = wait_until(lambda: relief.apply_once_known(
        case_ref=case_id, party_index=0, requested_fen=RELIEF, hardship_category="medical",
        narrative="申请人因病致贫，无力负担治疗费用",
        request_id="7c0f3b8e-2a41-4d4e-8b1e-5f2a3c1b9d27"),
        timeout=WAIT, what="relief to file the application")
    relief("Review", "officer", application_id=applied.application_id, proposed_fen=RELIEF,
           opinion="符合救助条件，建议救助 3,000 元")
    month.travel("2026-06-12")
    approved = relief("Approve", "president", application_id=applied.application_id,
                      amount_fen=RELIEF).application
    month.reliefs.append(Decided(approved.decided_on, applied.decide_by))


def march(month: Month) -> dict[str, str]:
    """Three cases filed on 2 March: one to go to 终本, one with an arbitral award to be
    paid in full (its flat sealed meanwhile), one left unassigned past its limit."""
    cases = {"zhongben": month.file(1), "paid": month.file(2, basis=ARBITRAL),
             "late": month.file(3, respondents=[person(555)])}
    for name in ("zhongben", "paid"):
        month.assign_and_notify(cases[name])
    number = month.case(cases["paid"]).case_number
    wait_until(lambda: month.court.once_known(
        "assets", "ImposeMeasure", team_known=True, case_id=cases["paid"],
        request_id="sup-seal-1", asset_id="sup-flat-1", kind="seal",
        asset_kind="real_property", ruling_number=f"{number}之一", amount_fen=10_000_00),
        timeout=WAIT, what="the assets service to know the case's team")
    return cases


def toward_zhongben(month: Month, cases: dict[str, str]) -> dict[str, tuple[str, str, str]]:
    """The inquiry finds nothing (injected: no API produces it without the agencies),
    the applicant is interviewed (R17), both debtors restricted and listed after the
    notices' grace periods (R10)."""
    month.travel(INQUIRED)
    zhongben = cases["zhongben"]
    inquiry = NetworkInquiryCompleted(
        inquiry_id="inq-sup-life", case_id=zhongben, court_code=COURT,
        debtor_identity_number=month.case(zhongben).respondents[0].identity_number,
        completed_on=INQUIRED, agency_kinds=QUERIED, disposable_property_found=False)
    publish_event(month.inject, inquiry.event_type, inquiry.model_dump(mode="json"),
                  subject=zhongben, court=COURT)
    month.cases("InterviewApplicant", case=cases_pb2.CaseRef(case_id=zhongben),
                summary="告知已采取的措施、终本的法律后果及申请司法救助的权利")
    month.travel("2026-04-20")
    return {name: month.restrict_and_list(cases[name], organisation=name == "zhongben")
            for name in ("zhongben", "late")}


def june(month: Month, cases: dict[str, str], listed: dict[str, tuple[str, str, str]]) -> None:
    """Two cases filed; one listing removed on time, one late (R8); the arbitral case
    paid and closed past its 3 months (R26), one withdrawn after a part payment, the
    first taken to 终本 and its applicant relieved (R31); the June case's assignment
    left overdue (R27)."""
    month.travel("2026-06-01")
    cases["opened"], cases["withdrawn"] = month.file(4), month.file(5)
    month.assign_and_notify(cases["withdrawn"])
    month.remove(listed["late"][0], "2026-06-01")  # on the day: within 3 working days

    month.travel("2026-06-10")
    wait_until(lambda: month.overdue(cases["paid"], "close"), timeout=WAIT,
               what="the cases sweep reporting the 3-month limit overdue (R26)")
    month.pay_and_close(cases["paid"], month.case(cases["paid"]).claim.principal_fen,
                        "executed_in_full")
    month.pay_and_close(cases["withdrawn"], 3_000_00, "withdrawn")
    _, restricted_on, listed_on = listed["zhongben"]
    conclude(month, cases["zhongben"], restricted_on, listed_on)

    month.travel("2026-06-11")
    relieve(month, cases["zhongben"])

    month.travel("2026-06-15")
    month.remove(listed["zhongben"][0], "2026-06-01")  # a fortnight late (R8)
    wait_until(lambda: month.overdue(cases["opened"], "assign"), timeout=WAIT,
               what="the June case's assignment overdue (R27)")
    month.travel("2026-06-30")


def agreed_kpis(month: Month, cases: dict[str, str]) -> list[dict[str, Any]]:
    """GetKpis for March to June, once it equals the test's own figures: supervision
    follows four topics, so both sides are read again until they agree; on a timeout
    the last pair is shown."""
    last: list[Any] = []

    def agreed() -> bool:
        facts = [month.facts(case_id) for case_id in cases.values()]
        want = [expected(facts, month.removals, month.reliefs, [m]) for m in MONTHS]
        want.append(expected(facts, month.removals, month.reliefs, MONTHS))
        got = month.court("supervision", "GetKpis", "supervisor", court_code=COURT,
                          from_month=MONTHS[0], to_month=MONTHS[-1])
        last[:] = [[answered(row) for row in got.rows] + [answered(got.total)], want]
        return last[0] == last[1]

    try:
        wait_until(agreed, timeout=WAIT, what="supervision's KPIs to equal the test's")
    except AssertionError:
        assert last[0] == last[1], "GetKpis (left) differs from the test's figures (right)"
    return list(last[1])


def supervise(suite: RunningSuite) -> dict[str, Any]:
    month = Month(suite)
    cases = march(month)
    seen: dict[str, Any] = {"alert": alert_life(month, cases["late"])}
    listed = toward_zhongben(month, cases)
    june(month, cases, listed)
    seen["kpis"] = agreed_kpis(month, cases)
    seen["removal"] = wait_until(
        lambda: next((a.rule for a in month.court(
            "supervision", "ListAlerts", "supervisor", court_code=COURT,
            kind="removal_late", page_size=500).alerts if a.subject == listed["zhongben"][0]),
            ""), timeout=WAIT, what="the late removal's alert (R8)")
    month.close()
    return seen


@pytest.fixture(scope="module")
def lives() -> dict[str, dict[str, Any]]:
    return {}


class TestSupervisionLife:
    def test_cluster_mode_kpis_equal_the_independent_figures_when_a_court_works_its_cases(
            self, tmp_path, processes, lives):
        suite = cluster_suite(processes, tmp_path, SERVICES, START, ZHIXING_SWEEP_SECONDS="1")
        lives["cluster"] = seen = supervise(suite)
        check(seen)

    def test_embedded_mode_gives_the_same_results_when_run_in_one_process(
            self, tmp_path, processes, lives):
        suite = embedded_suite(processes, tmp_path, SERVICES, START, ZHIXING_SWEEP_SECONDS="1")
        seen = supervise(suite)
        check(seen)
        if "cluster" in lives:
            assert apart_from_sweeps(seen) == apart_from_sweeps(lives["cluster"])


def apart_from_sweeps(seen: dict[str, Any]) -> dict[str, Any]:
    """The results but the overdue nodes: which nodes a case's sweep reports before the
    act that ends them depends on when its periodic run falls (each mode agrees with
    itself on them; see `supervise`)."""
    return {**seen, "kpis": [{k: v for k, v in row.items() if k != "overdue_nodes"}
                             for row in seen["kpis"]]}


def check(seen: dict[str, Any]) -> None:
    """What does not depend on the figures' recomputation: the alert's life, the late
    removal's rule, and the figures that fix the scenario's shape (so a test that agreed
    on nothing would not pass)."""
    assert seen["alert"] == ALERT
    assert seen["removal"] == "R8"
    total = seen["kpis"][-1]
    assert (total["received"], total["closed"], total["zhongben"],
            total["zhongben_compliant"], total["first_closed"],
            total["first_closed_within_limit"], total["removals"],
            total["removals_within_limit"], total["relief_decided"],
            total["relief_within_limit"]) == (5, 3, 1, 1, 3, 2, 2, 1, 1, 1)
    june = seen["kpis"][3]
    assert (june["received"], june["pending_at_start"], june["closed"]) == (2, 3, 3)
    assert total["overdue_nodes"] >= 3  # C's assignment, B's close, the June assignment


ALERT = [
    # Filed on Monday 2 March: assignment due in 7 working days (R27), reported on the
    # 12th; the officer must act.
    ("raised", "open", "R27 officer 2026-03-11"),
    ("raised", "2026-03-12", "NodeOverdue"),
    ("closed", "2026-03-12", "CaseAssigned"),
]
