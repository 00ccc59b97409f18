from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListAgenciesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListAgenciesResponse(_message.Message):
    __slots__ = ("agencies",)
    AGENCIES_FIELD_NUMBER: _ClassVar[int]
    agencies: _containers.RepeatedCompositeFieldContainer[Agency]
    def __init__(self, agencies: _Optional[_Iterable[_Union[Agency, _Mapping]]] = ...) -> None: ...

class Agency(_message.Message):
    __slots__ = ("agency_id", "kind", "name", "actions")
    AGENCY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    agency_id: str
    kind: str
    name: str
    actions: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, agency_id: _Optional[str] = ..., kind: _Optional[str] = ..., name: _Optional[str] = ..., actions: _Optional[_Iterable[str]] = ...) -> None: ...

class PullRequestsRequest(_message.Message):
    __slots__ = ("limit",)
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    limit: int
    def __init__(self, limit: _Optional[int] = ...) -> None: ...

class PullRequestsResponse(_message.Message):
    __slots__ = ("requests",)
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[AgencyRequest]
    def __init__(self, requests: _Optional[_Iterable[_Union[AgencyRequest, _Mapping]]] = ...) -> None: ...

class AgencyRequest(_message.Message):
    __slots__ = ("request_id", "agency_id", "agency_kind", "action", "inquiry_id", "case_number", "court_code", "debtor_identity_number", "debtor_name", "reply_by", "attempt")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    AGENCY_ID_FIELD_NUMBER: _ClassVar[int]
    AGENCY_KIND_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    INQUIRY_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    REPLY_BY_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    agency_id: str
    agency_kind: str
    action: str
    inquiry_id: str
    case_number: str
    court_code: str
    debtor_identity_number: str
    debtor_name: str
    reply_by: str
    attempt: int
    def __init__(self, request_id: _Optional[str] = ..., agency_id: _Optional[str] = ..., agency_kind: _Optional[str] = ..., action: _Optional[str] = ..., inquiry_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., debtor_identity_number: _Optional[str] = ..., debtor_name: _Optional[str] = ..., reply_by: _Optional[str] = ..., attempt: _Optional[int] = ...) -> None: ...

class SubmitAnswersRequest(_message.Message):
    __slots__ = ("answers",)
    ANSWERS_FIELD_NUMBER: _ClassVar[int]
    answers: _containers.RepeatedCompositeFieldContainer[AgencyAnswer]
    def __init__(self, answers: _Optional[_Iterable[_Union[AgencyAnswer, _Mapping]]] = ...) -> None: ...

class AgencyAnswer(_message.Message):
    __slots__ = ("request_id", "outcome", "holdings", "error", "attempt")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    HOLDINGS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    outcome: str
    holdings: _containers.RepeatedCompositeFieldContainer[Holding]
    error: str
    attempt: int
    def __init__(self, request_id: _Optional[str] = ..., outcome: _Optional[str] = ..., holdings: _Optional[_Iterable[_Union[Holding, _Mapping]]] = ..., error: _Optional[str] = ..., attempt: _Optional[int] = ...) -> None: ...

class Holding(_message.Message):
    __slots__ = ("asset_kind", "reference", "description", "value_fen", "disposable")
    ASSET_KIND_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    VALUE_FEN_FIELD_NUMBER: _ClassVar[int]
    DISPOSABLE_FIELD_NUMBER: _ClassVar[int]
    asset_kind: str
    reference: str
    description: str
    value_fen: int
    disposable: bool
    def __init__(self, asset_kind: _Optional[str] = ..., reference: _Optional[str] = ..., description: _Optional[str] = ..., value_fen: _Optional[int] = ..., disposable: _Optional[bool] = ...) -> None: ...

class SubmitAnswersResponse(_message.Message):
    __slots__ = ("applied", "duplicates")
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    applied: int
    duplicates: int
    def __init__(self, applied: _Optional[int] = ..., duplicates: _Optional[int] = ...) -> None: ...
