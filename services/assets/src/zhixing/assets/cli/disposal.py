"""`zhixing asset <disposal step>` — 处置 over gRPC (AssetDisposalService, R47–R50, R28).

`dispose` starts the disposal of an asset the case holds an effective measure on and
prints the disposal id; every later step names that id, and the court with `--court`
(or ZHIXING_COURT) for the development token. Every write but `bid` and `pay-proceeds`
takes `--request-id`, its idempotency key: a fresh one by default, printed back (a bid's
key is the platform's bid id; proceeds are paid once per disposal). Money is read and
printed in yuan; bidders and buyers are platform numbers, never names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any

import typer

from zhixing.assets.cli.options import AssetId, RequestId, day, moment, new_key
from zhixing.contracts.pb.assets.v1 import disposal_pb2 as pb
from zhixing.contracts.pb.assets.v1 import disposal_pb2_grpc
from zhixing.runtime import cli_kit as kit
from zhixing.runtime.cli_kit import (
    TARGET,
    Court,
    Number,
    Role,
    Target,
    Team,
    User,
    now_in_beijing,
    positive_fen,
    usage,
    yuan,
)


class AssetClass(StrEnum):
    """How the asset is auctioned (R48, R50: movables need less notice)."""

    movable = "movable"  # 动产
    real_property = "real_property"  # 不动产
    property_right = "property_right"  # 其他财产权


class Method(StrEnum):
    """价格确定 — how the reference price of R47 was fixed."""

    negotiated = "negotiated"  # 当事人议价
    directed_inquiry = "directed_inquiry"  # 定向询价
    online_inquiry = "online_inquiry"  # 网络询价
    appraisal = "appraisal"  # 委托评估


DisposalId = Annotated[str, typer.Argument(help="The disposal, as `zhixing asset dispose` "
                                                "printed it.")]


def in_court(court: str, target: str, role: str, team: str, user: str) -> kit.Client:
    """The AssetDisposalService as a member of `court`."""
    return kit.in_court(disposal_pb2_grpc.AssetDisposalServiceStub, court, target, role, team,
                        user)


def dispose(number: Number, asset_id: AssetId,
            asset_class: Annotated[AssetClass, typer.Option("--class", help="The asset's class.")],
            partial: Annotated[bool, typer.Option(help="Only part of the asset (R22).")] = False,
            request_id: RequestId = "", target: Target = TARGET, role: Role = "officer",
            team: Team = "", user: User = "cli") -> None:
    """处置 — start disposing of an asset the case holds an effective measure on (R22)."""
    client = kit.on_case(disposal_pb2_grpc.AssetDisposalServiceStub, number, target, role,
                          team, user)
    key = request_id or new_key()
    show(client.call("StartDisposal", pb.StartDisposalRequest(
        case_id=number, asset_id=asset_id, asset_class=asset_class.value, request_id=key,
        partial=partial)).disposal, key)


def value(disposal_id: DisposalId,
          method: Annotated[Method, typer.Option(help="How the price was fixed.")],
          amount: Annotated[str, typer.Option("--value", help="The value fixed, in yuan.")],
          on: Annotated[str, typer.Option(help="Fixed on, YYYY-MM-DD (default: today).")] = "",
          request_id: RequestId = "", court: Court = "川0104", target: Target = TARGET,
          role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """价格确定 — record the valuation; it may be redone until the first auction (R47)."""
    key = request_id or new_key()
    show(in_court(court, target, role, team, user).call("RecordValuation",
                                                          pb.RecordValuationRequest(
        disposal_id=disposal_id, request_id=key, method=method.value,
        value_fen=positive_fen(amount, "value"), valued_on=day(on, "on").isoformat())).disposal,
         key)


def announce(disposal_id: DisposalId,
             start_price: Annotated[str, typer.Option(help="Starting price in yuan: at least "
                                                           "70% of the valuation (R47).")],
             starts_at: Annotated[str, typer.Option(help="Bidding opens, ISO 8601 with offset "
                                                         "(R48: 15/30 days' notice).")],
             platform: Annotated[str, typer.Option(help="The online auction platform.")],
             deposit: Annotated[str, typer.Option(help="保证金 in yuan, 5%–20% of the starting "
                                                       "price (R48; default 10%).")] = "",
             ends_at: Annotated[str, typer.Option(help="Bidding closes, ISO 8601 with offset "
                                                       "(default: 24 hours after it opens, R49).")]
             = "", request_id: RequestId = "", court: Court = "川0104", target: Target = TARGET,
             role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """拍卖公告 — announce the next auction round (R47–R50)."""
    key, price_fen = request_id or new_key(), positive_fen(start_price, "start-price")
    opens = moment(starts_at, "starts-at", required=True)
    closes = moment(ends_at, "ends-at") or _day_after(opens)
    show(in_court(court, target, role, team, user).call("AnnounceAuction",
                                                          pb.AnnounceAuctionRequest(
        disposal_id=disposal_id, request_id=key, starting_price_fen=price_fen,
        deposit_fen=positive_fen(deposit, "deposit") if deposit else price_fen // 10,
        starts_at=opens, ends_at=closes, platform=platform)).disposal, key)


def _day_after(opens: str) -> str:
    """24 hours after bidding opens (R49's default close); exit 2 past the calendar."""
    try:
        return (datetime.fromisoformat(opens) + timedelta(hours=24)).isoformat()
    except OverflowError:
        usage("bidding must close by 9999-12-31", "starts-at")


def bid(disposal_id: DisposalId,
        bid_id: Annotated[str, typer.Option(help="The platform's id of the bid (its key).")],
        bidder: Annotated[str, typer.Option(help="The bidder's number (竞买号), never a name.")],
        amount: Annotated[str, typer.Option(help="The amount bid, in yuan.")],
        placed_at: Annotated[str, typer.Option(help="When the platform received it, ISO 8601 "
                                                    "with offset (default: now).")] = "",
        court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
        team: Team = "", user: User = "cli") -> None:
    """竞价 — enter one bid from the platform's feed; a late bid extends the end (R49)."""
    placed = moment(placed_at, "placed-at") or now_in_beijing().isoformat()
    show(in_court(court, target, role, team, user).call("PlaceBid", pb.PlaceBidRequest(
        disposal_id=disposal_id, bid_id=bid_id, bidder=bidder,
        amount_fen=positive_fen(amount, "amount"), placed_at=placed)).disposal)


def close_round(disposal_id: DisposalId, request_id: RequestId = "", court: Court = "川0104",
                target: Target = TARGET, role: Role = "officer", team: Team = "",
                user: User = "cli") -> None:
    """拍卖结束 — close the round once bidding is over: sold to the highest bid, or 流拍."""
    key = request_id or new_key()
    show(in_court(court, target, role, team, user).call("CloseAuctionRound",
                                                          pb.CloseAuctionRoundRequest(
        disposal_id=disposal_id, request_id=key)).disposal, key)


def sell_off(disposal_id: DisposalId,
             price: Annotated[str, typer.Option(help="The price in yuan, at least the second "
                                                     "auction's starting price (R50).")],
             buyer: Annotated[str, typer.Option(help="The buyer's reference, never a name.")],
             request_id: RequestId = "", court: Court = "川0104", target: Target = TARGET,
             role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """变卖 — sell after a second unsold auction (R50)."""
    key = request_id or new_key()
    show(in_court(court, target, role, team, user).call("SellOff", pb.SellOffRequest(
        disposal_id=disposal_id, request_id=key, price_fen=positive_fen(price, "price"),
        buyer=buyer)).disposal, key)


def in_kind(disposal_id: DisposalId,
            creditor_consents: Annotated[bool, typer.Option(
                help="The creditor consents (R50: refused without it).")] = False,
            request_id: RequestId = "", court: Court = "川0104", target: Target = TARGET,
            role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """以物抵债 — deliver the asset to the creditor after a second unsold auction (R50)."""
    key = request_id or new_key()
    show(in_court(court, target, role, team, user).call("DeliverInKind",
                                                          pb.DeliverInKindRequest(
        disposal_id=disposal_id, request_id=key, creditor_consents=creditor_consents)).disposal,
         key)


def conclude_unsold(disposal_id: DisposalId, request_id: RequestId = "",
                    court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
                    team: Team = "", user: User = "cli") -> None:
    """处置终结 — end a disposal that neither 变卖 nor 以物抵债 could complete."""
    key = request_id or new_key()
    show(in_court(court, target, role, team, user).call("ConcludeUnsold",
                                                          pb.ConcludeUnsoldRequest(
        disposal_id=disposal_id, request_id=key)).disposal, key)


def pay_proceeds(disposal_id: DisposalId, court: Court = "川0104", target: Target = TARGET,
                 role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """拍卖款入账 — pay the price to the case account and conclude (R28, R50); once only."""
    show(in_court(court, target, role, team, user).call("PayProceeds", pb.PayProceedsRequest(
        disposal_id=disposal_id)).disposal)


def disposal(disposal_id: DisposalId, court: Court = "川0104", target: Target = TARGET,
             role: Role = "officer", team: Team = "", user: User = "cli") -> None:
    """处置详情 — one disposal: its stage, valuation, every round and bid, sale, proceeds."""
    found = in_court(court, target, role, team, user).call("GetDisposal", pb.GetDisposalRequest(
        disposal_id=disposal_id)).disposal
    show(found, last_round=False)
    for r in found.rounds:
        typer.echo(f"  {round_text(r)}")
        for b in r.bids:
            typer.echo(f"    {b.placed_at[:19]}  {b.bidder:<12} {yuan(b.amount_fen):>14}  "
                       f"bid {b.bid_id}")


def show(d: Any, request_id: str = "", last_round: bool = True) -> None:
    """One line: the disposal, its stage, and what was last decided."""
    parts = [d.case_number, f"disposal {d.disposal_id}", d.stage_label]
    if d.HasField("valuation"):
        v = d.valuation
        parts.append(f"valued {yuan(v.value_fen)} yuan ({v.method_label} {v.valued_on})")
    if d.rounds and last_round:
        parts.append(round_text(d.rounds[-1]))
    if d.HasField("sale"):
        parts.append(f"sold ({d.sale.method}) for {yuan(d.sale.price_fen)} yuan to {d.sale.buyer}")
    if d.proceeds_paid_on:
        parts.append(f"proceeds {yuan(d.proceeds_fen)} yuan paid {d.proceeds_paid_on} (R28)")
    if d.HasField("conclusion"):
        c = d.conclusion
        parts.append(f"concluded {c.concluded_on} ({c.method}, {yuan(c.price_fen)} yuan)")
    typer.echo("  ".join(parts + ([f"request {request_id}"] if request_id else [])))


def round_text(r: Any) -> str:
    top = f", highest {yuan(r.bids[-1].amount_fen)}" if r.bids else ""
    return (f"round {r.round} from {yuan(r.starting_price_fen)} yuan (deposit "
            f"{yuan(r.deposit_fen)}) on {r.platform}, bidding {r.starts_at[:16]} – "
            f"{r.ends_at[:16]}{top}" + (f": {r.outcome}" if r.outcome else ""))


COMMANDS: dict[str, Callable[..., None]] = {
    "dispose": dispose, "value": value, "announce": announce, "bid": bid,
    "close-round": close_round, "sell-off": sell_off, "in-kind": in_kind,
    "conclude-unsold": conclude_unsold, "pay-proceeds": pay_proceeds, "disposal": disposal}
