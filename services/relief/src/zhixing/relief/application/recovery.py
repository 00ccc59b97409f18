"""Repayment of relief from money the enforcement case later received (R32).

The cases service's account repays a relief advance first from money it receives and
pays it out to "relief_fund" (MoneyDisbursed); the recovery policy calls
`repay_from_case` once per such payment. The relief cases paid in that case are found
from the application's own log (a `LogWatch`, so no read model can lag behind it)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from uuid import UUID, uuid5

from zhixing.eventstore.watch import LogWatch, watch_of
from zhixing.kernel.errors import AlreadyExists, InvalidInput
from zhixing.kernel.money import bounded_fen
from zhixing.relief.application.base import Unit, claim_key, fund_key
from zhixing.relief.application.ceiling import relief_events
from zhixing.relief.application.payments import PaymentCommands, repay, returned_under
from zhixing.relief.domain.claimant import CASE_ID_MAX
from zhixing.relief.domain.fund import REF_MAX
from zhixing.relief.domain.relief_case import PAID, ReliefCase
from zhixing.relief.domain.values import RecoverySource, bounded_text

log = logging.getLogger(__name__)
SHARE_NAMESPACE = UUID("5b7e0c2a-9d41-5f36-8a2e-c4d1f7b3e915")


def share_ref(recovery_id: str, application_id: UUID) -> str:
    """The fund's ledger reference of one relief case's share of a case-account payment:
    `<recovery_id>/<application_id>`, or — when that is longer than a reference may be
    (`fund.REF_MAX`) — the same with the recovery id as its UUID5 (deterministic, so a
    redelivery books nothing new)."""
    ref = f"{recovery_id}/{application_id}"
    if len(ref) <= REF_MAX:
        return ref
    return f"{uuid5(SHARE_NAMESPACE, recovery_id)}/{application_id}"


def _paid_in(found: Any) -> str | None:
    """The enforcement case a relief case paid money in, or None (not paid yet)."""
    return found.case_id if isinstance(found, ReliefCase) and found.status in PAID else None


def _oldest_first(case: ReliefCase) -> tuple[Any, ...]:
    return (case.disbursed_on, case.applied_on, case.relief_case_number, str(case.id))


class RecoveryCommands(PaymentCommands):
    def repay_from_case(self, case_id: str, recovery_id: str, amount_fen: int,
                        on: date) -> int:
        """Credit money the case account paid to "relief_fund" to the funds of the relief
        cases paid in that case, oldest payment first, each up to what it still owes;
        returns the fen credited. Idempotent by `recovery_id`: a redelivered payment
        credits nothing more and returns what was credited the first time. On a fund's
        ledger each share is booked as `<recovery_id>/<application_id>` (one recovery
        may repay two relief cases of one fund); the relief case and its ReliefRecovered
        event keep `recovery_id` itself. The same `recovery_id` with another amount is
        another payment: refused naming recovery_id (the case's `CaseClaim` keeps what
        was paid under each id, credited or not).

        Any surplus (the case paid more than its relief cases still owe — e.g. a fraud
        repayment got there first, or no relief of this deployment was paid in the case)
        is NOT credited to any fund: it is not relief money, and no fund event or ledger
        line records it. The return value, less than `amount_fen`, shows it to the
        caller, and a warning with the ids and the figure (no personal data) tells
        finance, who returns it to the case account outside this service."""
        bounded_fen(amount_fen, "amount_fen", rule="R32")
        # Bounded before anything reads or logs it; the fund books `<recovery_id>/<uuid>`.
        recovery_id = bounded_text(recovery_id, "recovery_id", rule="R32",
                                   most=REF_MAX)
        case_id = bounded_text(case_id, "case_id", rule="R32", most=CASE_ID_MAX)
        if amount_fen <= 0:
            raise InvalidInput("a repayment is more than zero", rule="R32", field="amount_fen")
        watch: LogWatch[str] = watch_of(
            self, "_paid_watch", lambda: LogWatch(self, relief_events(), _paid_in))
        paid_ids = watch.select(lambda paid_in: paid_in == case_id)
        locks = [claim_key(case_id), *self._funds_of(paid_ids)]

        def command(unit: Unit) -> int:
            cases = sorted((unit.relief_case(i) for i in paid_ids), key=_oldest_first)
            earlier = [returned_under(c, recovery_id) for c in cases]
            credited_then = sum(amount or 0 for amount in earlier)
            claim = unit.claim(case_id)
            paid_then = claim.paid_under(recovery_id)
            if paid_then is not None:
                # A re-send is the same payment; another amount is another one (R32).
                if amount_fen != paid_then:
                    raise _another_payment()
                return credited_then
            if any(amount is not None for amount in earlier):
                # Credited before the claim kept payments: less than was credited under
                # it is surely another payment (the first one's surplus is unrecorded).
                if amount_fen < credited_then:
                    raise _another_payment()
                return credited_then
            claim.record_repayment(recovery_id, amount_fen)
            left = amount_fen
            for case in cases:
                share = min(left, case.outstanding_fen)
                if share > 0:
                    repay(unit, case, recovery_id, share_ref(recovery_id, case.id), share, on,
                          RecoverySource.CASE_ACCOUNT)
                    left -= share
            return amount_fen - left

        credited: int = self.act(command, lock=locks)
        if credited < amount_fen:
            log.warning("relief repayment surplus not credited to any fund",
                        extra={"case_id": case_id, "recovery_id": recovery_id,
                               "paid_fen": amount_fen, "credited_fen": credited})
        return credited

    def _funds_of(self, relief_ids: list[UUID]) -> list[str]:
        keys = []
        for relief_id in relief_ids:
            found = self.get_or_none(relief_id)
            if isinstance(found, ReliefCase) and found.fund_year:
                keys.append(fund_key(found.court_code, found.fund_year))
        return keys


def _another_payment() -> AlreadyExists:
    """A recovery id names one case-account payment (an idempotency key, R32)."""
    return AlreadyExists("this recovery_id was already used for a different payment; give "
                         "a new recovery_id for a new one", rule="R32", field="recovery_id")
