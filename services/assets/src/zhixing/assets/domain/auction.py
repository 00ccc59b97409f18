"""网络司法拍卖 — the rules an auction round must meet (R47–R50), as pure checks.

The numbers arrive in `AuctionTerms`, read by the application from the policy table
(`[auction]`), so replaying a disposal never depends on today's policy and the domain
never loads files. Day counts follow R62: a period starts the day after its event.
They run on calendar days (`procedural=False`): online auctions announce and bid on any
day, and moving a minimum notice off a holiday (R64) would only make it longer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from zhixing.assets.domain.errors import AuctionTermsRefused, BidRefused, InvalidAssetInput
from zhixing.kernel.clock import legal_date
from zhixing.kernel.money import Money, bounded_fen
from zhixing.kernel.periods import period_end

ASSET_CLASSES = {"movable": "动产", "real_property": "不动产", "property_right": "其他财产权"}
"""What can be auctioned; money (deposits) is deducted (划拨), never auctioned."""
VALUATION_METHODS = {"negotiated": "当事人议价", "directed_inquiry": "定向询价",
                     "online_inquiry": "网络询价", "appraisal": "委托评估"}
"""价格确定: how the reference price of R47 was fixed."""


@dataclass(frozen=True)
class AuctionTerms:
    """The `[auction]` policy numbers of one court; field names are the policy keys."""

    min_start_price_percent: int
    announce_days_movable: int
    announce_days_real_property: int
    deposit_min_percent: int
    deposit_max_percent: int
    min_bidding_hours: int
    extension_window_minutes: int
    extension_minutes: int
    second_auction_within_days: int
    second_max_reduction_percent: int
    second_announce_days_movable: int
    second_announce_days_real_property: int

    def announce_days(self, asset_class: str, round_no: int) -> int:
        """R48 (first round) and R50 (second): movables need less notice than real
        property and other property rights."""
        movable = asset_class == "movable"
        if round_no == 1:
            return self.announce_days_movable if movable else self.announce_days_real_property
        return (self.second_announce_days_movable if movable
                else self.second_announce_days_real_property)


@dataclass(frozen=True)
class RoundPlan:
    """What the court announces for one round: price, deposit, platform, bidding times."""

    starting_price_fen: int
    deposit_fen: int
    starts_at: datetime
    ends_at: datetime
    platform: str

    def check_form(self, now: datetime) -> None:
        """Input that no rule could accept: amounts, naive or past times, no platform."""
        if self.starting_price_fen <= 0:
            raise InvalidAssetInput("the starting price must be above zero", rule="R47",
                                    field="starting_price_fen")
        bounded_fen(self.starting_price_fen, "starting_price_fen", rule="R47")
        bounded_fen(self.deposit_fen, "deposit_fen", rule="R48")
        for name, moment in (("starts_at", self.starts_at), ("ends_at", self.ends_at)):
            if moment.tzinfo is None:
                raise InvalidAssetInput("give the time with its offset, e.g. "
                                        "2026-03-20T10:00:00+08:00", field=name)
        if self.starts_at <= now:
            raise InvalidAssetInput("bidding must start after the announcement", rule="R48",
                                    field="starts_at")
        if not self.platform.strip():
            raise InvalidAssetInput("name the auction platform (R50: a second auction "
                                    "is held on the same one)", rule="R50", field="platform")


def yuan(fen: int) -> str:
    """Amounts in messages: "600,000.00 yuan"."""
    return f"{Money(fen).yuan:,.2f} yuan"


def percent_of(fen: int, percent: int, *, round_up: bool) -> int:
    """`percent`% of an amount in whole fen: minimums round up, maximums down."""
    whole, rest = divmod(fen * percent, 100)
    return whole + 1 if round_up and rest else whole


def check_valuation(method: str, value_fen: int, valued_on: date, today: date) -> None:
    """价格确定 names its method, a positive value and a date not in the future."""
    if method not in VALUATION_METHODS:
        raise InvalidAssetInput(f"method must be one of {', '.join(VALUATION_METHODS)}",
                                rule="R47", field="method")
    if value_fen <= 0:
        raise InvalidAssetInput("the value must be above zero", rule="R47", field="value_fen")
    bounded_fen(value_fen, "value_fen", rule="R47")
    if valued_on > today:
        raise InvalidAssetInput(f"valuation date {valued_on} is after today ({today})",
                                rule="R47", field="valued_on")


def check_starting_price(plan: RoundPlan, valuation_fen: int, terms: AuctionTerms) -> None:
    """R47: the first starting price is at least 70% of the valuation."""
    minimum = percent_of(valuation_fen, terms.min_start_price_percent, round_up=True)
    if plan.starting_price_fen < minimum:
        raise AuctionTermsRefused(
            f"starting price {yuan(plan.starting_price_fen)} is below "
            f"{terms.min_start_price_percent}% of the valuation ({yuan(minimum)})",
            rule="R47", field="starting_price_fen")


def check_second_price(plan: RoundPlan, previous_fen: int, terms: AuctionTerms) -> None:
    """R50: a second starting price is at most 20% below the previous one."""
    minimum = percent_of(previous_fen, 100 - terms.second_max_reduction_percent, round_up=True)
    if plan.starting_price_fen < minimum:
        raise AuctionTermsRefused(
            f"starting price {yuan(plan.starting_price_fen)} is more than "
            f"{terms.second_max_reduction_percent}% below the previous starting price "
            f"{yuan(previous_fen)} (at least {yuan(minimum)})",
            rule="R50", field="starting_price_fen")


def check_deposit(plan: RoundPlan, terms: AuctionTerms) -> None:
    """R48: the deposit (保证金) is 5%–20% of the starting price."""
    low = percent_of(plan.starting_price_fen, terms.deposit_min_percent, round_up=True)
    high = percent_of(plan.starting_price_fen, terms.deposit_max_percent, round_up=False)
    if not low <= plan.deposit_fen <= high:
        raise AuctionTermsRefused(
            f"deposit {yuan(plan.deposit_fen)} is outside {terms.deposit_min_percent}%–"
            f"{terms.deposit_max_percent}% of the starting price ({yuan(low)} to "
            f"{yuan(high)})", rule="R48", field="deposit_fen")


def check_announcement(plan: RoundPlan, announced_on: date, days: int, rule: str) -> None:
    """R48/R50: bidding starts no earlier than `days` days after the announcement."""
    earliest = period_end(announced_on, days=days, procedural=False).date
    starts_on = legal_date(plan.starts_at)
    if starts_on < earliest:
        raise AuctionTermsRefused(
            f"the announcement must come at least {days} days before bidding starts: "
            f"announced {announced_on}, bidding starts {starts_on} "
            f"({(starts_on - announced_on).days} days later); earliest start {earliest}",
            rule=rule, field="starts_at")


def check_bidding_window(plan: RoundPlan, terms: AuctionTerms) -> None:
    """R49: bidding lasts at least 24 hours."""
    length = plan.ends_at - plan.starts_at
    if length < timedelta(hours=terms.min_bidding_hours):
        raise AuctionTermsRefused(
            f"bidding must last at least {terms.min_bidding_hours} hours; "
            f"{plan.starts_at.isoformat()} to {plan.ends_at.isoformat()} is "
            f"{_hours(length)}", rule="R49", field="ends_at")


def check_held_within(plan: RoundPlan, previous_end: datetime, terms: AuctionTerms) -> None:
    """R50: the second auction is held within 30 days of the first's end."""
    days = terms.second_auction_within_days
    latest = period_end(legal_date(previous_end), days=days, procedural=False).date
    starts_on = legal_date(plan.starts_at)
    if starts_on > latest:
        raise AuctionTermsRefused(
            f"a second auction is held within {days} days of the first's end "
            f"({legal_date(previous_end)}): bidding starts {starts_on}, latest {latest}",
            rule="R50", field="starts_at")


