from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class StartInquiryRequest(_message.Message):
    __slots__ = ("case_id", "debtor_identity_number")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    debtor_identity_number: str
    def __init__(self, case_id: _Optional[str] = ..., debtor_identity_number: _Optional[str] = ...) -> None: ...

class StartInquiryResponse(_message.Message):
    __slots__ = ("inquiries",)
    INQUIRIES_FIELD_NUMBER: _ClassVar[int]
    inquiries: _containers.RepeatedCompositeFieldContainer[Inquiry]
    def __init__(self, inquiries: _Optional[_Iterable[_Union[Inquiry, _Mapping]]] = ...) -> None: ...

class GetInquiryRequest(_message.Message):
    __slots__ = ("inquiry_id",)
    INQUIRY_ID_FIELD_NUMBER: _ClassVar[int]
    inquiry_id: str
    def __init__(self, inquiry_id: _Optional[str] = ...) -> None: ...

class GetInquiryResponse(_message.Message):
    __slots__ = ("inquiry",)
    INQUIRY_FIELD_NUMBER: _ClassVar[int]
    inquiry: Inquiry
    def __init__(self, inquiry: _Optional[_Union[Inquiry, _Mapping]] = ...) -> None: ...

class ListCaseInquiriesRequest(_message.Message):
    __slots__ = ("case_id",)
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    def __init__(self, case_id: _Optional[str] = ...) -> None: ...

class ListCaseInquiriesResponse(_message.Message):
    __slots__ = ("inquiries",)
    INQUIRIES_FIELD_NUMBER: _ClassVar[int]
    inquiries: _containers.RepeatedCompositeFieldContainer[Inquiry]
    def __init__(self, inquiries: _Optional[_Iterable[_Union[Inquiry, _Mapping]]] = ...) -> None: ...

class Inquiry(_message.Message):
    __slots__ = ("inquiry_id", "case_id", "case_number", "court_code", "debtor", "status", "started_at", "completed_at", "requery", "disposable_property_found", "agencies")
    INQUIRY_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    REQUERY_FIELD_NUMBER: _ClassVar[int]
    DISPOSABLE_PROPERTY_FOUND_FIELD_NUMBER: _ClassVar[int]
    AGENCIES_FIELD_NUMBER: _ClassVar[int]
    inquiry_id: str
    case_id: str
    case_number: str
    court_code: str
    debtor: str
    status: str
    started_at: str
    completed_at: str
    requery: bool
    disposable_property_found: bool
    agencies: _containers.RepeatedCompositeFieldContainer[AgencyStatus]
    def __init__(self, inquiry_id: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., debtor: _Optional[str] = ..., status: _Optional[str] = ..., started_at: _Optional[str] = ..., completed_at: _Optional[str] = ..., requery: _Optional[bool] = ..., disposable_property_found: _Optional[bool] = ..., agencies: _Optional[_Iterable[_Union[AgencyStatus, _Mapping]]] = ...) -> None: ...

class AgencyStatus(_message.Message):
    __slots__ = ("request_id", "agency_id", "agency_kind", "status", "attempts", "reply_by")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    AGENCY_ID_FIELD_NUMBER: _ClassVar[int]
    AGENCY_KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    REPLY_BY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    agency_id: str
    agency_kind: str
    status: str
    attempts: int
    reply_by: str
    def __init__(self, request_id: _Optional[str] = ..., agency_id: _Optional[str] = ..., agency_kind: _Optional[str] = ..., status: _Optional[str] = ..., attempts: _Optional[int] = ..., reply_by: _Optional[str] = ...) -> None: ...

class GetPropertyPictureRequest(_message.Message):
    __slots__ = ("case_id", "debtor_identity_number")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    debtor_identity_number: str
    def __init__(self, case_id: _Optional[str] = ..., debtor_identity_number: _Optional[str] = ...) -> None: ...

class GetPropertyPictureResponse(_message.Message):
    __slots__ = ("holdings", "disposable_value_fen", "overdue_agency_ids")
    HOLDINGS_FIELD_NUMBER: _ClassVar[int]
    DISPOSABLE_VALUE_FEN_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_AGENCY_IDS_FIELD_NUMBER: _ClassVar[int]
    holdings: _containers.RepeatedCompositeFieldContainer[FoundHolding]
    disposable_value_fen: int
    overdue_agency_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, holdings: _Optional[_Iterable[_Union[FoundHolding, _Mapping]]] = ..., disposable_value_fen: _Optional[int] = ..., overdue_agency_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class FoundHolding(_message.Message):
    __slots__ = ("asset_id", "agency_id", "asset_kind", "reference", "description", "value_fen", "disposable", "answered_at")
    ASSET_ID_FIELD_NUMBER: _ClassVar[int]
    AGENCY_ID_FIELD_NUMBER: _ClassVar[int]
    ASSET_KIND_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    VALUE_FEN_FIELD_NUMBER: _ClassVar[int]
    DISPOSABLE_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_AT_FIELD_NUMBER: _ClassVar[int]
    asset_id: str
    agency_id: str
    asset_kind: str
    reference: str
    description: str
    value_fen: int
    disposable: bool
    answered_at: str
    def __init__(self, asset_id: _Optional[str] = ..., agency_id: _Optional[str] = ..., asset_kind: _Optional[str] = ..., reference: _Optional[str] = ..., description: _Optional[str] = ..., value_fen: _Optional[int] = ..., disposable: _Optional[bool] = ..., answered_at: _Optional[str] = ...) -> None: ...

class ListOverdueAnswersRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListOverdueAnswersResponse(_message.Message):
    __slots__ = ("overdue",)
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    overdue: _containers.RepeatedCompositeFieldContainer[OverdueAnswer]
    def __init__(self, overdue: _Optional[_Iterable[_Union[OverdueAnswer, _Mapping]]] = ...) -> None: ...

class OverdueAnswer(_message.Message):
    __slots__ = ("request_id", "inquiry_id", "case_number", "agency_id", "agency_kind", "reply_by")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    INQUIRY_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AGENCY_ID_FIELD_NUMBER: _ClassVar[int]
    AGENCY_KIND_FIELD_NUMBER: _ClassVar[int]
    REPLY_BY_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    inquiry_id: str
    case_number: str
    agency_id: str
    agency_kind: str
    reply_by: str
    def __init__(self, request_id: _Optional[str] = ..., inquiry_id: _Optional[str] = ..., case_number: _Optional[str] = ..., agency_id: _Optional[str] = ..., agency_kind: _Optional[str] = ..., reply_by: _Optional[str] = ...) -> None: ...

class RecordInvestigationRequest(_message.Message):
    __slots__ = ("case_id", "measure", "recorded_on", "property_found", "outcome", "request_id")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    MEASURE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_ON_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_FOUND_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    measure: str
    recorded_on: str
    property_found: bool
    outcome: str
    request_id: str
    def __init__(self, case_id: _Optional[str] = ..., measure: _Optional[str] = ..., recorded_on: _Optional[str] = ..., property_found: _Optional[bool] = ..., outcome: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RecordInvestigationResponse(_message.Message):
    __slots__ = ("investigation_id",)
    INVESTIGATION_ID_FIELD_NUMBER: _ClassVar[int]
    investigation_id: str
    def __init__(self, investigation_id: _Optional[str] = ...) -> None: ...

class Lead(_message.Message):
    __slots__ = ("lead_id", "case_id", "case_number", "court_code", "team", "source", "property_kind", "text", "contact", "accepted_on", "verify_by", "overdue", "outcome", "verified_on", "note")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_ON_FIELD_NUMBER: _ClassVar[int]
    VERIFY_BY_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_ON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    case_id: str
    case_number: str
    court_code: str
    team: str
    source: str
    property_kind: str
    text: str
    contact: str
    accepted_on: str
    verify_by: str
    overdue: bool
    outcome: str
    verified_on: str
    note: str
    def __init__(self, lead_id: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., team: _Optional[str] = ..., source: _Optional[str] = ..., property_kind: _Optional[str] = ..., text: _Optional[str] = ..., contact: _Optional[str] = ..., accepted_on: _Optional[str] = ..., verify_by: _Optional[str] = ..., overdue: _Optional[bool] = ..., outcome: _Optional[str] = ..., verified_on: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class ListLeadsRequest(_message.Message):
    __slots__ = ("court_code", "team", "open_only", "page_size")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    OPEN_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    team: str
    open_only: bool
    page_size: int
    def __init__(self, court_code: _Optional[str] = ..., team: _Optional[str] = ..., open_only: _Optional[bool] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListLeadsResponse(_message.Message):
    __slots__ = ("leads",)
    LEADS_FIELD_NUMBER: _ClassVar[int]
    leads: _containers.RepeatedCompositeFieldContainer[Lead]
    def __init__(self, leads: _Optional[_Iterable[_Union[Lead, _Mapping]]] = ...) -> None: ...

class VerifyLeadRequest(_message.Message):
    __slots__ = ("lead_id", "outcome", "note")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    outcome: str
    note: str
    def __init__(self, lead_id: _Optional[str] = ..., outcome: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class VerifyLeadResponse(_message.Message):
    __slots__ = ("lead",)
    LEAD_FIELD_NUMBER: _ClassVar[int]
    lead: Lead
    def __init__(self, lead: _Optional[_Union[Lead, _Mapping]] = ...) -> None: ...
