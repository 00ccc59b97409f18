"""A creditor in hardship relieved, and the fund repaid from the case — in both run
modes (issue 14: the relief service, end to end).

A case is filed → relief refuses an application while the debtor may still pay (R29) →
the network inquiry finds nothing, the case is concluded (终本, R16) → the applicant is
told of the right to apply, applies, the officer proposes, the president approves within
the cap (R30) and the fund reserves it (R32) → finance pays it → the cases service's
case account records the advance (its ReliefDisbursed consumer) → money is later
received on the case: the account repays the relief first (R32), the officer pays that
share to "relief_fund" → relief follows that MoneyDisbursed and credits the fund: the
balance is back, the application owes nothing, the report counts the recovery (from
ReliefRecovered, relief's own event). Cluster mode runs each service's api, relay and
worker on PostgreSQL and Kafka; embedded mode one process on SQLite and notification
logs. Both give the same results.
"""

from __future__ import annotations

from typing import Any

import grpc
import pytest

from testkit.filings import file_case_request
from testkit.relief import COURT, PROVINCE, QUERIED, TEAM, ReliefCourt
from testkit.suites import RunningSuite, cluster_suite, embedded_suite
from testkit.waiting import wait_until
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.events.credit.v1 import ConsumptionRestrictionIssued, DebtorListed
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.cases.v1.cases_pb2_grpc import CasesServiceStub
from zhixing.eventstore.settings import Settings
from zhixing.runtime.inject import publish_event
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity

pytestmark = pytest.mark.e2e

FILED = "2026-03-02T10:00:00+08:00"
SERVICES = ("cases", "relief")
RELIEF = 3_000_00
"""¥3,000.00: within 36 × the demonstration wage (R30) and the unpaid claim."""
APPROPRIATED, DONATED = 50_000_00, 10_000_00
RECEIVED = 5_000_00
"""Money later received on the case; the relief is repaid from it first (R32)."""


def at(day: str) -> str:
    return f"{day}T10:00:00+08:00"


class Cases:
    """The lead officer of the case over the cases API."""

    def __init__(self, suite: RunningSuite) -> None:
        token = suite.token(Identity(f"officer-{COURT}", "officer", COURT, team=TEAM))
        self.metadata = bearer_metadata(token)
        self.channel = grpc.insecure_channel(suite.target("cases"))
        self.stub = CasesServiceStub(self.channel)

    def __call__(self, method: str, **fields: Any) -> Any:
        request = getattr(cases_pb2, f"{method}Request")(**fields)
        return getattr(self.stub, method)(request, metadata=self.metadata, timeout=15)

    def account(self, case_id: str) -> cases_pb2.Account:
        return self("GetAccount", case=cases_pb2.CaseRef(case_id=case_id)).account


def conclude(suite: RunningSuite, cases: Cases, inject: Settings) -> cases_pb2.EnforcementCase:
    """File a case and take it to 终本: nothing disposable found (the assets service's
    event), the debtor restricted and listed (the credit service's), the applicant
    interviewed, past the three months of R16."""
    filed = cases("FileCase", **_fields(file_case_request(14, court=COURT,
                                                          request_id="relief-life-1")))
    ref = cases_pb2.CaseRef(case_id=filed.case_id)
    cases("AssignCase", case=ref, team=TEAM, lead_officer="officer-e2e")
    cases("ServeNotice", case=ref)
    case = cases("GetCase", case_id=filed.case_id).case
    debtor = case.respondents[0].identity_number
    for event in (
            NetworkInquiryCompleted(inquiry_id="inq-relief", case_id=filed.case_id,
                                    court_code=COURT, debtor_identity_number=debtor,
                                    completed_on="2026-03-20", agency_kinds=QUERIED,
                                    disposable_property_found=False),
            ConsumptionRestrictionIssued(restriction_id="res-relief", case_id=filed.case_id,
                                         court_code=COURT, debtor_identity_number=debtor,
                                         decided_on="2026-03-21"),
            DebtorListed(listing_id="lst-relief", case_id=filed.case_id, court_code=COURT,
                         debtor_identity_number=debtor, decided_on="2026-03-21",
                         grounds=[1])):
        publish_event(inject, event.event_type, event.model_dump(mode="json"),
                      subject=filed.case_id)
    cases("InterviewApplicant", case=ref, summary="告知已采取的措施、终本的法律后果及申请司法救助的权利")
    wait_until(lambda: [u.rule for u in cases("CheckConclusion", case=ref).unmet] == ["R16(4)"],
               timeout=60, what="only R16(4) left before 终本")
    suite.travel(at("2026-06-10"))
    return cases("ConcludeCase", case=ref).case


