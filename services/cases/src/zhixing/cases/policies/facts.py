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
from functools import singledispatchmethod
from uuid import UUID

from zhixing.cases.application import CasesApplication
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent, parse_known
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

log = logging.getLogger(__name__)


class CaseFactsPolicy:
    """Records other services' findings and decisions on the cases they concern."""

    def __init__(self, app: CasesApplication) -> None:
        self.app = app

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        payload = parse_known(event.type, event.data)
        if payload is None:
            return  # a newer publisher's event this policy has no use for
        try:
            self._apply(payload)
        except CaseNotFound:
            log.info("fact for a case not held here", extra={"event_type": event.type})

    @singledispatchmethod
    def _apply(self, payload: IntegrationEvent) -> None:
        """Events the cases service does not react to."""

    @_apply.register
    def _(self, p: NetworkInquiryCompleted) -> None:
        # A revised result (an overdue agency answered late) is a fact of its own.
        key = p.inquiry_id if not p.revision else f"{p.inquiry_id}#{p.revision}"
        self.app.apply_inquiry(UUID(p.case_id), key, p.debtor_identity_number,
                               p.completed_on, p.agency_kinds, p.disposable_property_found,
                               p.requery)

    @_apply.register
    def _(self, p: FundsDeducted) -> None:
        self.app.record_payment(UUID(p.case_id), f"deduction:{p.measure_id}", p.amount_fen,
                                "deduction", date.fromisoformat(p.deducted_on))

    @_apply.register
    def _(self, p: AuctionProceedsPaid) -> None:
        self.app.record_payment(UUID(p.case_id), f"auction:{p.disposal_id}", p.amount_fen,
                                "auction", date.fromisoformat(p.paid_on))

    @_apply.register
    def _(self, p: ConsumptionRestrictionIssued) -> None:
        self.app.apply_restriction(UUID(p.case_id), p.restriction_id,
                                   p.debtor_identity_number, p.decided_on)

    @_apply.register
    def _(self, p: DebtorListed) -> None:
        self.app.apply_listing_decision(UUID(p.case_id), p.listing_id,
                                        p.debtor_identity_number, True, p.decided_on)

    @_apply.register
    def _(self, p: ListingDeclined) -> None:
        self.app.apply_listing_decision(UUID(p.case_id), f"declined:{p.case_id}:"
                                        f"{p.debtor_identity_number}",
                                        p.debtor_identity_number, False, p.decided_on)

    @_apply.register
    def _(self, p: ReliefDisbursed) -> None:
        self.app.register_relief_advance(UUID(p.case_id), f"relief:{p.application_id}",
                                         p.amount_fen, p.disbursed_on)

