from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StartDisposalRequest(_message.Message):
    __slots__ = ("case_id", "asset_id", "asset_class", "request_id", "partial")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_CLASS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PARTIAL_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    asset_id: str
    asset_class: str
    request_id: str
    partial: bool
    def __init__(self, case_id: _Optional[str] = ..., asset_id: _Optional[str] = ..., asset_class: _Optional[str] = ..., request_id: _Optional[str] = ..., partial: _Optional[bool] = ...) -> None: ...

class StartDisposalResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class RecordValuationRequest(_message.Message):
    __slots__ = ("disposal_id", "request_id", "method", "value_fen", "valued_on")
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    VALUE_FEN_FIELD_NUMBER: _ClassVar[int]
    VALUED_ON_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    request_id: str
    method: str
    value_fen: int
    valued_on: str
    def __init__(self, disposal_id: _Optional[str] = ..., request_id: _Optional[str] = ..., method: _Optional[str] = ..., value_fen: _Optional[int] = ..., valued_on: _Optional[str] = ...) -> None: ...

class RecordValuationResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class AnnounceAuctionRequest(_message.Message):
    __slots__ = ("disposal_id", "request_id", "starting_price_fen", "deposit_fen", "starts_at", "ends_at", "platform")
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    STARTING_PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_FEN_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    request_id: str
    starting_price_fen: int
    deposit_fen: int
    starts_at: str
    ends_at: str
    platform: str
    def __init__(self, disposal_id: _Optional[str] = ..., request_id: _Optional[str] = ..., starting_price_fen: _Optional[int] = ..., deposit_fen: _Optional[int] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., platform: _Optional[str] = ...) -> None: ...

class AnnounceAuctionResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class PlaceBidRequest(_message.Message):
    __slots__ = ("disposal_id", "bid_id", "bidder", "amount_fen", "placed_at")
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    BID_ID_FIELD_NUMBER: _ClassVar[int]
    BIDDER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    PLACED_AT_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    bid_id: str
    bidder: str
    amount_fen: int
    placed_at: str
    def __init__(self, disposal_id: _Optional[str] = ..., bid_id: _Optional[str] = ..., bidder: _Optional[str] = ..., amount_fen: _Optional[int] = ..., placed_at: _Optional[str] = ...) -> None: ...

class PlaceBidResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class CloseAuctionRoundRequest(_message.Message):
    __slots__ = ("disposal_id", "request_id")
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    request_id: str
    def __init__(self, disposal_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class CloseAuctionRoundResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class SellOffRequest(_message.Message):
    __slots__ = ("disposal_id", "request_id", "price_fen", "buyer")
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    BUYER_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    request_id: str
    price_fen: int
    buyer: str
    def __init__(self, disposal_id: _Optional[str] = ..., request_id: _Optional[str] = ..., price_fen: _Optional[int] = ..., buyer: _Optional[str] = ...) -> None: ...

class SellOffResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class DeliverInKindRequest(_message.Message):
    __slots__ = ("disposal_id", "request_id", "creditor_consents")
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    CREDITOR_CONSENTS_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    request_id: str
    creditor_consents: bool
    def __init__(self, disposal_id: _Optional[str] = ..., request_id: _Optional[str] = ..., creditor_consents: _Optional[bool] = ...) -> None: ...

class DeliverInKindResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class ConcludeUnsoldRequest(_message.Message):
    __slots__ = ("disposal_id", "request_id")
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    request_id: str
    def __init__(self, disposal_id: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ConcludeUnsoldResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class PayProceedsRequest(_message.Message):
    __slots__ = ("disposal_id",)
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    def __init__(self, disposal_id: _Optional[str] = ...) -> None: ...

class PayProceedsResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class GetDisposalRequest(_message.Message):
    __slots__ = ("disposal_id",)
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    def __init__(self, disposal_id: _Optional[str] = ...) -> None: ...

class GetDisposalResponse(_message.Message):
    __slots__ = ("disposal",)
    DISPOSAL_FIELD_NUMBER: _ClassVar[int]
    disposal: Disposal
    def __init__(self, disposal: _Optional[_Union[Disposal, _Mapping]] = ...) -> None: ...

class Disposal(_message.Message):
    __slots__ = ("disposal_id", "case_id", "case_number", "court_code", "asset_id", "asset_class", "whole_asset", "stage", "stage_label", "started_on", "valuation", "rounds", "sale", "proceeds_fen", "proceeds_paid_on", "conclusion")
    DISPOSAL_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_CLASS_FIELD_NUMBER: _ClassVar[int]
    WHOLE_ASSET_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    STAGE_LABEL_FIELD_NUMBER: _ClassVar[int]
    STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    VALUATION_FIELD_NUMBER: _ClassVar[int]
    ROUNDS_FIELD_NUMBER: _ClassVar[int]
    SALE_FIELD_NUMBER: _ClassVar[int]
    PROCEEDS_FEN_FIELD_NUMBER: _ClassVar[int]
    PROCEEDS_PAID_ON_FIELD_NUMBER: _ClassVar[int]
    CONCLUSION_FIELD_NUMBER: _ClassVar[int]
    disposal_id: str
    case_id: str
    case_number: str
    court_code: str
    asset_id: str
    asset_class: str
    whole_asset: bool
    stage: str
    stage_label: str
    started_on: str
    valuation: DisposalValuation
    rounds: _containers.RepeatedCompositeFieldContainer[AuctionRound]
    sale: DisposalSale
    proceeds_fen: int
    proceeds_paid_on: str
    conclusion: DisposalConclusion
    def __init__(self, disposal_id: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., asset_id: _Optional[str] = ..., asset_class: _Optional[str] = ..., whole_asset: _Optional[bool] = ..., stage: _Optional[str] = ..., stage_label: _Optional[str] = ..., started_on: _Optional[str] = ..., valuation: _Optional[_Union[DisposalValuation, _Mapping]] = ..., rounds: _Optional[_Iterable[_Union[AuctionRound, _Mapping]]] = ..., sale: _Optional[_Union[DisposalSale, _Mapping]] = ..., proceeds_fen: _Optional[int] = ..., proceeds_paid_on: _Optional[str] = ..., conclusion: _Optional[_Union[DisposalConclusion, _Mapping]] = ...) -> None: ...

class DisposalValuation(_message.Message):
    __slots__ = ("method", "method_label", "value_fen", "valued_on")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    METHOD_LABEL_FIELD_NUMBER: _ClassVar[int]
    VALUE_FEN_FIELD_NUMBER: _ClassVar[int]
    VALUED_ON_FIELD_NUMBER: _ClassVar[int]
    method: str
    method_label: str
    value_fen: int
    valued_on: str
    def __init__(self, method: _Optional[str] = ..., method_label: _Optional[str] = ..., value_fen: _Optional[int] = ..., valued_on: _Optional[str] = ...) -> None: ...

class AuctionRound(_message.Message):
    __slots__ = ("round", "starting_price_fen", "deposit_fen", "platform", "announced_at", "starts_at", "ends_at", "outcome", "closed_at", "bids")
    ROUND_FIELD_NUMBER: _ClassVar[int]
    STARTING_PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    DEPOSIT_FEN_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    ANNOUNCED_AT_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    CLOSED_AT_FIELD_NUMBER: _ClassVar[int]
    BIDS_FIELD_NUMBER: _ClassVar[int]
    round: int
    starting_price_fen: int
    deposit_fen: int
    platform: str
    announced_at: str
    starts_at: str
    ends_at: str
    outcome: str
    closed_at: str
    bids: _containers.RepeatedCompositeFieldContainer[AuctionBid]
    def __init__(self, round: _Optional[int] = ..., starting_price_fen: _Optional[int] = ..., deposit_fen: _Optional[int] = ..., platform: _Optional[str] = ..., announced_at: _Optional[str] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., outcome: _Optional[str] = ..., closed_at: _Optional[str] = ..., bids: _Optional[_Iterable[_Union[AuctionBid, _Mapping]]] = ...) -> None: ...

class AuctionBid(_message.Message):
    __slots__ = ("bid_id", "bidder", "amount_fen", "placed_at")
    BID_ID_FIELD_NUMBER: _ClassVar[int]
    BIDDER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    PLACED_AT_FIELD_NUMBER: _ClassVar[int]
    bid_id: str
    bidder: str
    amount_fen: int
    placed_at: str
    def __init__(self, bid_id: _Optional[str] = ..., bidder: _Optional[str] = ..., amount_fen: _Optional[int] = ..., placed_at: _Optional[str] = ...) -> None: ...

class DisposalSale(_message.Message):
    __slots__ = ("method", "price_fen", "buyer")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    BUYER_FIELD_NUMBER: _ClassVar[int]
    method: str
    price_fen: int
    buyer: str
    def __init__(self, method: _Optional[str] = ..., price_fen: _Optional[int] = ..., buyer: _Optional[str] = ...) -> None: ...

class DisposalConclusion(_message.Message):
    __slots__ = ("method", "price_fen", "concluded_on")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PRICE_FEN_FIELD_NUMBER: _ClassVar[int]
    CONCLUDED_ON_FIELD_NUMBER: _ClassVar[int]
    method: str
    price_fen: int
    concluded_on: str
    def __init__(self, method: _Optional[str] = ..., price_fen: _Optional[int] = ..., concluded_on: _Optional[str] = ...) -> None: ...
