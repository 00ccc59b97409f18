"""处置 of controlled assets: valuation, auction rounds, 变卖 / 以物抵债, proceeds.

The `[auction]` numbers come from the court's policy table and are handed to the
domain with each command. Commands a retry could repeat carry the caller's request id
(a bid, the platform's bid id) and are applied once; the proceeds are paid once per
disposal whatever the caller sends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date, datetime
from typing import Any
from uuid import UUID

from zhixing.assets.application.base import AssetsStore
from zhixing.assets.application.inquiries import CaseRef
from zhixing.assets.domain.auction import AuctionTerms, RoundPlan
from zhixing.assets.domain.disposal import Disposal
from zhixing.assets.domain.errors import DisposalNotFound, DisposalRefused, InvalidAssetInput
from zhixing.eventstore.unit import same_request


class DisposalCommands(AssetsStore):
    holds_effective_measure: Callable[[str, str], bool]
    """Whether the case holds an effective (not queued) control measure on the asset —
    from the control-measure commands (`ControlCommands`)."""

    def auction_terms(self, court_code: str) -> AuctionTerms:
        """The court's `[auction]` policy numbers (R47–R50)."""
        policy = self.policy_for(court_code)
        return AuctionTerms(**{f.name: policy.int(f"auction.{f.name}")
                               for f in fields(AuctionTerms)})

    def start_disposal(self, case: CaseRef, asset_id: str, asset_class: str, request_id: str,
                       *, whole_asset: bool = True) -> Disposal:
        """处置 begins — only for an asset the case itself controls: a court whose measure
        waits in the queue does not dispose of it (R22). `whole_asset` False disposes of
        part of it (queued measures then continue on the rest). Idempotent on
        `request_id`."""
        if not request_id.strip():
            raise InvalidAssetInput("a request id makes a retry safe; give one",
                                    field="request_id")
        def start() -> Disposal:
            if not self.holds_effective_measure(case.case_id, asset_id):
                raise DisposalRefused("the case holds no effective control measure (查封、扣押、"
                                      "冻结) on this asset; control it first, or wait for the "
                                      "measure ahead of it", rule="R22", field="asset_id")
            self._check_class(case.case_id, asset_id, asset_class)
            return Disposal.start(
                case_id=case.case_id, case_number=case.case_number, court_code=case.court_code,
                asset_id=asset_id, asset_class=asset_class, whole_asset=whole_asset,
                request_id=request_id, started_on=self.today())

        disposal: Disposal = self.create_once(
            Disposal.create_id(case.case_id, asset_id, request_id), start,
            same=lambda d: same_request("request_id", (d.asset_class, d.whole_asset),
                                        (asset_class, whole_asset)))
        return disposal

    def _check_class(self, case_id: str, asset_id: str, asset_class: str) -> None:
        """The class is the controlled asset's, not the caller's to choose: it sets the
        notice periods (R48, R50). Frozen money is deducted (划拨), never auctioned."""
        controlled = self.controlled_class(case_id, asset_id)
        if controlled == "deposit":
            raise DisposalRefused("frozen money is deducted (划拨), not auctioned",
                                  rule="R47", field="asset_id")
        if controlled == "real_property" and asset_class == "movable":
            raise DisposalRefused("the asset is controlled as real property or another "
                                  "property right: its auction needs the 30-day notice of "
                                  "real property, not the 15 days of movables",
                                  rule="R48", field="asset_class")

    def get_disposal(self, disposal_id: UUID) -> Disposal:
        return _as_disposal(self.get_or_none(disposal_id))

    def record_valuation(self, disposal_id: UUID, request_id: str, method: str, value_fen: int,
                         valued_on: date) -> Disposal:
        """价格确定: 当事人议价, 定向询价, 网络询价 or 委托评估, with the value and its date."""
        asked = [method, value_fen, valued_on.isoformat()]
        return self._update(disposal_id, lambda d: _once(d, "valuation", request_id, asked)
                            or d.record_valuation(request_id, method, value_fen, valued_on,
                                                  self.today()))

    def announce_auction(self, disposal_id: UUID, request_id: str, *, starting_price_fen: int,
                         deposit_fen: int, starts_at: datetime, ends_at: datetime,
                         platform: str) -> Disposal:
        """拍卖公告 of the next round, announced now (R47–R50)."""
        plan = RoundPlan(starting_price_fen, deposit_fen, starts_at, ends_at, platform.strip())
        return self._update(disposal_id, lambda d: _once(
            d, "announce", request_id, Disposal.announcement(plan))
            or d.announce(request_id, plan, self.auction_terms(d.court_code), self.now()))

    def place_bid(self, disposal_id: UUID, bid_id: str, bidder: str, amount_fen: int,
                  placed_at: datetime) -> Disposal:
        """A bid from the platform's feed, entered by court staff: `bid_id` is the
        platform's id (the idempotency key: the same bid again records nothing, another
        under it is refused), `bidder` its 竞买号, never a name (R49)."""
        if not bid_id.strip() or not bidder.strip():
            raise InvalidAssetInput("a bid carries the platform's bid id and bidder number",
                                    rule="R49", field="bid_id" if not bid_id.strip() else "bidder")

        def bid(d: Disposal) -> None:
            for earlier in (b for r in d.rounds for b in r["bids"] if b["bid_id"] == bid_id):
                same_request("bid_id", (earlier["bidder"], earlier["amount_fen"]),
                             (bidder.strip(), amount_fen))
            d.place_bid(bid_id, bidder.strip(), amount_fen, placed_at, self.now(),
                        self.auction_terms(d.court_code))

        return self._update(disposal_id, bid)

    def close_round(self, disposal_id: UUID, request_id: str) -> Disposal:
        """Bidding ended: sold to the highest bid, or 流拍."""
        return self._update(disposal_id, lambda d: d.close_round(request_id, self.now()))

    def sell_off(self, disposal_id: UUID, request_id: str, price_fen: int,
                 buyer: str) -> Disposal:
        """变卖 after a second 流拍, at the second auction's starting price (R50)."""
        return self._update(disposal_id, lambda d: _once(
            d, "sell_off", request_id, [price_fen, buyer.strip()])
            or d.sell_off(request_id, price_fen, buyer.strip(), self.today()))

    def deliver_in_kind(self, disposal_id: UUID, request_id: str,
                        creditor_consents: bool) -> Disposal:
        """以物抵债 after a second 流拍, with the creditor's consent (R50)."""
        return self._update(disposal_id, lambda d: _once(
            d, "in_kind", request_id, [creditor_consents])
            or d.deliver_in_kind(request_id, creditor_consents, self.today()))

    def conclude_unsold(self, disposal_id: UUID, request_id: str) -> Disposal:
        """The disposal ends unsold after a second 流拍 with no 变卖 nor 以物抵债."""
        return self._update(disposal_id, lambda d: d.conclude_unsold(request_id, self.today()))

    def pay_proceeds(self, disposal_id: UUID) -> Disposal:
        """拍卖款 / 变卖款 to the case account (R28, R50) — once per disposal: a retry
        publishes nothing new."""
        return self._update(disposal_id, lambda d: d.pay_proceeds(self.today()))

    def _update(self, disposal_id: UUID, act: Callable[[Disposal], object]) -> Disposal:
        return self.update(disposal_id, _as_disposal, act)


def _once(disposal: Disposal, kind: str, request_id: str, asked: list[Any]) -> bool:
    """True when the request was handled already and asked the same (a re-send: the
    command is then not run again); refused when its id asked for something else.
    Closing a round and concluding unsold ask nothing beyond their id."""
    earlier = disposal.asked_for(kind, request_id)
    if earlier is not None:
        same_request("request_id", earlier, asked)
    return disposal.handled(kind, request_id)


def disposal_missing() -> DisposalNotFound:
    """The answer for a disposal id that names no disposal (or none the caller may know
    of)."""
    return DisposalNotFound("no disposal with that id", field="disposal_id")


def _as_disposal(found: Any) -> Disposal:
    if not isinstance(found, Disposal):
        raise disposal_missing()
    return found
