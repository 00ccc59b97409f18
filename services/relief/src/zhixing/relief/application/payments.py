"""Paying relief and getting it back (R31, R32): disbursement from the reservation, the
applicant's notice, repayment from money the enforcement case later received, and
repayment after a revocation for fraud."""

from __future__ import annotations

from datetime import date

from zhixing.eventstore.unit import same_request
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.money import Money, bounded_fen
from zhixing.relief.application.base import ReliefStore, Unit, fund_key
from zhixing.relief.domain.deadlines import notify_by
from zhixing.relief.domain.errors import WrongStep
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.values import ReliefStatus

CASE_ACCOUNT = "case_account"
FRAUD_RECOVERY = "fraud_recovery"
PAID = (ReliefStatus.DISBURSED, ReliefStatus.NOTIFIED, ReliefStatus.REVOKED)
"""Statuses of a relief case whose money left the fund."""


class PaymentCommands(ReliefStore):
    def disburse(self, application_id: str, disbursed_on: date, by: str) -> ReliefCase:
        """发放 — the approved amount leaves the fund (its reservation becomes a payment),
        the claimant is recorded paid (R29: no second payment to the party in the case)
        and the applicant must be told within 2 working days (R31). Disbursing again on
        the same day returns the case and stores nothing."""
        case = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(application_id)
            if case.status in PAID and case.disbursed_on == disbursed_on:
                return case
            if case.status is not ReliefStatus.APPROVED:
                raise WrongStep(f"only an approved application is paid (it is {case.status})",
                                rule="R31", field="application_id")
            unit.fund(case.court_code, case.fund_year).disburse(
                application_id=str(case.id), amount_fen=case.amount_fen,
                disbursed_on=disbursed_on)
            case.disburse(disbursed_on=disbursed_on,
                          notify_by=notify_by(self.calendar, disbursed_on), by=by)
            unit.claimant(case.case_id, case.party_index).paid(str(case.id))
            return case

        return self.act(command, lock=[str(case.id), *_fund_of(case)])

    def record_notified(self, application_id: str, notified_on: date, by: str) -> ReliefCase:
        """The applicant was told the funds arrived (R31). Again: nothing new."""

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(application_id)
            if case.status is not ReliefStatus.NOTIFIED:
                case.notify(notified_on=notified_on, by=by)
            return case

        return self.act(command, lock=[str(self.relief_case(application_id).id)])

    def record_fraud_repayment(self, application_id: str, recovery_id: str, amount_fen: int,
                               on: date, by: str) -> ReliefCase:
        """Money recovered after a revocation for fraud goes back into the fund that paid
        (R32), never more than is still owed. `recovery_id` names the repayment: again
        with the same amount it stores nothing; with another it is refused."""
        bounded_fen(amount_fen, "amount_fen", rule="R32")
        if amount_fen <= 0:
            raise InvalidInput("a repayment is more than zero", rule="R32", field="amount_fen")
        case = self.relief_case(application_id)

        def command(unit: Unit) -> ReliefCase:
            case = unit.relief_case(application_id)
            earlier = returned_under(case, recovery_id)
            if earlier is not None:
                same_request("recovery_id", earlier, amount_fen)
                return case
            if case.status is not ReliefStatus.REVOKED:
                raise WrongStep("a fraud repayment follows a revocation's recovery order",
                                rule="R32", field="application_id")
            if amount_fen > case.outstanding_fen:
                raise InvalidInput(f"more than is still owed back: {Money(amount_fen)} asked, "
                                   f"{Money(case.outstanding_fen)} outstanding", rule="R32",
                                   field="amount_fen")
            repay(unit, case, recovery_id, amount_fen, on, FRAUD_RECOVERY)
            return case

        return self.act(command, lock=[str(case.id), *_fund_of(case)])


def repay(unit: Unit, case: ReliefCase, recovery_id: str, amount_fen: int, on: date,
           source: str) -> None:
    """Credit the fund that paid `case` and record the return on the case, together."""
    unit.fund(case.court_code, case.fund_year).repay(
        recovery_id=recovery_id, application_id=str(case.id), amount_fen=amount_fen, on=on,
        source=source)
    case.returned(recovery_id=recovery_id, amount_fen=amount_fen, on=on, source=source)


def returned_under(case: ReliefCase, recovery_id: str) -> int | None:
    """What `case` got back under `recovery_id`, or None when nothing was."""
    return case.returns.get(recovery_id)  # type: ignore[no-any-return]


def _fund_of(case: ReliefCase) -> list[str]:
    return [fund_key(case.court_code, case.fund_year)] if case.fund_year else []
