"""Relief integration events, version 1 (topic `zhixing.relief.events.v1`).

Published by the relief service (司法救助); the cases service repays an advance first
from money later recovered (R32). A v1 model only gains optional fields.
"""

from __future__ import annotations

from zhixing.contracts.events.base import IntegrationEvent
from zhixing.contracts.topics import RELIEF_EVENTS


class ReliefDisbursed(IntegrationEvent):
    """司法救助金 paid to an applicant of the case; recovered first from later money (R32)."""

    event_type = "cn.zhixing.relief.v1.ReliefDisbursed"
    topic = RELIEF_EVENTS

    application_id: str
    """The relief application (idempotency key)."""
    case_id: str
    """The enforcement case the relief was paid in."""
    court_code: str
    """The court whose fund paid."""
    amount_fen: int
    """Amount paid to the applicant, in fen."""
    disbursed_on: str
    """Date, YYYY-MM-DD."""
