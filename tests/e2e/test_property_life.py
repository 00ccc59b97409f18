"""A deposit found, frozen and deducted into the case account, in both run modes
(issue: the assets service, end to end).

A case is filed over gRPC and assigned → the assets service starts 网络查控 by itself →
the simulated agencies answer (`zhixing agency-sim`: over the agency gateway in embedded
mode, over Kafka in cluster mode) → the officer reads the property picture, freezes a
deposit for 12 months (R20, in effect on service R25) and deducts the claim (划拨) → the
cases service records the money in the case account (一案一账号, R28). Both modes must
show the same results (DESIGN §6); the day is fixed by a clock file (DESIGN §10).
"""

from __future__ import annotations

from typing import Any

import grpc
import pytest

from testkit.filings import file_case_request
from testkit.suites import RunningSuite, cluster_suite, embedded_suite
from testkit.waiting import wait_until
from zhixing.agency_sim.data import holdings_for
from zhixing.contracts.pb.assets.v1 import control_pb2, inquiry_pb2
from zhixing.contracts.pb.assets.v1.control_pb2_grpc import AssetControlServiceStub
from zhixing.contracts.pb.assets.v1.inquiry_pb2_grpc import AssetInquiryServiceStub
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.cases.v1.cases_pb2_grpc import CasesServiceStub
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity

pytestmark = pytest.mark.e2e

COURT, TEAM = "川0104", "执行一组"
NOW = "2026-03-02T10:00:00+08:00"
SEED = 0
"""The simulator's seed: with it the filing's company debtor keeps deposits at two banks."""
AGENCIES = ["--seed", str(SEED), "--latency-ms", "5-20", "--error-rate", "0"]
"""Every agency answers, quickly, never with an error."""
SERVICES = ("cases", "assets")
NOT_YET = {grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED}
"""What the assets API answers before the filing (or the assignment) has reached it."""


class Officer:
    """The lead officer of 执行一组 at 川0104, over the cases and assets gRPC APIs."""

    def __init__(self, suite: RunningSuite) -> None:
        token = suite.token(Identity(f"officer-{COURT}", "officer", COURT, team=TEAM))
        self.metadata = bearer_metadata(token)
        self.channels = [grpc.insecure_channel(suite.target(s)) for s in SERVICES]
        self.cases = CasesServiceStub(self.channels[0])
        self.inquiry = AssetInquiryServiceStub(self.channels[1])
        self.control = AssetControlServiceStub(self.channels[1])

    def __call__(self, stub: Any, method: str, request: Any) -> Any:
        return getattr(stub, method)(request, metadata=self.metadata, timeout=15)

    def completed_inquiries(self, case_id: str) -> list[inquiry_pb2.Inquiry]:
        """The case's inquiries once every one has all its answers; [] until then."""
        try:
            found = self(self.inquiry, "ListCaseInquiries",
                         inquiry_pb2.ListCaseInquiriesRequest(case_id=case_id)).inquiries
        except grpc.RpcError as error:
            if error.code() in NOT_YET:
                return []
            raise
        return list(found) if found and all(i.status == "completed" for i in found) else []

    def close(self) -> None:
        for channel in self.channels:
            channel.close()


