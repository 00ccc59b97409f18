from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ImposeMeasureRequest(_message.Message):
    __slots__ = ("case_id", "request_id", "asset_id", "kind", "asset_kind", "ruling_number", "amount_fen", "served_at", "term_months", "exempt_category", "balance_fen", "debtor_identity_number", "preservation")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ASSET_KIND_FIELD_NUMBER: _ClassVar[int]
    RULING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    SERVED_AT_FIELD_NUMBER: _ClassVar[int]
    TERM_MONTHS_FIELD_NUMBER: _ClassVar[int]
    EXEMPT_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PRESERVATION_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    request_id: str
    asset_id: str
    kind: str
    asset_kind: str
    ruling_number: str
    amount_fen: int
    served_at: str
    term_months: int
    exempt_category: str
    balance_fen: int
    debtor_identity_number: str
    preservation: bool
    def __init__(self, case_id: _Optional[str] = ..., request_id: _Optional[str] = ..., asset_id: _Optional[str] = ..., kind: _Optional[str] = ..., asset_kind: _Optional[str] = ..., ruling_number: _Optional[str] = ..., amount_fen: _Optional[int] = ..., served_at: _Optional[str] = ..., term_months: _Optional[int] = ..., exempt_category: _Optional[str] = ..., balance_fen: _Optional[int] = ..., debtor_identity_number: _Optional[str] = ..., preservation: _Optional[bool] = ...) -> None: ...

class ImposeMeasureResponse(_message.Message):
    __slots__ = ("measure",)
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    measure: ControlMeasure
    def __init__(self, measure: _Optional[_Union[ControlMeasure, _Mapping]] = ...) -> None: ...

class RenewMeasureRequest(_message.Message):
    __slots__ = ("measure_id", "request_id", "term_months")
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TERM_MONTHS_FIELD_NUMBER: _ClassVar[int]
    measure_id: str
    request_id: str
    term_months: int
    def __init__(self, measure_id: _Optional[str] = ..., request_id: _Optional[str] = ..., term_months: _Optional[int] = ...) -> None: ...

class RenewMeasureResponse(_message.Message):
    __slots__ = ("measure",)
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    measure: ControlMeasure
    def __init__(self, measure: _Optional[_Union[ControlMeasure, _Mapping]] = ...) -> None: ...

