"""AssetDisposalService: 处置 of controlled assets over gRPC (R47–R50), thin translators.

Every call acts on one case's property, so it is bound to the case's court and team
(R46) and audited. Bidders are not court users: in this service the bids of an online
auction are entered by court staff from the auction platform's feed (`PlaceBid`), each
under the platform's bid id so that entering it twice records it once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeAlias
from uuid import UUID

import grpc

from zhixing.assets.api.base import AssetsServicerBase
from zhixing.assets.api.policies import DISPOSAL
from zhixing.assets.application.disposal import disposal_missing
from zhixing.assets.domain.auction import VALUATION_METHODS
from zhixing.assets.domain.disposal import STAGE_LABELS, Disposal
from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.assets.projections.cases_seen import SeenCase
from zhixing.contracts.pb.assets.v1 import disposal_pb2 as pb
from zhixing.contracts.pb.assets.v1 import disposal_pb2_grpc
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import Identity

Context: TypeAlias = grpc.aio.ServicerContext
SERVICE = "zhixing.assets.v1.AssetDisposalService"
POLICIES = DISPOSAL


class AssetDisposalServicer(AssetsServicerBase, disposal_pb2_grpc.AssetDisposalServiceServicer):
    POLICIES = POLICIES

    @maps_errors
    async def StartDisposal(self, request: pb.StartDisposalRequest,
                            context: Context) -> pb.StartDisposalResponse:
        case, caller = await self._case(request.case_id)
        disposal = await self._act(caller, case.case_number, "启动处置",
                                   lambda: self.app.start_disposal(
                                       case.ref, request.asset_id.strip(), request.asset_class,
                                       request.request_id, whole_asset=not request.partial))
        return pb.StartDisposalResponse(disposal=disposal_message(disposal))

    @maps_errors
    async def RecordValuation(self, request: pb.RecordValuationRequest,
                              context: Context) -> pb.RecordValuationResponse:
        case, caller, disposal_id = await self._disposal(request.disposal_id)
        disposal = await self._act(caller, case.case_number, "价格确定",
                                   lambda: self.app.record_valuation(
                                       disposal_id, request.request_id, request.method,
                                       request.value_fen, _day(request.valued_on, "valued_on")))
        return pb.RecordValuationResponse(disposal=disposal_message(disposal))

    @maps_errors
    async def AnnounceAuction(self, request: pb.AnnounceAuctionRequest,
                              context: Context) -> pb.AnnounceAuctionResponse:
        case, caller, disposal_id = await self._disposal(request.disposal_id)
        disposal = await self._act(caller, case.case_number, "拍卖公告",
                                   lambda: self.app.announce_auction(
                                       disposal_id, request.request_id,
                                       starting_price_fen=request.starting_price_fen,
                                       deposit_fen=request.deposit_fen,
                                       starts_at=_moment(request.starts_at, "starts_at"),
                                       ends_at=_moment(request.ends_at, "ends_at"),
                                       platform=request.platform))
        return pb.AnnounceAuctionResponse(disposal=disposal_message(disposal))

    @maps_errors
    async def PlaceBid(self, request: pb.PlaceBidRequest, context: Context) -> pb.PlaceBidResponse:
        case, caller, disposal_id = await self._disposal(request.disposal_id)
        disposal = await self._act(caller, case.case_number, "录入竞价",
                                   lambda: self.app.place_bid(
                                       disposal_id, request.bid_id, request.bidder,
                                       request.amount_fen,
                                       _moment(request.placed_at, "placed_at")))
        return pb.PlaceBidResponse(disposal=disposal_message(disposal))

    @maps_errors
    async def CloseAuctionRound(self, request: pb.CloseAuctionRoundRequest,
                                context: Context) -> pb.CloseAuctionRoundResponse:
        case, caller, disposal_id = await self._disposal(request.disposal_id)
        disposal = await self._act(caller, case.case_number, "拍卖结束",
                                   lambda: self.app.close_round(disposal_id, request.request_id))
        return pb.CloseAuctionRoundResponse(disposal=disposal_message(disposal))

    @maps_errors
    async def SellOff(self, request: pb.SellOffRequest, context: Context) -> pb.SellOffResponse:
        case, caller, disposal_id = await self._disposal(request.disposal_id)
        disposal = await self._act(caller, case.case_number, "变卖",
                                   lambda: self.app.sell_off(disposal_id, request.request_id,
                                                             request.price_fen, request.buyer))
        return pb.SellOffResponse(disposal=disposal_message(disposal))

    @maps_errors
    async def DeliverInKind(self, request: pb.DeliverInKindRequest,
                            context: Context) -> pb.DeliverInKindResponse:
        case, caller, disposal_id = await self._disposal(request.disposal_id)
        disposal = await self._act(caller, case.case_number, "以物抵债",
                                   lambda: self.app.deliver_in_kind(
                                       disposal_id, request.request_id,
                                       request.creditor_consents))
        return pb.DeliverInKindResponse(disposal=disposal_message(disposal))

    @maps_errors
    async def ConcludeUnsold(self, request: pb.ConcludeUnsoldRequest,
                             context: Context) -> pb.ConcludeUnsoldResponse:
        case, caller, disposal_id = await self._disposal(request.disposal_id)
        disposal = await self._act(caller, case.case_number, "处置终结未成交",
                                   lambda: self.app.conclude_unsold(disposal_id,
                                                                    request.request_id))
        return pb.ConcludeUnsoldResponse(disposal=disposal_message(disposal))

    @maps_errors
    async def PayProceeds(self, request: pb.PayProceedsRequest,
                          context: Context) -> pb.PayProceedsResponse:
        case, caller, disposal_id = await self._disposal(request.disposal_id)
        disposal = await self._act(caller, case.case_number, "拍卖款入案款账户",
                                   lambda: self.app.pay_proceeds(disposal_id))
        return pb.PayProceedsResponse(disposal=disposal_message(disposal))

    @maps_errors
    async def GetDisposal(self, request: pb.GetDisposalRequest,
                          context: Context) -> pb.GetDisposalResponse:
        case, caller, disposal_id = await self._disposal(request.disposal_id)
        disposal = await self._act(caller, case.case_number, "查看处置",
                                   lambda: self.app.get_disposal(disposal_id))
        return pb.GetDisposalResponse(disposal=disposal_message(disposal))

    async def _disposal(self, disposal_id: str) -> tuple[SeenCase, Identity | None, UUID]:
        """The case a disposal belongs to, once the caller may act on it (R46); another
        court's disposal is answered as an unknown one."""
        parsed = _uuid(disposal_id)
        disposal = await self._found(lambda: self.app.get_disposal(parsed))
        case, caller = await self._case(disposal.case_id, disposal_missing)
        return case, caller, parsed


