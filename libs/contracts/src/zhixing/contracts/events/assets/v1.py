"""Assets integration events, version 1 (topic `zhixing.assets.events.v1`).

Published by the assets service (网络执行查控); the cases service reads them for the
终本 checklist (R16(3)) and the case account (R28). A v1 model only gains optional fields.
"""

from __future__ import annotations

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.topics import ASSETS_EVENTS


class NetworkInquiryCompleted(IntegrationEvent):
    """网络查控 — every agency kind answered (or was reported overdue) for one debtor."""

    event_type = "cn.zhixing.assets.v1.NetworkInquiryCompleted"
    topic = ASSETS_EVENTS

    inquiry_id: str
    """Unique id of the inquiry."""
    case_id: str
    """The enforcement case the inquiry serves."""
    court_code: str
    """The enforcing court."""
    debtor_identity_number: str
    """Resident ID or unified social credit code of the debtor queried."""
    completed_on: str
    """Date, YYYY-MM-DD."""
    agency_kinds: list[str]
    """Agency kinds that answered, e.g. "bank_deposit", "vehicle", "real_estate", "securities"."""
    disposable_property_found: bool
    """True when property that can be disposed of was found."""
    requery: bool = False
    """True for an R18 re-query after 终本."""


class FundsDeducted(IntegrationEvent):
    """划拨 — an agency transferred the debtor's money to the case account (R28)."""

    event_type = "cn.zhixing.assets.v1.FundsDeducted"
    topic = ASSETS_EVENTS

    measure_id: str
    """The deduction measure (idempotency key of the receipt)."""
    case_id: str
    """The case whose account receives the money."""
    court_code: str
    """The enforcing court."""
    amount_fen: int
    """Amount transferred, in fen."""
    deducted_on: str
    """Date, YYYY-MM-DD."""


class AuctionProceedsPaid(IntegrationEvent):
    """拍卖款 — proceeds of a disposal paid to the case account (R50)."""

    event_type = "cn.zhixing.assets.v1.AuctionProceedsPaid"
    topic = ASSETS_EVENTS

    disposal_id: str
    """The disposal (idempotency key of the receipt)."""
    case_id: str
    """The case whose account receives the money."""
    court_code: str
    """The enforcing court."""
    amount_fen: int
    """Amount paid, in fen."""
    paid_on: str
    """Date, YYYY-MM-DD."""