def extended_end(ends_at: datetime, bid_at: datetime, terms: AuctionTerms) -> datetime:
    """R49: a bid in the last 5 minutes moves the end to 5 minutes after that bid."""
    if ends_at - bid_at <= timedelta(minutes=terms.extension_window_minutes):
        return max(ends_at, bid_at + timedelta(minutes=terms.extension_minutes))
    return ends_at


def check_bid_time(current: dict[str, Any], placed_at: datetime) -> None:
    """R49: a bid counts while bidding is open, in the order the platform received it."""
    starts, ends = (datetime.fromisoformat(current[k]) for k in ("starts_at", "ends_at"))
    if not starts <= placed_at < ends:
        raise BidRefused(f"bidding is open from {current['starts_at']} to "
                         f"{current['ends_at']}; a bid at {placed_at.isoformat()} is "
                         "outside it", rule="R49", field="placed_at")
    bids = current["bids"]
    if bids and placed_at < datetime.fromisoformat(bids[-1]["placed_at"]):
        raise BidRefused("bids are recorded in the order the platform received them; "
                         f"the last was at {bids[-1]['placed_at']}", rule="R49",
                         field="placed_at")


def check_bid_amount(current: dict[str, Any], amount_fen: int) -> None:
    """The first bid is at least the starting price (R47); each later one exceeds the
    highest so far (R49)."""
    bounded_fen(amount_fen, "amount_fen", rule="R49")
    bids, starting = current["bids"], current["starting_price_fen"]
    if not bids and amount_fen < starting:
        raise BidRefused(f"bid {yuan(amount_fen)} is below the starting price "
                         f"{yuan(starting)}", rule="R47", field="amount_fen")
    if bids and amount_fen <= bids[-1]["amount_fen"]:
        raise BidRefused(f"bid {yuan(amount_fen)} does not exceed the highest bid so far "
                         f"({yuan(bids[-1]['amount_fen'])})", rule="R49", field="amount_fen")


def _hours(length: timedelta) -> str:
    minutes = int(length.total_seconds() // 60)
    return f"{minutes // 60} hours {minutes % 60:02d} minutes"
