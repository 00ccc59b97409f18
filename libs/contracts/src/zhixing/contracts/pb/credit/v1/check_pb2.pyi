from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AnswerForm(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ANSWER_FORM_UNSPECIFIED: _ClassVar[AnswerForm]
    ANSWER_FORM_PACKED: _ClassVar[AnswerForm]
ANSWER_FORM_UNSPECIFIED: AnswerForm
ANSWER_FORM_PACKED: AnswerForm

class CheckRequest(_message.Message):
    __slots__ = ("identity_number",)
    IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    identity_number: str
    def __init__(self, identity_number: _Optional[str] = ...) -> None: ...

class CreditState(_message.Message):
    __slots__ = ("listed", "restricted", "conduct", "since", "cases")
    LISTED_FIELD_NUMBER: _ClassVar[int]
    RESTRICTED_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    listed: bool
    restricted: bool
    conduct: _containers.RepeatedScalarFieldContainer[str]
    since: str
    cases: int
    def __init__(self, listed: _Optional[bool] = ..., restricted: _Optional[bool] = ..., conduct: _Optional[_Iterable[str]] = ..., since: _Optional[str] = ..., cases: _Optional[int] = ...) -> None: ...

class CheckResponse(_message.Message):
    __slots__ = ("identity_number", "state", "valid", "basis")
    IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    VALID_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    identity_number: str
    state: CreditState
    valid: bool
    basis: _containers.RepeatedCompositeFieldContainer[CheckBasis]
    def __init__(self, identity_number: _Optional[str] = ..., state: _Optional[_Union[CreditState, _Mapping]] = ..., valid: _Optional[bool] = ..., basis: _Optional[_Iterable[_Union[CheckBasis, _Mapping]]] = ...) -> None: ...

class BatchCheckRequest(_message.Message):
    __slots__ = ("identity_numbers", "answer_form")
    IDENTITY_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FORM_FIELD_NUMBER: _ClassVar[int]
    identity_numbers: _containers.RepeatedScalarFieldContainer[str]
    answer_form: AnswerForm
    def __init__(self, identity_numbers: _Optional[_Iterable[str]] = ..., answer_form: _Optional[_Union[AnswerForm, str]] = ...) -> None: ...

class BatchCheckResponse(_message.Message):
    __slots__ = ("states", "packed_states")
    STATES_FIELD_NUMBER: _ClassVar[int]
    PACKED_STATES_FIELD_NUMBER: _ClassVar[int]
    states: _containers.RepeatedCompositeFieldContainer[CreditState]
    packed_states: bytes
    def __init__(self, states: _Optional[_Iterable[_Union[CreditState, _Mapping]]] = ..., packed_states: _Optional[bytes] = ...) -> None: ...

class ReportActionRequest(_message.Message):
    __slots__ = ("report_id", "identity_number", "action", "conduct", "occurred_at", "detail")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    identity_number: str
    action: str
    conduct: str
    occurred_at: str
    detail: str
    def __init__(self, report_id: _Optional[str] = ..., identity_number: _Optional[str] = ..., action: _Optional[str] = ..., conduct: _Optional[str] = ..., occurred_at: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class ReportActionResponse(_message.Message):
    __slots__ = ("recorded",)
    RECORDED_FIELD_NUMBER: _ClassVar[int]
    recorded: bool
    def __init__(self, recorded: _Optional[bool] = ...) -> None: ...

class FollowRequest(_message.Message):
    __slots__ = ("after",)
    AFTER_FIELD_NUMBER: _ClassVar[int]
    after: int
    def __init__(self, after: _Optional[int] = ...) -> None: ...

class FollowResponse(_message.Message):
    __slots__ = ("position", "identity_number", "state", "caught_up")
    POSITION_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    CAUGHT_UP_FIELD_NUMBER: _ClassVar[int]
    position: int
    identity_number: str
    state: CreditState
    caught_up: bool
    def __init__(self, position: _Optional[int] = ..., identity_number: _Optional[str] = ..., state: _Optional[_Union[CreditState, _Mapping]] = ..., caught_up: _Optional[bool] = ...) -> None: ...

class CheckBasis(_message.Message):
    __slots__ = ("kind", "grounds", "case_number", "court_code", "organisation_name", "organisation_code", "role", "conduct", "since")
    KIND_FIELD_NUMBER: _ClassVar[int]
    GROUNDS_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_CODE_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    kind: str
    grounds: _containers.RepeatedScalarFieldContainer[str]
    case_number: str
    court_code: str
    organisation_name: str
    organisation_code: str
    role: str
    conduct: _containers.RepeatedScalarFieldContainer[str]
    since: str
    def __init__(self, kind: _Optional[str] = ..., grounds: _Optional[_Iterable[str]] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., organisation_name: _Optional[str] = ..., organisation_code: _Optional[str] = ..., role: _Optional[str] = ..., conduct: _Optional[_Iterable[str]] = ..., since: _Optional[str] = ...) -> None: ...
