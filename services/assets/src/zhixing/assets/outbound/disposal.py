"""Disposal events as the public sees them: auction announcements (publicity, R48),
proceeds for the case account (R28, R50) and the conclusion (control measures, R22).
Valuations, bids and the buyer stay private."""

from __future__ import annotations

from typing import Any

from zhixing.assets.domain.disposal import Disposal
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets import v1


def _announced(e: Any) -> list[IntegrationEvent]:
    return [v1.AuctionAnnounced(
        **e.head, round=e.round_no, starting_price_fen=e.starting_price_fen,
        announced_on=e.announced_on, starts_at=e.starts_at, ends_at=e.ends_at)]


def _paid(e: Any) -> list[IntegrationEvent]:
    return [v1.AuctionProceedsPaid(
        disposal_id=e.head["disposal_id"], case_id=e.head["case_id"],
        court_code=e.head["court_code"], amount_fen=e.amount_fen, paid_on=e.paid_on)]


def _concluded(e: Any) -> list[IntegrationEvent]:
    return [v1.DisposalConcluded(
        **e.head, method=e.method, price_fen=e.price_fen, concluded_on=e.concluded_on,
        whole_asset=e.whole_asset)]


PUBLIC = {
    Disposal.AuctionAnnounced: _announced,
    Disposal.ProceedsPaid: _paid,
    Disposal.Concluded: _concluded,
}
