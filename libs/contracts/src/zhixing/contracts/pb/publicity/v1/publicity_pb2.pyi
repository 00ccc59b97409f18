from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PublicParty(_message.Message):
    __slots__ = ("role", "name", "identity")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_FIELD_NUMBER: _ClassVar[int]
    role: str
    name: str
    identity: str
    def __init__(self, role: _Optional[str] = ..., name: _Optional[str] = ..., identity: _Optional[str] = ...) -> None: ...

class CaseProgress(_message.Message):
    __slots__ = ("case_number", "court_code", "court_name", "status", "status_label", "filed_on", "parties", "updated_at")
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    COURT_NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    FILED_ON_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    case_number: str
    court_code: str
    court_name: str
    status: str
    status_label: str
    filed_on: str
    parties: _containers.RepeatedCompositeFieldContainer[PublicParty]
    updated_at: str
    def __init__(self, case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., court_name: _Optional[str] = ..., status: _Optional[str] = ..., status_label: _Optional[str] = ..., filed_on: _Optional[str] = ..., parties: _Optional[_Iterable[_Union[PublicParty, _Mapping]]] = ..., updated_at: _Optional[str] = ...) -> None: ...

class GetCaseProgressRequest(_message.Message):
    __slots__ = ("case_number",)
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    case_number: str
    def __init__(self, case_number: _Optional[str] = ...) -> None: ...

class GetCaseProgressResponse(_message.Message):
    __slots__ = ("progress",)
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    progress: CaseProgress
    def __init__(self, progress: _Optional[_Union[CaseProgress, _Mapping]] = ...) -> None: ...

class ListCaseProgressRequest(_message.Message):
    __slots__ = ("court_code", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCaseProgressResponse(_message.Message):
    __slots__ = ("progress", "next_page_token")
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    progress: _containers.RepeatedCompositeFieldContainer[CaseProgress]
    next_page_token: str
    def __init__(self, progress: _Optional[_Iterable[_Union[CaseProgress, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DishonestEntry(_message.Message):
    __slots__ = ("listing_id", "debtor_kind", "name", "sex", "age", "identity", "legal_representative", "conduct", "case_number", "court_code", "court_name", "filed_on", "case_status_label", "decided_on", "published_on")
    LISTING_ID_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEX_FIELD_NUMBER: _ClassVar[int]
    AGE_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_FIELD_NUMBER: _ClassVar[int]
    LEGAL_REPRESENTATIVE_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    COURT_NAME_FIELD_NUMBER: _ClassVar[int]
    FILED_ON_FIELD_NUMBER: _ClassVar[int]
    CASE_STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    listing_id: str
    debtor_kind: str
    name: str
    sex: str
    age: int
    identity: str
    legal_representative: str
    conduct: _containers.RepeatedScalarFieldContainer[str]
    case_number: str
    court_code: str
    court_name: str
    filed_on: str
    case_status_label: str
    decided_on: str
    published_on: str
    def __init__(self, listing_id: _Optional[str] = ..., debtor_kind: _Optional[str] = ..., name: _Optional[str] = ..., sex: _Optional[str] = ..., age: _Optional[int] = ..., identity: _Optional[str] = ..., legal_representative: _Optional[str] = ..., conduct: _Optional[_Iterable[str]] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., court_name: _Optional[str] = ..., filed_on: _Optional[str] = ..., case_status_label: _Optional[str] = ..., decided_on: _Optional[str] = ..., published_on: _Optional[str] = ...) -> None: ...

class ListDishonestRequest(_message.Message):
    __slots__ = ("court_code", "name", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    name: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., name: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListDishonestResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[DishonestEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[DishonestEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CourtCreditStatisticsRequest(_message.Message):
    __slots__ = ("court_code",)
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    def __init__(self, court_code: _Optional[str] = ...) -> None: ...

class CourtCreditStatisticsResponse(_message.Message):
    __slots__ = ("statistics",)
    STATISTICS_FIELD_NUMBER: _ClassVar[int]
    statistics: _containers.RepeatedCompositeFieldContainer[CourtStatistics]
    def __init__(self, statistics: _Optional[_Iterable[_Union[CourtStatistics, _Mapping]]] = ...) -> None: ...

class CourtStatistics(_message.Message):
    __slots__ = ("court_code", "court_name", "listed_now", "published_total", "removed_by_reason", "restrictions_issued", "restrictions_lifted")
    class RemovedByReasonEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    COURT_NAME_FIELD_NUMBER: _ClassVar[int]
    LISTED_NOW_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    REMOVED_BY_REASON_FIELD_NUMBER: _ClassVar[int]
    RESTRICTIONS_ISSUED_FIELD_NUMBER: _ClassVar[int]
    RESTRICTIONS_LIFTED_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    court_name: str
    listed_now: int
    published_total: int
    removed_by_reason: _containers.ScalarMap[int, int]
    restrictions_issued: int
    restrictions_lifted: int
    def __init__(self, court_code: _Optional[str] = ..., court_name: _Optional[str] = ..., listed_now: _Optional[int] = ..., published_total: _Optional[int] = ..., removed_by_reason: _Optional[_Mapping[int, int]] = ..., restrictions_issued: _Optional[int] = ..., restrictions_lifted: _Optional[int] = ...) -> None: ...
