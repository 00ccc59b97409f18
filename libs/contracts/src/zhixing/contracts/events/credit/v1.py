"""Credit integration events, version 1 (topic `zhixing.credit.events.v1`).

Published by the credit service (失信、限消); the cases service reads them for the 终本
checklist (R16(2)). A v1 model only gains optional fields.
"""

from __future__ import annotations

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.topics import CREDIT_EVENTS


class _CreditDecision(IntegrationEvent):
    topic = CREDIT_EVENTS

    case_id: str
    """The enforcement case the decision was made in."""
    court_code: str
    """The deciding court."""
    debtor_identity_number: str
    """Resident ID or unified social credit code of the debtor."""
    decided_on: str
    """Date of the decision, YYYY-MM-DD."""


class ConsumptionRestrictionIssued(_CreditDecision):
    """限制消费令 issued against a debtor (R12–R14)."""

    event_type = "cn.zhixing.credit.v1.ConsumptionRestrictionIssued"
    restriction_id: str
    """Unique id of the restriction order."""


class DebtorListed(_CreditDecision):
    """纳入失信被执行人名单 (R1–R5)."""

    event_type = "cn.zhixing.credit.v1.DebtorListed"
    listing_id: str
    """Unique id of the listing decision."""
    grounds: list[int]
    """Grounds of R1, 1–6."""


class ListingDeclined(_CreditDecision):
    """The court decided the debtor is not to be listed (e.g. a minor, R4, or an R3
    exclusion); the listing question is settled for 终本 (R16(2))."""

    event_type = "cn.zhixing.credit.v1.ListingDeclined"
    reason_rule: str
    """The rule that excludes listing, e.g. "R3" or "R4"."""
