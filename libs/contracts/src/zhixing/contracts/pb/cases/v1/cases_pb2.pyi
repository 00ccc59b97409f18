from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PartyKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARTY_KIND_UNSPECIFIED: _ClassVar[PartyKind]
    PARTY_KIND_NATURAL_PERSON: _ClassVar[PartyKind]
    PARTY_KIND_ORGANISATION: _ClassVar[PartyKind]
    PARTY_KIND_STATE_ORGAN: _ClassVar[PartyKind]
PARTY_KIND_UNSPECIFIED: PartyKind
PARTY_KIND_NATURAL_PERSON: PartyKind
PARTY_KIND_ORGANISATION: PartyKind
PARTY_KIND_STATE_ORGAN: PartyKind

class EnforcementBasis(_message.Message):
    __slots__ = ("kind", "issuing_body", "document_number", "effective_date")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ISSUING_BODY_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_DATE_FIELD_NUMBER: _ClassVar[int]
    kind: str
    issuing_body: str
    document_number: str
    effective_date: str
    def __init__(self, kind: _Optional[str] = ..., issuing_body: _Optional[str] = ..., document_number: _Optional[str] = ..., effective_date: _Optional[str] = ...) -> None: ...

class Party(_message.Message):
    __slots__ = ("name", "identity_number", "kind")
    NAME_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    name: str
    identity_number: str
    kind: PartyKind
    def __init__(self, name: _Optional[str] = ..., identity_number: _Optional[str] = ..., kind: _Optional[_Union[PartyKind, str]] = ...) -> None: ...

class Claim(_message.Message):
    __slots__ = ("principal_fen", "interest_fen", "costs_fen")
    PRINCIPAL_FEN_FIELD_NUMBER: _ClassVar[int]
    INTEREST_FEN_FIELD_NUMBER: _ClassVar[int]
    COSTS_FEN_FIELD_NUMBER: _ClassVar[int]
    principal_fen: int
    interest_fen: int
    costs_fen: int
    def __init__(self, principal_fen: _Optional[int] = ..., interest_fen: _Optional[int] = ..., costs_fen: _Optional[int] = ...) -> None: ...

class FileCaseRequest(_message.Message):
    __slots__ = ("court_code", "case_type", "basis", "applicants", "respondents", "claim", "request_id")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    CASE_TYPE_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    APPLICANTS_FIELD_NUMBER: _ClassVar[int]
    RESPONDENTS_FIELD_NUMBER: _ClassVar[int]
    CLAIM_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    case_type: str
    basis: EnforcementBasis
    applicants: _containers.RepeatedCompositeFieldContainer[Party]
    respondents: _containers.RepeatedCompositeFieldContainer[Party]
    claim: Claim
    request_id: str
    def __init__(self, court_code: _Optional[str] = ..., case_type: _Optional[str] = ..., basis: _Optional[_Union[EnforcementBasis, _Mapping]] = ..., applicants: _Optional[_Iterable[_Union[Party, _Mapping]]] = ..., respondents: _Optional[_Iterable[_Union[Party, _Mapping]]] = ..., claim: _Optional[_Union[Claim, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class FileCaseResponse(_message.Message):
    __slots__ = ("case_id", "case_number")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ...) -> None: ...

class GetCaseRequest(_message.Message):
    __slots__ = ("case_id", "case_number")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ...) -> None: ...

class GetCaseResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class EnforcementCase(_message.Message):
    __slots__ = ("case_id", "case_number", "court_code", "case_type", "status", "filed_on", "basis", "applicants", "respondents", "claim", "version")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    CASE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FILED_ON_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    APPLICANTS_FIELD_NUMBER: _ClassVar[int]
    RESPONDENTS_FIELD_NUMBER: _ClassVar[int]
    CLAIM_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    court_code: str
    case_type: str
    status: str
    filed_on: str
    basis: EnforcementBasis
    applicants: _containers.RepeatedCompositeFieldContainer[Party]
    respondents: _containers.RepeatedCompositeFieldContainer[Party]
    claim: Claim
    version: int
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., case_type: _Optional[str] = ..., status: _Optional[str] = ..., filed_on: _Optional[str] = ..., basis: _Optional[_Union[EnforcementBasis, _Mapping]] = ..., applicants: _Optional[_Iterable[_Union[Party, _Mapping]]] = ..., respondents: _Optional[_Iterable[_Union[Party, _Mapping]]] = ..., claim: _Optional[_Union[Claim, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...
