"""Recovery from the case account (R32): relief advanced in a case is repaid first from
money later received in it.

The cases service allocates that repayment itself and pays it out of the case account
to the payee "relief_fund" (`MoneyDisbursed`); this policy credits it to the relief
fund(s) that advanced the money. The application's `repay_from_case` is idempotent by
the recovery id, `case:<disbursement id>`, so a redelivered event credits nothing more.
A payment to anyone else (an applicant, the costs) is no business of the fund's.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Protocol

from zhixing.contracts.events.cases.v1 import MoneyDisbursed
from zhixing.kernel.errors import NotFound
from zhixing.messaging.typed import Context, TypedHandler, on

log = logging.getLogger(__name__)

RELIEF_FUND = "relief_fund"
"""The payee the cases service names for a repayment of relief advanced (R32)."""


class RepaysFromCase(Protocol):
    """What the policy needs of the relief application."""

    def repay_from_case(self, case_id: str, recovery_id: str, amount_fen: int,
                        on: date) -> int:
        """Credit money repaid from the case account to the funds that advanced relief
        in the case, oldest first; idempotent by `recovery_id`; returns fen credited."""
        ...


def recovery_id(disbursement_id: str) -> str:
    """The recovery's reference: one per case-account disbursement."""
    return f"case:{disbursement_id}"


class RecoveryPolicy(TypedHandler):
    """Follows the cases topic (in the case facts' consumer, or `relief.recovery`)."""

    effect_elsewhere = True  # its command goes to the event store, keyed: idempotent

    def __init__(self, app: RepaysFromCase) -> None:
        self.app = app

    @on(MoneyDisbursed)
    def disbursed(self, event: MoneyDisbursed, ctx: Context) -> None:
        if event.payee != RELIEF_FUND:
            return
        try:
            self.app.repay_from_case(event.case_id, recovery_id(event.disbursement_id),
                                     event.amount_fen, date.fromisoformat(event.disbursed_on))
        except NotFound:
            # No relief of this deployment was advanced in the case (another region's
            # fund paid it): not ours to credit. Ids only in the log (R60).
            log.info("repayment for relief not held here",
                     extra={"case_id": event.case_id, "ce_id": ctx.id})