def disposal_message(d: Disposal) -> pb.Disposal:
    message = pb.Disposal(
        disposal_id=str(d.id), case_id=d.case_id, case_number=d.case_number,
        court_code=d.court_code, asset_id=d.asset_id, asset_class=d.asset_class,
        whole_asset=d.whole_asset, stage=d.stage, stage_label=STAGE_LABELS[d.stage],
        started_on=d.started_on, rounds=[_round(r) for r in d.rounds],
        proceeds_fen=d.proceeds.get("amount_fen", 0),
        proceeds_paid_on=d.proceeds.get("paid_on", ""))
    if d.valuation:
        message.valuation.CopyFrom(pb.DisposalValuation(
            **d.valuation, method_label=VALUATION_METHODS[d.valuation["method"]]))
    if d.sale:
        message.sale.CopyFrom(pb.DisposalSale(method=d.sale["method"],
                                              price_fen=d.sale["price_fen"],
                                              buyer=d.sale["buyer"]))
    if d.conclusion:
        message.conclusion.CopyFrom(pb.DisposalConclusion(**d.conclusion))
    return message


def _round(r: dict[str, Any]) -> pb.AuctionRound:
    return pb.AuctionRound(
        round=r["round"], starting_price_fen=r["starting_price_fen"],
        deposit_fen=r["deposit_fen"], platform=r["platform"], announced_at=r["announced_at"],
        starts_at=r["starts_at"], ends_at=r["ends_at"], outcome=r["outcome"],
        closed_at=r["closed_at"], bids=[pb.AuctionBid(**b) for b in r["bids"]])


def _uuid(text: str) -> UUID:
    try:
        return UUID(text.strip())
    except ValueError:
        raise InvalidAssetInput("not a disposal id", field="disposal_id") from None


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidAssetInput("not a date (YYYY-MM-DD)", field=field) from None


def _moment(text: str, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise InvalidAssetInput("not a time with its offset (e.g. 2026-03-20T10:00:00+08:00)",
                                field=field)
    return moment
