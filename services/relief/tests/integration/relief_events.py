"""The relief service's own integration events for one worked year of a court's fund,
as the read side's tests feed them (the figures are computed by hand in test_reports)."""

from __future__ import annotations

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.relief.v1 import (
    ApplicantNotified,
    FundCredited,
    ReliefApplied,
    ReliefApproved,
    ReliefDisbursed,
    ReliefRecovered,
    ReliefRejected,
    ReliefRevoked,
    ReliefStepOverdue,
    ReliefWithdrawn,
)

COURT, OTHER_COURT = "川0104", "川0105"
CASE_ID = "9d0c5e1a-0000-4000-8000-0000000000a1"


def app_id(n: int) -> str:
    return f"5e1a9d0c-0000-4000-8000-{n:012d}"


def head(n: int, court: str = COURT) -> dict[str, str]:
    return {"application_id": app_id(n), "relief_case_number": f"(2026){court}司救执{n}号",
            "case_id": CASE_ID, "court_code": court}


def credited(entry: str, kind: str, amount: int, year: int = 2026,
             court: str = COURT) -> FundCredited:
    return FundCredited(fund_id=f"fund-{court}-{year}", court_code=court, year=year, kind=kind,
                        entry_id=entry, document_number=f"川财{entry}号", amount_fen=amount,
                        credited_on=f"{year}-01-15", balance_fen=amount)


def applied(n: int, on: str, requested: int = 30_000_00, court: str = COURT) -> ReliefApplied:
    return ReliefApplied(**head(n, court), party_index=0, requested_fen=requested,
                         applied_on=on, decide_by=on)


def approved(n: int, on: str, amount: int, fund_year: int) -> ReliefApproved:
    return ReliefApproved(**head(n), amount_fen=amount, fund_year=fund_year, decided_on=on)


def rejected(n: int, on: str, rule: str = "R29") -> ReliefRejected:
    return ReliefRejected(**head(n), rule=rule, decided_on=on)


def disbursed(n: int, on: str, amount: int, fund_year: int | None) -> ReliefDisbursed:
    return ReliefDisbursed(application_id=app_id(n), case_id=CASE_ID, court_code=COURT,
                           amount_fen=amount, disbursed_on=on,
                           relief_case_number=head(n)["relief_case_number"],
                           fund_year=fund_year, notify_by=on)


def revoked(n: int, on: str, to_recover: int) -> ReliefRevoked:
    return ReliefRevoked(**head(n), to_recover_fen=to_recover, revoked_on=on)


def recovered(n: int, recovery: str, source: str, amount: int, outstanding: int,
              on: str = "2026-06-01") -> ReliefRecovered:
    return ReliefRecovered(**head(n), recovery_id=recovery, source=source, amount_fen=amount,
                           recovered_on=on, outstanding_fen=outstanding)


def withdrawn(n: int, on: str, released: int = 0) -> ReliefWithdrawn:
    return ReliefWithdrawn(**head(n), withdrawn_on=on, released_fen=released)


def notified(n: int, on: str) -> ApplicantNotified:
    return ApplicantNotified(**head(n), notified_on=on)


def overdue(n: int, step: str, due_on: str) -> ReliefStepOverdue:
    return ReliefStepOverdue(**head(n), step=step, due_on=due_on, detected_on=due_on,
                             act_by_role="president" if step == "decision" else "finance")


YEAR: list[IntegrationEvent] = [
    credited("e-1", "appropriation", 500_000_00),
    credited("e-2", "donation", 80_000_00),
    credited("e-0", "appropriation", 100_000_00, year=2025),      # another year's fund
    credited("e-9", "donation", 7_00, court=OTHER_COURT),          # another court's fund
    # 1: approved after 8 days, paid after 11, partly repaid from the case (twice)
    applied(1, "2026-03-02"), approved(1, "2026-03-10", 30_000_00, 2026),
    disbursed(1, "2026-03-13", 30_000_00, 2026),
    recovered(1, "case:d-1", "case_account", 10_000_00, 20_000_00),
    recovered(1, "case:d-9", "case_account", 2_000_00, 18_000_00, "2026-08-01"),
    # 2: rejected after 14 days
    applied(2, "2026-03-05"), rejected(2, "2026-03-19"),
    # 3: approved after 2 days, paid after 9 (the payment names no fund year: the
    # approval's), revoked for fraud, partly returned
    applied(3, "2026-04-01"), approved(3, "2026-04-03", 20_000_00, 2026),
    disbursed(3, "2026-04-10", 20_000_00, None), revoked(3, "2026-05-01", 20_000_00),
    recovered(3, "f-1", "fraud_recovery", 5_000_00, 15_000_00),
    # 4: applied in 2026, decided and paid from the 2027 fund
    applied(4, "2026-12-28"), approved(4, "2027-01-04", 15_000_00, 2027),
    disbursed(4, "2027-01-06", 15_000_00, 2027),
    # 5: still to decide, overdue
    applied(5, "2026-11-02"), overdue(5, "decision", "2026-11-16"),
    # 6: applied in 2025, paid from the 2026 fund; the case's d-9 repaid it too
    applied(6, "2025-12-20"), approved(6, "2026-01-05", 12_000_00, 2026),
    disbursed(6, "2026-01-08", 12_000_00, 2026), notified(6, "2026-01-09"),
    recovered(6, "case:d-9", "case_account", 3_000_00, 9_000_00, "2026-08-01"),
    # 7: another court's
    applied(7, "2026-03-03", court=OTHER_COURT),
    # 8: withdrawn before any decision
    applied(8, "2026-05-04"), withdrawn(8, "2026-05-06"),
    # 9: approved after 4 days, then withdrawn before payment (the reservation released)
    applied(9, "2026-06-01"), approved(9, "2026-06-05", 10_000_00, 2026),
    withdrawn(9, "2026-06-08", released=10_000_00),
]