def relieve_and_recover(suite: RunningSuite) -> list[tuple[str, str]]:
    cases, relief, seen = Cases(suite), ReliefCourt(suite.target("relief"), suite.secret), []
    inject = Settings.from_env(suite.env)
    application = {"party_index": 0, "requested_fen": RELIEF, "hardship_category": "medical",
                   "narrative": "申请人因病致贫，无力负担治疗费用", "request_id":
                   "5d7f0c2e-6a51-4f4e-9a8e-0f4a3c1b2d14"}

    # Still under enforcement, nothing inquired yet: the debtor may pay (R29).
    filed_before = cases("FileCase", **_fields(file_case_request(
        15, court=COURT, request_id="relief-life-0")))
    refused = wait_until(lambda: (e := relief.refusal(
        "Apply", "officer", case_ref=filed_before.case_id, **{**application, "request_id": ""}))
        and e.code() == grpc.StatusCode.FAILED_PRECONDITION and "may still pay" in e.details()
        and e, timeout=60, what="relief to know the case and refuse it as under enforcement")
    seen.append(("refused", refused.details()))

    case = conclude(suite, cases, inject)
    seen.append(("终本", case.status))

    suite.travel(at("2026-06-11"))
    relief("EnterWage", "admin", province=PROVINCE, year=2025, monthly_wage_fen=8_000_00,
           source="四川省统计公报 2025（演示数据）", demonstration=True)
    relief("CreditFund", "finance", kind="appropriation", entry_id="appr-2026-1",
           document_number="川财救〔2026〕1号", amount_fen=APPROPRIATED)
    relief("CreditFund", "finance", kind="donation", entry_id="don-2026-1",
           document_number="捐赠协议 2026-1", amount_fen=DONATED)
    wait_until(lambda: relief.once_known("NotifyRight", "officer", case_ref=case.case_id,
                                         party_index=0),
               timeout=60, what="relief to know the case is in 终本 and record the notice")
    applied = wait_until(lambda: relief.apply_once_known(case_ref=case.case_id, **application),
                         timeout=60, what="relief to know the case is in 终本 and file")
    number = applied.relief_case_number
    seen.append(("applied", f"{number} {applied.status} decide by {applied.decide_by}"))
    application_id = applied.application_id
    relief("Review", "officer", application_id=application_id, proposed_fen=RELIEF,
           opinion="符合救助条件，建议救助 3,000 元")

    suite.travel(at("2026-06-12"))
    approved = relief("Approve", "president", application_id=application_id,
                      amount_fen=RELIEF).application
    seen.append(("approved", f"{approved.status} {approved.amount_fen} on {approved.decided_on}"
                             f" fund {approved.fund_year}"))

    suite.travel(at("2026-06-15"))
    paid = relief("Disburse", "finance", application_id=application_id).application
    seen.append(("disbursed", f"{paid.status} on {paid.disbursed_on} notify by {paid.notify_by}"))
    fund = relief("GetFund", "finance", year=2026).fund
    seen.append(("fund paid", f"{fund.income_fen} {fund.disbursed_fen} {fund.balance_fen}"))

    advanced = wait_until(lambda: (a := cases.account(case.case_id)).relief_advanced_fen and a,
                          timeout=60, what="the case account to record the relief advance")
    seen.append(("advance", str(advanced.relief_advanced_fen)))

    suite.travel(at("2026-07-01"))
    ref = cases_pb2.CaseRef(case_id=case.case_id)
    account = cases("RecordPayment", case=ref, reference="slip-relief-1", amount_fen=RECEIVED,
                    source="voluntary").account
    owed = account.owed_fen["relief_fund"]
    seen.append(("received", f"relief_fund owed {owed}"))
    cases("Disburse", case=ref, reference="out-relief-1", payee="relief_fund", amount_fen=owed)

    fund = wait_until(lambda: (f := relief("GetFund", "finance", year=2026).fund).balance_fen
                      == APPROPRIATED + DONATED and f, timeout=60,
                      what="the fund to be repaid from the case account")
    seen.append(("fund repaid", f"{fund.income_fen} {fund.disbursed_fen} {fund.balance_fen}"))
    after = relief("GetApplication", "officer", application_id=application_id).application
    seen.append(("outstanding", str(after.outstanding_fen)))
    ledger = relief("GetFund", "finance", year=2026, page_size=50).ledger
    seen.append(("ledger", " ".join(f"{line.kind}:{line.amount_fen}" for line in ledger)))
    report = wait_until(lambda: (r := relief("GetReport", "president", year=2026).report)
                        .recovered_fen and r, timeout=60,
                        what="the report to count the recovery (ReliefRecovered)")
    seen.append(("report", f"recovered {report.recovered_fen} balance {report.balance_fen} "
                           f"applied {report.applied} disbursed {report.disbursed}"))
    relief.close()
    cases.channel.close()
    return seen


def _fields(request: cases_pb2.FileCaseRequest) -> dict[str, object]:
    return {field.name: value for field, value in request.ListFields()}


@pytest.fixture(scope="module")
def lives() -> dict[str, list[tuple[str, str]]]:
    return {}


class TestReliefLife:
    def test_cluster_mode_relieves_and_repays_the_fund_when_money_comes_in(
            self, tmp_path, processes, lives):
        suite = cluster_suite(processes, tmp_path, SERVICES, FILED)
        lives["cluster"] = seen = relieve_and_recover(suite)
        assert seen == EXPECTED

    def test_embedded_mode_gives_the_same_results_when_run_in_one_process(
            self, tmp_path, processes, lives):
        suite = embedded_suite(processes, tmp_path, SERVICES, FILED)
        seen = relieve_and_recover(suite)
        assert seen == EXPECTED
        if "cluster" in lives:
            assert seen == lives["cluster"]


EXPECTED = [
    ("refused", "R29 [case_id]: the debtor may still pay: the case is under_enforcement "
                "(not 终本) and no property inquiry has completed for it"),
    ("终本", "concluded"),
    # Complete on Thursday 11 June 2026: 10 working days from the next day (R31, R62),
    # the Dragon Boat Festival (19 June) not counted.
    ("applied", "(2026)川0104司救执1号 applied decide by 2026-06-26"),
    ("approved", "approved 300000 on 2026-06-12 fund 2026"),
    # Paid on Monday 15 June: the applicant is told within 2 working days (R31).
    ("disbursed", "disbursed on 2026-06-15 notify by 2026-06-17"),
    ("fund paid", "6000000 300000 5700000"),
    ("advance", "300000"),
    ("received", "relief_fund owed 300000"),
    ("fund repaid", "6300000 300000 6000000"),
    ("outstanding", "0"),
    ("ledger", "appropriated:5000000 donated:1000000 reserved:300000 disbursed:300000 "
               "repaid:300000"),
    ("report", "recovered 300000 balance 6000000 applied 1 disbursed 1"),
]
