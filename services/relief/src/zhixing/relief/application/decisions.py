"""The decision on an application (R29, R30, R32) and its revocation after fraud (R32).

Approving reserves the amount on the court's fund of the decision's year in the same
save as the decision: when two approvals race (two threads, or two API processes), the
later save conflicts on the fund's version, the unit runs it again on the fresh fund and
its checks refuse what the fund can no longer afford — a fund never goes negative."""

from __future__ import annotations

from datetime import date

from zhixing.kernel.money import bounded_fen
from zhixing.relief.application.base import ReliefStore, Unit, fund_key, relief_case_in
from zhixing.relief.application.checks import raise_first
from zhixing.relief.domain.eligibility import unmet_to_approve
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.values import ExceptionalDecision, ReliefStatus

RESERVED = (ReliefStatus.APPROVED,)
"""Statuses whose amount is held on the fund as a reservation (released if it ends)."""


def wage_year(decided_on: date) -> int:
    """R30 reads the PREVIOUS year's average wage: a decision of 2026 reads 2025's."""
    return decided_on.year - 1


class DecisionCommands(ReliefStore):
    def approve(self, application_id: str, amount_fen: int, decided_on: date, by: str,
                exceptional: ExceptionalDecision | None = None) -> ReliefCase:
        """批准救助 — R29 again (the facts may have changed since the application), R30
        (cap = 36 × the province's previous-year monthly wage unless an exceptional
        decision is recorded; never above the unpaid claim; no entry, no decision) and
        R32 (the fund of `decided_on.year` must afford it); the amount is reserved on
        that fund in the same save. Approving again with the same figures returns the
        decision and stores nothing."""
        bounded_fen(amount_fen, "amount_fen", rule="R30")
        case = self.relief_case(application_id)
        year = decided_on.year

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(application_id)
            if case.status is ReliefStatus.APPROVED and (
                    case.amount_fen, case.decided_on, case.exceptional) == (
                    amount_fen, decided_on, exceptional):
                return case
            facts = self.facts.get(case.case_id)
            wage = unit.wage(case.court_code[:1], wage_year(decided_on))
            fund = unit.fund(case.court_code, year)
            raise_first(unmet_to_approve(facts, amount_fen, wage, exceptional,
                                         fund.available_fen))
            case.approve(amount_fen=amount_fen, decided_on=decided_on, by=by,
                         exceptional=exceptional, fund_year=year)
            fund.reserve(application_id=str(case.id), amount_fen=amount_fen)
            return case

        return self.act(command, lock=[str(case.id), fund_key(case.court_code, year)])

    def reject(self, application_id: str, rule: str, reason: str, decided_on: date,
               by: str) -> ReliefCase:
        """不予救助 — the refusal states its rule (R29–R32); a reservation is released and
        the party may apply again. Rejecting again with the same rule and reason returns
        the decision and stores nothing."""
        case = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(application_id)
            if case.status is ReliefStatus.REJECTED and (case.rejected_rule, case.decided_on) == (
                    rule, decided_on):
                return case
            reserved = case.status in RESERVED
            case.reject(rule=rule, reason=reason, decided_on=decided_on, by=by)
            if reserved:
                unit.fund(case.court_code, case.fund_year).release(
                    application_id=str(case.id), amount_fen=case.amount_fen, reason="rejected")
            unit.claimant(case.case_id, case.party_index).close(str(case.id))
            return case

        return self.act(command, lock=[str(case.id), *_fund_of(case)])

    def revoke(self, application_id: str, reason: str, revoked_on: date,
               by: str) -> ReliefCase:
        """撤销救助 — relief obtained by fraud is revoked with a recovery order for what
        was paid and not yet returned (R32); followed by `record_fraud_repayment` until
        repaid. Revoking again returns the revoked case and stores nothing."""
        case = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(application_id)
            if case.status is ReliefStatus.REVOKED:
                return case
            case.revoke(reason=reason, revoked_on=revoked_on, by=by)
            return case

        return relief_case_in(self.act(command, lock=[str(case.id)]))


def _fund_of(case: ReliefCase) -> list[str]:
    return [fund_key(case.court_code, case.fund_year)] if case.fund_year else []
