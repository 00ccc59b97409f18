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
