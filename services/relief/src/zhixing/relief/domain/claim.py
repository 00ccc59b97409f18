"""An enforcement case's claim, as the relief paid against it stands (R30, R32).

One per enforcement case, whatever the court's fund year. R30 caps ALL the relief of a
case together at the unpaid part of the claim; the relief cases of one case may be
charged to different years' funds (a decision on 31 December, another on 2 January), so
the fund's version cannot make two approvals of one case conflict. This record can: every
approval is entered here in the same save as the decision, so of two concurrent approvals
on one case the later save conflicts, runs again and its check sees the first (R30).

It also keeps what the case account paid to the fund under each recovery id (R32): a
payment re-sent with the same id and another amount is another payment, refused naming
`recovery_id` — even when nothing of it could be credited (no relief left to repay).
"""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.relief.domain.claimant import CASE_ID_MAX
from zhixing.relief.domain.values import bounded_text

NAMESPACE = UUID("0b3f6d2e-8a1c-5e47-9d5b-7c2e4f6a8b1d")


class CaseClaim(Aggregate):
    """The relief approved against one enforcement case and the case account's repayments
    to the fund (R30, R32)."""

    @staticmethod
    def create_id(case_id: str) -> UUID:
        return uuid5(NAMESPACE, f"claim/{case_id}")

    @event("Opened")
    def __init__(self, case_id: str) -> None:
        self.case_id = bounded_text(case_id, "case_id", rule="R30", most=CASE_ID_MAX)
        self.approved: dict[str, int] = {}
        """Application id → the amount approved against the claim (R30)."""
        self.repayments: dict[str, int] = {}
        """Recovery id → what the case account paid to the fund under it (R32)."""

    def record_approval(self, application_id: str, amount_fen: int) -> None:
        """An approval on the case, entered in the decision's save (R30): the save that
        makes two concurrent approvals of one case conflict, whatever their funds."""
        self._approved(application_id, amount_fen)

    @event("ApprovalEntered")
    def _approved(self, application_id: str, amount_fen: int) -> None:
        self.approved[application_id] = amount_fen

    def paid_under(self, recovery_id: str) -> int | None:
        """What the case account paid under `recovery_id`, or None when it is new."""
        return self.repayments.get(recovery_id)

    def record_repayment(self, recovery_id: str, amount_fen: int) -> None:
        """A case-account payment to the fund under `recovery_id` (R32), credited or not."""
        self._repaid(recovery_id, amount_fen)

    @event("RepaymentReceived")
    def _repaid(self, recovery_id: str, amount_fen: int) -> None:
        self.repayments[recovery_id] = amount_fen
