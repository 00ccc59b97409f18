"""Paying relief and getting it back after fraud (R31, R32): the reservation becomes a
payment, the applicant's notice is due 2 working days later, and a revocation's recovery
order is followed until repaid."""

from __future__ import annotations

from datetime import date

from zhixing.eventstore.unit import same_request
from zhixing.kernel.errors import AlreadyExists
from zhixing.relief.application.base import ReliefStore, Unit, funds_of
from zhixing.relief.application.ceiling import held_by_others
from zhixing.relief.domain.deadlines import notify_by
from zhixing.relief.domain.errors import AboveUnpaidClaim, WrongStep
from zhixing.relief.domain.relief_case import PAID, ReliefCase
from zhixing.relief.domain.values import RecoverySource, ReliefStatus


class PaymentCommands(ReliefStore):
    def disburse(self, application_id: str, disbursed_on: date, by: str) -> ReliefCase:
        """发放 — the approved amount leaves the fund (its reservation becomes a payment),
        the claimant is recorded paid (R29: no second payment to the party in the case)
        and the applicant must be told within 2 working days (R31). Disbursing again on
        the same day returns the case and stores nothing."""
        self.not_after_today(disbursed_on, "disbursed_on")
        known = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(known.id)
            if case.status in PAID and case.disbursed_on == disbursed_on:
                return case
            # R30 again: money the case received since the decision lowers the unpaid
            # claim, and relief is never paid above it (even by an exceptional decision).
            facts = self.facts.get(case.case_id)
            if facts is not None and case.status is ReliefStatus.APPROVED:
                others = held_by_others(self, unit, case)
                if case.amount_fen > facts.unpaid_fen - others:
                    raise AboveUnpaidClaim.of(case.amount_fen, facts.unpaid_fen, others)
            case.disburse(disbursed_on, notify_by(self.calendar, disbursed_on), by)
            unit.fund(case.court_code, case.fund_year).disburse(str(case.id), disbursed_on)
            unit.claimant(case.case_id, case.party_index).record_paid(str(case.id),
                                                                       disbursed_on)
            return case

        return self.act(command, lock=[str(known.id), *funds_of(known)])

    def record_notified(self, application_id: str, notified_on: date, by: str) -> ReliefCase:
        """The applicant was told the funds arrived (R31). Again: nothing new."""
        known = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(known.id)
            # The same notice again changes nothing; another day is refused (R31).
            if (case.status, case.notified_on) != (ReliefStatus.NOTIFIED, notified_on):
                case.notify(notified_on, by)
            return case

        return self.act(command, lock=[str(known.id)])

    def record_fraud_repayment(self, application_id: str, recovery_id: str, amount_fen: int,
                               on: date, by: str) -> ReliefCase:
        """Money paid back under a revocation's recovery order goes back into the fund
        that paid (R32), never more than is still owed. `recovery_id` names the
        repayment: again with the same amount it stores nothing; with another amount, or
        already used on the fund for another repayment, it is refused naming it. `by`
        is the caller's subject, recorded by the audited servicer."""
        known = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(known.id)
            key = recovery_id.strip() if isinstance(recovery_id, str) else recovery_id
            earlier = [(r.amount_fen, r.on, r.source) for r in case.returns
                       if r.recovery_id == key]
            if earlier:
                same_request("recovery_id", earlier,
                             [(amount_fen, on, RecoverySource.FRAUD_RECOVERY)])
                return case
            if case.status is not ReliefStatus.REVOKED:
                raise WrongStep("a fraud repayment follows a revocation's recovery order: "
                                "revoke the relief first", rule="R32")
            repay(unit, case, recovery_id, recovery_id, amount_fen, on,
                  RecoverySource.FRAUD_RECOVERY)
            return case

        return self.act(command, lock=[str(known.id), *funds_of(known)])


def repay(unit: Unit, case: ReliefCase, recovery_id: str, fund_ref: str, amount_fen: int,
          on: date, source: RecoverySource) -> None:
    """Record money returned on `case` and credit the fund that paid it, together
    (`fund_ref`: the ledger's reference, one per fund entry)."""
    case.returned(recovery_id, amount_fen, on, source)
    if not unit.fund(case.court_code, case.fund_year).repay(fund_ref, str(case.id), amount_fen,
                                                             on, source):
        raise AlreadyExists("this recovery_id was already used for another repayment to the "
                            "fund; give a new recovery_id", rule="R32", field="recovery_id")


def returned_under(case: ReliefCase, recovery_id: str) -> int | None:
    """What `case` got back under `recovery_id`, or None when nothing was."""
    amounts = [r.amount_fen for r in case.returns if r.recovery_id == recovery_id.strip()]
    return sum(amounts) if amounts else None
