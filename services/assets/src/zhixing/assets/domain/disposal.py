"""处置 — turning a controlled asset into money for the case (R47–R50).

The steps read like the procedure: fix the price (价格确定), announce an auction round
(拍卖公告), record the bids, close the round — sold, or unsold (流拍) — and after a
second unsold round sell by 变卖 or deliver the asset to the creditor in satisfaction
(以物抵债). A sale concludes when its proceeds reach the case account (R28, R50): until
the buyer pays, the disposal is not done. Each command that a retry could repeat carries
the caller's request id and is applied once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.assets.domain import auction
from zhixing.assets.domain.auction import ASSET_CLASSES, AuctionTerms, RoundPlan, yuan
from zhixing.assets.domain.errors import DisposalRefused, InvalidAssetInput
from zhixing.assets.domain.holdings import NAMESPACE
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.clock import china_tz, legal_date
from zhixing.kernel.money import bounded_fen

STARTED, VALUED, AUCTION, UNSOLD, SOLD, CONCLUDED = (
    "started", "valued", "auction", "unsold", "sold", "concluded")
STAGE_LABELS = {STARTED: "待定价 awaiting valuation", VALUED: "已定价 valued",
                AUCTION: "拍卖中 at auction", UNSOLD: "流拍 unsold",
                SOLD: "已成交待付款 sold, awaiting payment", CONCLUDED: "已处置 concluded"}
MAX_ROUNDS = 2
"""R50: after a second unsold auction the asset goes by 变卖 or 以物抵债."""


class Disposal(Aggregate):
    """处置 of one asset for one case, from valuation to conclusion.

    Version 2 keeps what each request asked for under its request id (`asked`), so a
    request id reused for something else can be told from a re-send; a version-1
    snapshot kept only the ids.
    """

    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 snapshot: what its requests asked for is unknown, so a re-send
        under one of them is answered as before (not compared)."""
        state.setdefault("asked", {})

    @staticmethod
    def create_id(case_id: str, asset_id: str, request_id: str) -> UUID:
        return uuid5(NAMESPACE, f"disposal/{case_id}/{asset_id}/{request_id}")

    @event("Started")
    def __init__(self, case_id: str, case_number: str, court_code: str, asset_id: str,
                 asset_class: str, whole_asset: bool, request_id: str, started_on: str) -> None:
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.asset_id = asset_id
        self.asset_class = asset_class
        self.whole_asset = whole_asset
        self.started_on = started_on
        self.stage = STARTED
        self.valuation: dict[str, Any] = {}
        self.rounds: list[dict[str, Any]] = []
        self.sale: dict[str, Any] = {}
        """How it sold ("auction" or "sale"), the price and the buyer's platform code."""
        self.proceeds: dict[str, Any] = {}
        self.conclusion: dict[str, Any] = {}
        self.requests: list[str] = []
        self.asked: dict[str, list[Any]] = {}
        """"kind:request id" → what that request asked for (`asked_for`)."""

    @classmethod
    def start(cls, *, case_id: str, case_number: str, court_code: str, asset_id: str,
              asset_class: str, whole_asset: bool, request_id: str,
              started_on: date) -> Disposal:
        """Open the disposal of an asset (or, `whole_asset` False, of part of it)."""
        if asset_class not in ASSET_CLASSES:
            raise InvalidAssetInput(f"asset class must be one of {', '.join(ASSET_CLASSES)} "
                                    "(money is deducted, not auctioned)", rule="R48",
                                    field="asset_class")
        return cls(case_id=case_id, case_number=case_number, court_code=court_code,
                   asset_id=asset_id, asset_class=asset_class, whole_asset=whole_asset,
                   request_id=request_id, started_on=started_on.isoformat())

    # --- what the disposal knows -------------------------------------------------------

    @property
    def head(self) -> dict[str, str]:
        """What every public event of the disposal says about it."""
        return {"disposal_id": str(self.id), "case_id": self.case_id,
                "court_code": self.court_code, "asset_id": self.asset_id}

    @property
    def current_round(self) -> dict[str, Any]:
        return self.rounds[-1] if self.rounds else {}

    @property
    def highest_bid(self) -> dict[str, Any]:
        bids = self.current_round.get("bids", [])
        return bids[-1] if bids else {}

    def handled(self, kind: str, request_id: str) -> bool:
        """A retried command (same request id) changes nothing the second time."""
        return bool(request_id) and f"{kind}:{request_id}" in self.requests

    def asked_for(self, kind: str, request_id: str) -> list[Any] | None:
        """What the request of that kind and id asked for, as its event recorded it;
        None when it is unknown (not handled, or before a version-1 snapshot)."""
        return self.asked.get(f"{kind}:{request_id}")

    @staticmethod
    def announcement(plan: RoundPlan) -> list[Any]:
        """What a 拍卖公告 request asks for, in the form `asked_for` returns it."""
        return [plan.starting_price_fen, plan.deposit_fen, plan.platform,
                _cst(plan.starts_at), _cst(plan.ends_at)]

    # --- 价格确定 ---------------------------------------------------------------------

    def record_valuation(self, request_id: str, method: str, value_fen: int,
                         valued_on: date, today: date) -> None:
        """价格确定 by 当事人议价, 定向询价, 网络询价 or 委托评估; it may be redone until the
        first round is announced, because R47 measures the starting price against it."""
        if self.handled("valuation", request_id):
            return
        self._require_stage(STARTED, VALUED, act="record a valuation", rule="R47")
        auction.check_valuation(method, value_fen, valued_on, today)
        self._valued(request_id, method, value_fen, valued_on.isoformat())

    @event("ValuationRecorded")
    def _valued(self, request_id: str, method: str, value_fen: int, valued_on: str) -> None:
        self._note("valuation", request_id, [method, value_fen, valued_on])
        self.valuation = {"method": method, "value_fen": value_fen, "valued_on": valued_on}
        self.stage = VALUED

    # --- 拍卖公告 (R47–R50) -------------------------------------------------------------

    def announce(self, request_id: str, plan: RoundPlan, terms: AuctionTerms,
                 now: datetime) -> None:
        """拍卖公告 — the first round against the valuation (R47, R48), a second after the
        first went unsold (R50); both need a deposit and 24 hours of bidding (R48, R49)."""
        if self.handled("announce", request_id):
            return
        round_no = len(self.rounds) + 1
        if round_no == 1:
            self._require_stage(VALUED, act="announce an auction", rule="R47")
            plan.check_form(now)
            auction.check_starting_price(plan, self.valuation["value_fen"], terms)
        else:
            self._require_second_round_allowed(plan, terms, now)
        auction.check_deposit(plan, terms)
        auction.check_announcement(plan, legal_date(now),
                                   terms.announce_days(self.asset_class, round_no),
                                   "R48" if round_no == 1 else "R50")
        auction.check_bidding_window(plan, terms)
        self._announced(request_id, round_no, plan.starting_price_fen, plan.deposit_fen,
                        plan.platform, _cst(now), legal_date(now).isoformat(),
                        _cst(plan.starts_at), _cst(plan.ends_at), self.head)

    def _require_second_round_allowed(self, plan: RoundPlan, terms: AuctionTerms,
                                      now: datetime) -> None:
        self._require_stage(UNSOLD, act="announce another auction", rule="R50")
        previous = self.current_round
        if len(self.rounds) >= MAX_ROUNDS:
            raise DisposalRefused("two auctions went unsold: the asset goes by 变卖 or "
                                  "以物抵债 now", rule="R50", field="disposal_id")
        plan.check_form(now)
        if plan.platform != previous["platform"]:
            raise DisposalRefused("a second auction is held on the same platform as the "
                                  f"first ({previous['platform']})", rule="R50",
                                  field="platform")
        auction.check_second_price(plan, previous["starting_price_fen"], terms)
        auction.check_held_within(plan, datetime.fromisoformat(previous["ends_at"]), terms)

    @event("AuctionAnnounced")
    def _announced(self, request_id: str, round_no: int, starting_price_fen: int,
                   deposit_fen: int, platform: str, announced_at: str, announced_on: str,
                   starts_at: str, ends_at: str, head: dict[str, str]) -> None:
        self._note("announce", request_id,
                   [starting_price_fen, deposit_fen, platform, starts_at, ends_at])
        self.rounds.append({"round": round_no, "starting_price_fen": starting_price_fen,
                            "deposit_fen": deposit_fen, "platform": platform,
                            "announced_at": announced_at, "announced_on": announced_on,
                            "starts_at": starts_at, "ends_at": ends_at, "bids": [],
                            "outcome": "", "closed_at": ""})
        self.stage = AUCTION

    # --- 竞价 (R49) ---------------------------------------------------------------------

    def place_bid(self, bid_id: str, bidder: str, amount_fen: int, placed_at: datetime,
                  now: datetime, terms: AuctionTerms) -> None:
        """竞价 — a bid as the platform received it: while bidding is open, above the
        highest so far (the first at least the starting price); one in the last minutes
        extends the end (R49)."""
        if self.handled("bid", bid_id):
            return
        self._require_stage(AUCTION, act="record a bid", rule="R49")
        if placed_at.tzinfo is None or placed_at > now:
            raise InvalidAssetInput("a bid's time carries its offset and is not in the "
                                    "future", rule="R49", field="placed_at")
        auction.check_bid_time(self.current_round, placed_at)
        auction.check_bid_amount(self.current_round, amount_fen)
        ends_at = datetime.fromisoformat(self.current_round["ends_at"])
        self._bid(bid_id, bidder, amount_fen, _cst(placed_at),
                  _cst(auction.extended_end(ends_at, placed_at, terms)))

    @event("BidPlaced")
    def _bid(self, bid_id: str, bidder: str, amount_fen: int, placed_at: str,
             ends_at: str) -> None:
        self._note("bid", bid_id)
        self.current_round["bids"].append({"bid_id": bid_id, "bidder": bidder,
                                           "amount_fen": amount_fen, "placed_at": placed_at})
        self.current_round["ends_at"] = ends_at

    def close_round(self, request_id: str, now: datetime) -> None:
        """Bidding over: sold to the highest bid, or 流拍 when nobody bid."""
        if self.handled("close", request_id):
            return
        self._require_stage(AUCTION, act="close a round", rule="R49")
        ends_at = self.current_round["ends_at"]
        if now < datetime.fromisoformat(ends_at):
            raise DisposalRefused(f"bidding is open until {ends_at}", rule="R49",
                                  field="ends_at")
        best = self.highest_bid
        self._closed(request_id, "sold" if best else "unsold", best.get("amount_fen", 0),
                     best.get("bid_id", ""), best.get("bidder", ""), _cst(now))

    @event("RoundClosed")
    def _closed(self, request_id: str, outcome: str, price_fen: int, winning_bid: str,
                buyer: str, closed_at: str) -> None:
        self._note("close", request_id)
        self.current_round.update(outcome=outcome, closed_at=closed_at)
        if outcome == "sold":
            self.sale = {"method": "auction", "price_fen": price_fen, "buyer": buyer,
                         "winning_bid": winning_bid}
        self.stage = SOLD if outcome == "sold" else UNSOLD

    # --- after a second 流拍: 变卖, 以物抵债 (R50) ----------------------------------------

    def sell_off(self, request_id: str, price_fen: int, buyer: str, today: date) -> None:
        """变卖 — sale at the second auction's starting price (or more)."""
        if self.handled("sell_off", request_id):
            return
        floor = self._require_second_unsold(act="sell by 变卖")
        bounded_fen(price_fen, "price_fen", rule="R50")
        if price_fen < floor:
            raise DisposalRefused(f"变卖 is at the second auction's starting price "
                                  f"{yuan(floor)}; {yuan(price_fen)} is below it",
                                  rule="R50", field="price_fen")
        self._sold_off(request_id, price_fen, buyer, today.isoformat())

    @event("SoldOff")
    def _sold_off(self, request_id: str, price_fen: int, buyer: str, agreed_on: str) -> None:
        self._note("sell_off", request_id, [price_fen, buyer])
        self.sale = {"method": "sale", "price_fen": price_fen, "buyer": buyer,
                     "agreed_on": agreed_on}
        self.stage = SOLD

    def deliver_in_kind(self, request_id: str, creditor_consents: bool, today: date) -> None:
        """以物抵债 — the asset goes to the creditor at the second auction's starting
        price, only with the creditor's consent."""
        if self.handled("in_kind", request_id):
            return
        price = self._require_second_unsold(act="deliver the asset in satisfaction")
        if not creditor_consents:
            raise DisposalRefused("以物抵债 needs the creditor's consent", rule="R50",
                                  field="creditor_consents")
        self._concluded(request_id, "in_kind", price, today.isoformat(), self.whole_asset,
                        self.head)

    def conclude_unsold(self, request_id: str, today: date) -> None:
        """Neither 变卖 nor 以物抵债 found a taker: the disposal ends unsold (the control
        measure stays until lifted on its own ground)."""
        if self.handled("conclude", request_id):
            return
        self._require_second_unsold(act="end the disposal unsold")
        self._concluded(request_id, "unsold", 0, today.isoformat(), self.whole_asset,
                        self.head)

    def _require_second_unsold(self, act: str) -> int:
        """The second round's starting price, once two auctions went unsold."""
        if self.stage != UNSOLD or len(self.rounds) < MAX_ROUNDS:
            raise DisposalRefused(f"cannot {act} before a second auction went unsold "
                                  f"(rounds so far: {len(self.rounds)}, stage "
                                  f"{STAGE_LABELS[self.stage]})", rule="R50",
                                  field="disposal_id")
        return int(self.current_round["starting_price_fen"])

    # --- 拍卖款 to the case account (R28, R50) --------------------------------------------

    def pay_proceeds(self, today: date) -> bool:
        """The buyer's price goes to the case account, once per disposal: True when paid
        now, False when it already was."""
        if self.proceeds:
            return False
        self._require_stage(SOLD, act="pay proceeds", rule="R50")
        price = int(self.sale["price_fen"])
        self._paid(price, today.isoformat(), self.head)
        self._concluded("", str(self.sale["method"]), price, today.isoformat(),
                        self.whole_asset, self.head)
        return True

    @event("ProceedsPaid")
    def _paid(self, amount_fen: int, paid_on: str, head: dict[str, str]) -> None:
        self.proceeds = {"amount_fen": amount_fen, "paid_on": paid_on}

    @event("Concluded")
    def _concluded(self, request_id: str, method: str, price_fen: int, concluded_on: str,
                   whole_asset: bool, head: dict[str, str]) -> None:
        # 以物抵债 is only ever done with the creditor's consent: that is what it asked.
        self._note("conclude" if method == "unsold" else method, request_id,
                   [True] if method == "in_kind" else None)
        self.conclusion = {"method": method, "price_fen": price_fen,
                           "concluded_on": concluded_on}
        self.stage = CONCLUDED

    # --- helpers ------------------------------------------------------------------------

    def _note(self, kind: str, request_id: str, asked: list[Any] | None = None) -> None:
        if request_id:
            self.requests.append(f"{kind}:{request_id}")
            if asked is not None:
                self.asked[f"{kind}:{request_id}"] = asked

    def _require_stage(self, *stages: str, act: str, rule: str) -> None:
        if self.stage not in stages:
            raise DisposalRefused(f"cannot {act} while the disposal is "
                                  f"{STAGE_LABELS[self.stage]}", rule=rule,
                                  field="disposal_id")


def _cst(moment: datetime) -> str:
    """Times are kept as ISO 8601 in China Standard Time, the zone the law counts in."""
    return moment.astimezone(china_tz()).isoformat()