class ReleaseMeasureRequest(_message.Message):
    __slots__ = ("measure_id", "ground", "note")
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUND_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    measure_id: str
    ground: str
    note: str
    def __init__(self, measure_id: _Optional[str] = ..., ground: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class ReleaseMeasureResponse(_message.Message):
    __slots__ = ("measure",)
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    measure: ControlMeasure
    def __init__(self, measure: _Optional[_Union[ControlMeasure, _Mapping]] = ...) -> None: ...

class ConvertPreservationRequest(_message.Message):
    __slots__ = ("measure_id", "case_id", "request_id", "ruling_number")
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    RULING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    measure_id: str
    case_id: str
    request_id: str
    ruling_number: str
    def __init__(self, measure_id: _Optional[str] = ..., case_id: _Optional[str] = ..., request_id: _Optional[str] = ..., ruling_number: _Optional[str] = ...) -> None: ...

class ConvertPreservationResponse(_message.Message):
    __slots__ = ("measure",)
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    measure: ControlMeasure
    def __init__(self, measure: _Optional[_Union[ControlMeasure, _Mapping]] = ...) -> None: ...

class DeductRequest(_message.Message):
    __slots__ = ("measure_id", "request_id", "amount_fen")
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    measure_id: str
    request_id: str
    amount_fen: int
    def __init__(self, measure_id: _Optional[str] = ..., request_id: _Optional[str] = ..., amount_fen: _Optional[int] = ...) -> None: ...

class DeductResponse(_message.Message):
    __slots__ = ("measure", "deduction_id")
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    DEDUCTION_ID_FIELD_NUMBER: _ClassVar[int]
    measure: ControlMeasure
    deduction_id: str
    def __init__(self, measure: _Optional[_Union[ControlMeasure, _Mapping]] = ..., deduction_id: _Optional[str] = ...) -> None: ...

class ListCaseMeasuresRequest(_message.Message):
    __slots__ = ("case_id", "as_of")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    as_of: str
    def __init__(self, case_id: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class ListCaseMeasuresResponse(_message.Message):
    __slots__ = ("measures", "expiring_measure_ids", "reminder_working_days", "as_of", "provisional")
    MEASURES_FIELD_NUMBER: _ClassVar[int]
    EXPIRING_MEASURE_IDS_FIELD_NUMBER: _ClassVar[int]
    REMINDER_WORKING_DAYS_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    measures: _containers.RepeatedCompositeFieldContainer[ControlMeasure]
    expiring_measure_ids: _containers.RepeatedScalarFieldContainer[str]
    reminder_working_days: int
    as_of: str
    provisional: bool
    def __init__(self, measures: _Optional[_Iterable[_Union[ControlMeasure, _Mapping]]] = ..., expiring_measure_ids: _Optional[_Iterable[str]] = ..., reminder_working_days: _Optional[int] = ..., as_of: _Optional[str] = ..., provisional: _Optional[bool] = ...) -> None: ...

class GetAssetQueueRequest(_message.Message):
    __slots__ = ("asset_id",)
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    def __init__(self, asset_id: _Optional[str] = ...) -> None: ...

class GetAssetQueueResponse(_message.Message):
    __slots__ = ("places",)
    PLACES_FIELD_NUMBER: _ClassVar[int]
    places: _containers.RepeatedCompositeFieldContainer[AssetQueuePlace]
    def __init__(self, places: _Optional[_Iterable[_Union[AssetQueuePlace, _Mapping]]] = ...) -> None: ...

class AssetQueuePlace(_message.Message):
    __slots__ = ("rank", "court_code", "served_at", "measure")
    RANK_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    SERVED_AT_FIELD_NUMBER: _ClassVar[int]
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    rank: int
    court_code: str
    served_at: str
    measure: ControlMeasure
    def __init__(self, rank: _Optional[int] = ..., court_code: _Optional[str] = ..., served_at: _Optional[str] = ..., measure: _Optional[_Union[ControlMeasure, _Mapping]] = ...) -> None: ...

class ControlMeasure(_message.Message):
    __slots__ = ("measure_id", "case_id", "case_number", "court_code", "asset_id", "kind", "asset_kind", "asset_class", "ruling_number", "amount_fen", "frozen_fen", "served_at", "status", "rank", "effective_on", "expires_on", "term_months", "renewals", "ended_on", "end_ground", "preservation", "converted_from", "converted_to", "over_cap_flagged", "deducted_fen")
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ASSET_KIND_FIELD_NUMBER: _ClassVar[int]
    ASSET_CLASS_FIELD_NUMBER: _ClassVar[int]
    RULING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    FROZEN_FEN_FIELD_NUMBER: _ClassVar[int]
    SERVED_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_ON_FIELD_NUMBER: _ClassVar[int]
    TERM_MONTHS_FIELD_NUMBER: _ClassVar[int]
    RENEWALS_FIELD_NUMBER: _ClassVar[int]
    ENDED_ON_FIELD_NUMBER: _ClassVar[int]
    END_GROUND_FIELD_NUMBER: _ClassVar[int]
    PRESERVATION_FIELD_NUMBER: _ClassVar[int]
    CONVERTED_FROM_FIELD_NUMBER: _ClassVar[int]
    CONVERTED_TO_FIELD_NUMBER: _ClassVar[int]
    OVER_CAP_FLAGGED_FIELD_NUMBER: _ClassVar[int]
    DEDUCTED_FEN_FIELD_NUMBER: _ClassVar[int]
    measure_id: str
    case_id: str
    case_number: str
    court_code: str
    asset_id: str
    kind: str
    asset_kind: str
    asset_class: str
    ruling_number: str
    amount_fen: int
    frozen_fen: int
    served_at: str
    status: str
    rank: int
    effective_on: str
    expires_on: str
    term_months: int
    renewals: _containers.RepeatedCompositeFieldContainer[MeasureRenewal]
    ended_on: str
    end_ground: str
    preservation: bool
    converted_from: str
    converted_to: str
    over_cap_flagged: bool
    deducted_fen: int
    def __init__(self, measure_id: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., asset_id: _Optional[str] = ..., kind: _Optional[str] = ..., asset_kind: _Optional[str] = ..., asset_class: _Optional[str] = ..., ruling_number: _Optional[str] = ..., amount_fen: _Optional[int] = ..., frozen_fen: _Optional[int] = ..., served_at: _Optional[str] = ..., status: _Optional[str] = ..., rank: _Optional[int] = ..., effective_on: _Optional[str] = ..., expires_on: _Optional[str] = ..., term_months: _Optional[int] = ..., renewals: _Optional[_Iterable[_Union[MeasureRenewal, _Mapping]]] = ..., ended_on: _Optional[str] = ..., end_ground: _Optional[str] = ..., preservation: _Optional[bool] = ..., converted_from: _Optional[str] = ..., converted_to: _Optional[str] = ..., over_cap_flagged: _Optional[bool] = ..., deducted_fen: _Optional[int] = ...) -> None: ...

class MeasureRenewal(_message.Message):
    __slots__ = ("months", "renewed_on", "expires_on")
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    RENEWED_ON_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_ON_FIELD_NUMBER: _ClassVar[int]
    months: int
    renewed_on: str
    expires_on: str
    def __init__(self, months: _Optional[int] = ..., renewed_on: _Optional[str] = ..., expires_on: _Optional[str] = ...) -> None: ...