def find_freeze_and_deduct(suite: RunningSuite) -> list[tuple[str, str]]:
    """Drive one case from filing to money in its account; returns (step, what was seen)."""
    officer, seen = Officer(suite), []
    filed = officer(officer.cases, "FileCase",
                    file_case_request(0, court=COURT, request_id="property-1"))
    officer(officer.cases, "AssignCase", cases_pb2.AssignCaseRequest(
        case=cases_pb2.CaseRef(case_id=filed.case_id), team=TEAM, lead_officer="officer-e2e"))
    case = officer(officer.cases, "GetCase", cases_pb2.GetCaseRequest(case_id=filed.case_id)).case
    debtor = case.respondents[0].identity_number
    claim = case.claim.principal_fen + case.claim.interest_fen + case.claim.costs_fen

    # 网络查控 started by itself on filing; the simulated agencies answer.
    inquiries = wait_until(lambda: officer.completed_inquiries(filed.case_id), timeout=90,
                           what="the automatic network inquiry completed with every answer")
    seen.append(("inquiry", f"{len(inquiries)} completed, "
                            f"{len(inquiries[0].agencies)} agencies, "
                            f"disposable found: {inquiries[0].disposable_property_found}"))
    picture = officer(officer.inquiry, "GetPropertyPicture", inquiry_pb2.GetPropertyPictureRequest(
        case_id=filed.case_id, debtor_identity_number=debtor))
    seen.append(("picture", ";".join(sorted(
        f"{h.agency_id}:{h.asset_kind}:{h.value_fen}:{h.disposable}" for h in picture.holdings))))
    seen.append(("overdue agencies", ",".join(picture.overdue_agency_ids)))
    deposit = min((h for h in picture.holdings if h.asset_kind == "deposit" and h.disposable),
                  key=lambda h: (h.agency_id, h.reference))
    reported = holdings_for(deposit.agency_id, "bank_deposit", debtor, SEED)
    assert (deposit.reference, deposit.value_fen) in [(h.reference, h.value_fen)
                                                      for h in reported]
    seen.append(("deposit", f"{deposit.agency_id} {deposit.value_fen}"))

    # 冻结 for the claim, 12 months (R20); in effect on service (R25).
    frozen = officer(officer.control, "ImposeMeasure", control_pb2.ImposeMeasureRequest(
        case_id=filed.case_id, request_id="freeze-1", asset_id=deposit.asset_id, kind="freeze",
        asset_kind="deposit", ruling_number=f"{case.case_number}之一", amount_fen=claim,
        term_months=12, debtor_identity_number=debtor)).measure
    seen.append(("frozen", f"{frozen.status} rank {frozen.rank} {frozen.frozen_fen} "
                           f"{frozen.effective_on}..{frozen.expires_on} ({frozen.term_months} m)"))

    # 划拨 of the whole frozen amount: the freeze ends, the money is the case's.
    deducted = officer(officer.control, "Deduct", control_pb2.DeductRequest(
        measure_id=frozen.measure_id, request_id="deduct-1", amount_fen=claim))
    seen.append(("deducted", f"{deducted.measure.status} {deducted.measure.deducted_fen} "
                             f"left {deducted.measure.frozen_fen}"))

    ref = cases_pb2.CaseRef(case_id=filed.case_id)

    def account() -> cases_pb2.Account:
        return officer(officer.cases, "GetAccount", cases_pb2.GetAccountRequest(case=ref)).account

    wait_until(lambda: account().received_fen == claim, timeout=60,
               what=f"the deduction of {claim} fen in the case account (R28)")
    money = account()
    seen.append(("account", f"received {money.received_fen} balance {money.balance_fen} "
                            f"from {[(r.source, r.amount_fen, r.received_on) for r in money.receipts]}"
                            f" disburse by {money.disburse_by}"))
    officer.close()
    return seen


@pytest.fixture(scope="module")
def lives() -> dict[str, list[tuple[str, str]]]:
    return {}


class TestPropertyLife:
    def test_cluster_mode_finds_freezes_and_deducts_a_deposit(self, tmp_path, processes, lives):
        suite = cluster_suite(processes, tmp_path, SERVICES, NOW, agency_sim=AGENCIES)
        lives["cluster"] = seen = find_freeze_and_deduct(suite)
        assert seen == EXPECTED

    def test_embedded_mode_gives_the_same_results(self, tmp_path, processes, lives):
        suite = embedded_suite(processes, tmp_path, SERVICES, NOW, agency_sim=AGENCIES)
        seen = find_freeze_and_deduct(suite)
        assert seen == EXPECTED
        if "cluster" in lives:
            assert seen == lives["cluster"]


EXPECTED = [
    ("inquiry", "1 completed, 16 agencies, disposable found: True"),
    ("picture", "bank.ccb:deposit:318393920:True;bank.cqrcb:deposit:146081127:True;"
                "social.mohrss:social_insurance:0:False;tax.sta:tax_record:0:False;"
                "telecom.miit:telecom_contact:0:False"),
    ("overdue agencies", ""),
    ("deposit", "bank.ccb 318393920"),
    # Served 2 March 2026: the term runs from the next day and ends a year on (R20, R62).
    ("frozen", "effective rank 0 1000000 2026-03-02..2027-03-02 (12 m)"),
    ("deducted", "disposed 1000000 left 0"),
    # Disbursed within 30 days of arrival (R28).
    ("account", "received 1000000 balance 1000000 from [('deduction', 1000000, '2026-03-02')]"
                " disburse by 2026-04-01"),
]
