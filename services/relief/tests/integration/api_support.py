"""The relief service built by its bootstrap and served in-process over real gRPC, with
one enforcement case of 川0104 in 终本 fed as the cases service publishes it.

The service's clock stands at Monday 2 March 2026, 10:00 in Beijing; the wage table has
Sichuan's 2025 figure (the cap of 2026's decisions, R30): ¥8,000.00 a month, so the cap
is ¥288,000.00. The case's claim is ¥500,000.00 with ¥100,000.00 received: ¥400,000.00
unpaid. The applicant is party 0; party 1 is the respondent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import grpc

from testkit.assets import cloud_event, feed
from testkit.serving import serving
from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb
from zhixing.contracts.pb.relief.v1 import relief_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.relief.bootstrap import build
from zhixing.runtime.cli_kit import dev_token
from zhixing.security.tokens import bearer_metadata

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
COURT = "川0104"
CASE_ID, CASE_NUMBER = "9a1c2a9e-0000-4000-8000-000000000061", "(2025)川0104执61号"
WAGE_FEN = 8_000_00
CAP_FEN = 36 * WAGE_FEN
CLAIM_FEN, RECEIVED_FEN = 500_000_00, 100_000_00
APPLICANT_NAME, APPLICANT_ID = "赵六", "510104198001011234"
NARRATIVE = "申请人患尿毒症，每月透析费用约八千元，家中无其他收入。"


def case_events() -> list[Any]:
    """The case filed, money received, and 终本 (R29: the debtor cannot pay)."""
    head = {"case_id": CASE_ID, "case_number": CASE_NUMBER, "court_code": COURT}
    return [
        cloud_event("cn.zhixing.cases.v1.CaseFiled", CASE_ID, {
            **head, "case_type": "执", "filed_on": "2025-09-01", "basis_kind": "judgment",
            "basis_document_number": "(2025)川0104民初61号", "claim_total_fen": CLAIM_FEN,
            "parties": [
                {"role": "applicant", "kind": "natural_person", "name": APPLICANT_NAME,
                 "identity_number": APPLICANT_ID},
                {"role": "respondent", "kind": "natural_person", "name": "钱七",
                 "identity_number": "510104197001011238"}]}, position=1),
        cloud_event("cn.zhixing.cases.v1.MoneyReceived", CASE_ID, {
            **head, "receipt_id": "r-1", "source": "voluntary", "amount_fen": RECEIVED_FEN,
            "received_on": "2025-10-10", "disburse_by": "2025-11-10"}, position=2),
        cloud_event("cn.zhixing.cases.v1.CaseConcluded", CASE_ID, {
            **head, "concluded_on": "2026-01-20", "unpaid_fen": CLAIM_FEN - RECEIVED_FEN,
            "requery_dates": [], "respondents": []}, position=3),
    ]


class Relief:
    """The served service and a stub calling as whoever a test names."""

    def __init__(self, instance: Any, settings: Settings, target: str) -> None:
        self.instance, self.settings, self.target = instance, settings, target
        self.channel = grpc.insecure_channel(target)
        self.stub = relief_pb2_grpc.ReliefServiceStub(self.channel)

    def call(self, method: str, request: Any, role: str = "officer", court: str = COURT,
             user: str = "") -> Any:
        token = dev_token(user or f"{role}-1", role, court=court,
                          secret=self.settings.jwt_secret)
        return getattr(self.stub, method)(request, metadata=bearer_metadata(token), timeout=10)

    def audit(self) -> list[Any]:
        return list(self.instance.audit.entries(limit=200))

    # --- the steps, as the roles R31 names take them -------------------------------

    def enter_wage(self, province: str = "川", year: int = 2025, wage_fen: int = WAGE_FEN) -> Any:
        return self.call("EnterWage", pb.EnterWageRequest(
            province=province, year=year, monthly_wage_fen=wage_fen,
            source="四川省统计局 2025 年统计公报（测试）"), role="admin", court="")

    def credit(self, amount_fen: int, entry: str = "e-1", kind: str = "appropriation") -> Any:
        return self.call("CreditFund", pb.CreditFundRequest(
            kind=kind, entry_id=entry, document_number=f"川财〔2026〕{entry}号",
            amount_fen=amount_fen), role="finance")

    def apply(self, requested_fen: int = 50_000_00, **changes: Any) -> Any:
        fields = {"case_ref": CASE_ID, "party_index": 0, "requested_fen": requested_fen,
                  "hardship_category": "medical", "narrative": NARRATIVE}
        return self.call("Apply", pb.ApplyRequest(**{**fields, **changes})).application

    def approve(self, application_id: str, amount_fen: int, reasons: str = "",
                role: str = "relief_committee", reviewed: bool = False) -> Any:
        """The officer's review (R31: a decision follows it), then the decision."""
        if not reviewed:
            self.call("Review", pb.ReviewRequest(application_id=application_id,
                                                 proposed_fen=amount_fen, opinion="审查意见"))
        request = pb.ApproveRequest(application_id=application_id, amount_fen=amount_fen)
        if reasons:
            request.exceptional.reasons = reasons
        return self.call("Approve", request, role=role).application


@contextmanager
def relief_served(tmp_path: Path) -> Iterator[Relief]:
    clock_file = tmp_path / "clock"
    clock_file.write_text(NOW.isoformat())
    settings = Settings(var_dir=tmp_path, grpc_port=0, clock_file=str(clock_file))
    instance = build(settings)
    try:
        for event in case_events():
            feed(instance, event)
        with serving(instance, settings) as target:
            relief = Relief(instance, settings, target)
            try:
                yield relief
            finally:
                relief.channel.close()
    finally:
        instance.close()
