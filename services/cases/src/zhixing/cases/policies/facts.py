"""What the assets, credit and relief services publish about a case, recorded on it.

Each fact is applied through the application with its natural key (see
`application/facts.py`), so the consumer's at-least-once delivery has an exactly-once
effect even though the effect lands in the event store, not in the consumer's
transaction. A fact about a case this deployment does not hold (another region's) is
not ours to record.
"""

from __future__ import annotations

import logging
from datetime import date

from zhixing.cases.application import CasesApplication
from zhixing.cases.application.base import case_uuid
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.assets.v1 import (
    AuctionProceedsPaid,
    FundsDeducted,
    NetworkInquiryCompleted,
)
from zhixing.contracts.events.credit.v1 import (
    ConsumptionRestrictionIssued,
    DebtorListed,
    ListingDeclined,
)
from zhixing.contracts.events.relief.v1 import ReliefDisbursed
from zhixing.eventstore.sql import Cursor
from zhixing.messaging.typed import Context, TypedHandler, on

log = logging.getLogger(__name__)


class CaseFactsPolicy(TypedHandler):
    """Records other services' findings and decisions on the cases they concern."""

    effect_elsewhere = True  # its commands go to the event store, keyed: idempotent

    def __init__(self, app: CasesApplication) -> None:
        self.app = app

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        """Each fact in turn; one about a case not held here is not an error."""
        try:
            super().handle(event, cursor)
        except CaseNotFound:
            log.info("fact for a case not held here", extra={"event_type": event.type})

    @on(NetworkInquiryCompleted)
    def inquiry_completed(self, p: NetworkInquiryCompleted, ctx: Context) -> None:
        # A revised result (an overdue agency answered late) is a fact of its own.
        key = p.inquiry_id if not p.revision else f"{p.inquiry_id}#{p.revision}"
        self.app.apply_inquiry(case_uuid(p.case_id), key, p.debtor_identity_number,
                               p.completed_on, p.agency_kinds, p.disposable_property_found,
                               p.requery)

    @on(FundsDeducted)
    def deducted(self, p: FundsDeducted, ctx: Context) -> None:
        self.app.record_payment(case_uuid(p.case_id), f"deduction:{p.measure_id}", p.amount_fen,
                                "deduction", date.fromisoformat(p.deducted_on))

    @on(AuctionProceedsPaid)
    def auction_paid(self, p: AuctionProceedsPaid, ctx: Context) -> None:
        self.app.record_payment(case_uuid(p.case_id), f"auction:{p.disposal_id}", p.amount_fen,
                                "auction", date.fromisoformat(p.paid_on))

    @on(ConsumptionRestrictionIssued)
    def restricted(self, p: ConsumptionRestrictionIssued, ctx: Context) -> None:
        self.app.apply_restriction(case_uuid(p.case_id), p.restriction_id,
                                   p.debtor_identity_number, p.decided_on)

    @on(DebtorListed)
    def listed(self, p: DebtorListed, ctx: Context) -> None:
        self.app.apply_listing_decision(case_uuid(p.case_id), p.listing_id,
                                        p.debtor_identity_number, True, p.decided_on)

    @on(ListingDeclined)
    def declined(self, p: ListingDeclined, ctx: Context) -> None:
        self.app.apply_listing_decision(case_uuid(p.case_id), f"declined:{p.case_id}:"
                                        f"{p.debtor_identity_number}",
                                        p.debtor_identity_number, False, p.decided_on)

    @on(ReliefDisbursed)
    def relief_disbursed(self, p: ReliefDisbursed, ctx: Context) -> None:
        self.app.register_relief_advance(case_uuid(p.case_id), f"relief:{p.application_id}",
                                         p.amount_fen, p.disbursed_on)

