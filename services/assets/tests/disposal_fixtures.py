"""Shared ground for the disposal tests (处置, R47–R50).

The clock starts on Monday 2 March 2026, 10:00 in Beijing. The asset is valued at
1,000,000.00 yuan; the first round starts at 70% of that. `Desk` drives the application
the way an enforcement officer would; `auction_ready` gives a valued aggregate for the
pure rule tests. Test modules wrap `desk_for` in their own fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from zhixing.assets.application import AssetsApplication
from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.assets.domain.auction import AuctionTerms, RoundPlan
from zhixing.assets.domain.disposal import Disposal
from zhixing.assets.domain.holdings import asset_id
from zhixing.assets.outbound import to_public
from zhixing.contracts.events import IntegrationEvent
from zhixing.eventstore.settings import Settings
from zhixing.kernel.clock import FixedClock, china_tz
from zhixing.kernel.policy import PolicyTable

COURT, TEAM = "川0104", "执行一组"
CASE = CaseRef("case-disposal-1", "(2026)川0104执1号", COURT,
               (Debtor("91510104MA6CQ1W2E0", "成都锦城建设有限公司"),), TEAM, 100_000_000)
ASSET = asset_id("realestate.chengdu", "川(2020)成都市不动产权第0001号")
OPENED = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # Monday 10:00 in Beijing
OPENED_ON = date(2026, 3, 2)
VALUE = 100_000_000  # 1,000,000.00 yuan
START_PRICE = 70_000_000  # R47: 70% of VALUE
PLATFORM = "淘宝网司法拍卖"


def cst(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in China Standard Time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=china_tz())


def after(days: int, start: date = OPENED_ON) -> datetime:
    """10:00 in Beijing, `days` days after `start`."""
    return cst(start + timedelta(days=days))


def default_terms() -> AuctionTerms:
    """The `[auction]` numbers of the default policy table (70%, 15/30 days, …)."""
    policy = PolicyTable.load()
    return AuctionTerms(**{f.name: policy.int(f"auction.{f.name}") for f in fields(AuctionTerms)})


def plan(starting_price_fen: int = START_PRICE, *, starts_at: datetime | None = None,
         hours: float = 24, deposit_fen: int | None = None,
         platform: str = PLATFORM) -> RoundPlan:
    """A round starting 15 days after the opening day, 24 hours long, deposit 10%."""
    starts = starts_at or after(15)
    return RoundPlan(starting_price_fen,
                     starting_price_fen // 10 if deposit_fen is None else deposit_fen,
                     starts, starts + timedelta(hours=hours), platform)


def auction_ready(asset_class: str = "movable", whole_asset: bool = True) -> Disposal:
    """A disposal with its valuation recorded, not stored anywhere."""
    disposal = Disposal.start(case_id=CASE.case_id, case_number=CASE.case_number,
                              court_code=COURT, asset_id=ASSET, asset_class=asset_class,
                              whole_asset=whole_asset, request_id="d-1",
                              started_on=OPENED.date())
    disposal.record_valuation("v-1", "appraisal", VALUE, OPENED.date(), OPENED.date())
    return disposal


class ControlledAssetsApp(AssetsApplication):
    """The application, with the control measures reduced to a set of (case, asset)
    pairs the case effectively controls."""

    controlled: set[tuple[str, str]]

    def holds_effective_measure(self, case_id: str, asset_id: str) -> bool:
        return (case_id, asset_id) in self.controlled


class Desk:
    """An officer's desk: each step of a disposal in one call."""

    def __init__(self, app: ControlledAssetsApp, clock: FixedClock) -> None:
        self.app, self.clock = app, clock
        self.app.controlled = {(CASE.case_id, ASSET)}

    def start(self, asset_class: str = "movable", *, whole_asset: bool = True,
              request_id: str = "d-1") -> UUID:
        return self.app.start_disposal(CASE, ASSET, asset_class, request_id,
                                       whole_asset=whole_asset).id

    def valued(self, asset_class: str = "movable", **start: Any) -> UUID:
        disposal_id = self.start(asset_class, **start)
        self.app.record_valuation(disposal_id, "v-1", "appraisal", VALUE, self.clock.today())
        return disposal_id

    def announce(self, disposal_id: UUID, round_plan: RoundPlan, request_id: str = "a-1") -> Disposal:
        p = round_plan
        return self.app.announce_auction(disposal_id, request_id,
                                         starting_price_fen=p.starting_price_fen,
                                         deposit_fen=p.deposit_fen, starts_at=p.starts_at,
                                         ends_at=p.ends_at, platform=p.platform)

    def at_auction(self, asset_class: str = "movable", **start: Any) -> UUID:
        """First round announced today, bidding from day 15 for 24 hours."""
        disposal_id = self.valued(asset_class, **start)
        self.announce(disposal_id, plan())
        return disposal_id

    def bid(self, disposal_id: UUID, amount_fen: int, at: datetime, bid_id: str) -> Disposal:
        """Staff enter the platform's bid as it arrives."""
        self.clock.set(at)
        return self.app.place_bid(disposal_id, bid_id, "竞买号A0001", amount_fen, at)

    def close_at_end(self, disposal_id: UUID, request_id: str = "c-1") -> Disposal:
        self.clock.set(datetime.fromisoformat(self.app.get_disposal(disposal_id)
                                              .current_round["ends_at"]))
        return self.app.close_round(disposal_id, request_id)

    def sold(self, **start: Any) -> UUID:
        """Sold in the first round for 800,000.00 yuan."""
        disposal_id = self.at_auction(**start)
        self.bid(disposal_id, 80_000_000, after(15) + timedelta(hours=1), "b-1")
        self.close_at_end(disposal_id)
        return disposal_id

    def unsold_once(self, asset_class: str = "movable") -> UUID:
        disposal_id = self.at_auction(asset_class)
        self.close_at_end(disposal_id)
        return disposal_id

    def unsold_twice(self) -> UUID:
        """Two rounds without a bid; the second started at 80% of the first (560,000)."""
        disposal_id = self.unsold_once()
        second = plan(56_000_000, starts_at=after(7, self.clock.today()))
        self.announce(disposal_id, second, request_id="a-2")
        self.close_at_end(disposal_id, request_id="c-2")
        return disposal_id

    def published(self, event_type: str) -> list[IntegrationEvent]:
        """The integration events of that type the outbox holds."""
        return [e for _, domain_event in self.app.read_notifications(0)
                for e in to_public(domain_event) if e.event_type.endswith(f".{event_type}")]


def desk_for(tmp_path: Path) -> Iterator[Desk]:
    clock = FixedClock(OPENED)
    app = ControlledAssetsApp(Settings(var_dir=tmp_path), clock=clock)
    yield Desk(app, clock)
    app.close()
