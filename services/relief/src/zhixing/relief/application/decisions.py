"""The decision on an application (R29, R30, R32) and its revocation after fraud (R32).

Approving reserves the amount on the court's fund of the decision's year in the same
save as the decision: when two approvals race (two threads, or two API processes), the
later save conflicts on the fund's version, the unit runs it again on the fresh fund and
its checks refuse what the fund can no longer afford — a fund never goes negative. The
same save enters the approval on the enforcement case's `CaseClaim`, so two approvals on
one case conflict too when charged to different years' funds (R30's unpaid-claim
ceiling is the case's, not a fund's)."""

from __future__ import annotations

from datetime import date

from zhixing.relief.application.base import ReliefStore, Unit, claim_key, fund_key
from zhixing.relief.application.ceiling import held_by_others
from zhixing.relief.domain.eligibility import refusal, unmet_to_approve
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.values import ExceptionalDecision, ReliefStatus
from zhixing.relief.domain.wage import cap_for


class DecisionCommands(ReliefStore):
    def approve(self, application_id: str, amount_fen: int, decided_on: date, by: str,
                exceptional: ExceptionalDecision | None = None) -> ReliefCase:
        """批准救助 — after the officer's review (R31): R29 again (the debtor may have
        found property since), R30 (at most 36 × the province's PREVIOUS-year monthly
        wage unless an exceptional decision is recorded; never above the unpaid claim;
        no wage entry, no decision) and R32 (the fund of `decided_on.year` must afford
        it). Every unmet rule is named; the first is the error. The amount is reserved
        on that fund in the same save. Approving again with the same figures returns
        the decision and stores nothing."""
        self.not_after_today(decided_on, "decided_on")
        known = self.relief_case(application_id)
        year = decided_on.year

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(known.id)
            if case.status is ReliefStatus.APPROVED and (
                    case.amount_fen, case.decided_on, case.exceptional) == (
                    amount_fen, decided_on, exceptional):
                return case
            # Loaded BEFORE the checks read what the case's other relief holds: an
            # approval on the case saved meanwhile, on any year's fund, then makes this
            # save conflict and the checks run again (R30's ceiling is the case's).
            claim = unit.claim(case.case_id)
            wage = unit.wage(*cap_for(decided_on, case.court_code))
            fund = unit.fund(case.court_code, year)
            others = held_by_others(self, unit, case)
            unmet = unmet_to_approve(self.facts.get(case.case_id), amount_fen, wage,
                                     exceptional, fund.available_fen, decided_on=decided_on,
                                     others_fen=others)
            if unmet or wage is None:  # no wage entry is always unmet (R30)
                raise refusal(unmet)
            case.approve(amount_fen, decided_on, by, exceptional, year, wage)
            fund.reserve(str(case.id), amount_fen, decided_on)
            claim.record_approval(str(case.id), amount_fen)
            return case

        return self.act(command, lock=[str(known.id), fund_key(known.court_code, year),
                                       claim_key(known.case_id)])

    def reject(self, application_id: str, rule: str, reason: str, decided_on: date,
               by: str) -> ReliefCase:
        """不予救助 — before any approval, stating the rule it rests on (R29–R32); the
        party may apply again. Rejecting again with the same rule and day returns the
        decision and stores nothing."""
        self.not_after_today(decided_on, "decided_on")
        known = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(known.id)
            if case.status is ReliefStatus.REJECTED and (
                    case.rejection_rule, case.rejection_reason, case.decided_on) == (
                    rule, _text(reason), decided_on):
                return case
            case.reject(rule, reason, decided_on, by)
            unit.claimant(case.case_id, case.party_index).close(str(case.id))
            return case

        return self.act(command, lock=[str(known.id)])

    def revoke(self, application_id: str, reason: str, revoked_on: date,
               by: str) -> ReliefCase:
        """撤销救助 — relief obtained by fraud is revoked with a recovery order for what
        was paid and not yet returned (R32), followed by `record_fraud_repayment` until
        repaid. The party is not given its right back (R29: one payment per case).
        Revoking again returns the revoked case and stores nothing."""
        known = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(known.id)
            # The same revocation again changes nothing; another one is refused (R31).
            if (case.status, case.revocation_reason, case.revoked_on) != (
                    ReliefStatus.REVOKED, _text(reason), revoked_on):
                case.revoke(reason, revoked_on, by)
            return case

        return self.act(command, lock=[str(known.id)])


def _text(value: str) -> str | None:
    """Free text as the domain keeps it (stripped), to tell a re-send from another request."""
    return value.strip() if isinstance(value, str) else None
