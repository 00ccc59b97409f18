from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as _publicity_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TypicalCaseDraft(_message.Message):
    __slots__ = ("typical_case_id", "status", "title", "summary", "body", "court_code", "case_number", "author", "review_comment", "redactions", "published_on")
    TYPICAL_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    REVIEW_COMMENT_FIELD_NUMBER: _ClassVar[int]
    REDACTIONS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    typical_case_id: str
    status: str
    title: str
    summary: str
    body: str
    court_code: str
    case_number: str
    author: str
    review_comment: str
    redactions: int
    published_on: str
    def __init__(self, typical_case_id: _Optional[str] = ..., status: _Optional[str] = ..., title: _Optional[str] = ..., summary: _Optional[str] = ..., body: _Optional[str] = ..., court_code: _Optional[str] = ..., case_number: _Optional[str] = ..., author: _Optional[str] = ..., review_comment: _Optional[str] = ..., redactions: _Optional[int] = ..., published_on: _Optional[str] = ...) -> None: ...

class DraftTypicalCaseRequest(_message.Message):
    __slots__ = ("title", "summary", "body", "case_number", "redact_names")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REDACT_NAMES_FIELD_NUMBER: _ClassVar[int]
    title: str
    summary: str
    body: str
    case_number: str
    redact_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, title: _Optional[str] = ..., summary: _Optional[str] = ..., body: _Optional[str] = ..., case_number: _Optional[str] = ..., redact_names: _Optional[_Iterable[str]] = ...) -> None: ...

class DraftTypicalCaseResponse(_message.Message):
    __slots__ = ("draft",)
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    draft: TypicalCaseDraft
    def __init__(self, draft: _Optional[_Union[TypicalCaseDraft, _Mapping]] = ...) -> None: ...

class ReviseTypicalCaseRequest(_message.Message):
    __slots__ = ("typical_case_id", "title", "summary", "body", "redact_names")
    TYPICAL_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    REDACT_NAMES_FIELD_NUMBER: _ClassVar[int]
    typical_case_id: str
    title: str
    summary: str
    body: str
    redact_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, typical_case_id: _Optional[str] = ..., title: _Optional[str] = ..., summary: _Optional[str] = ..., body: _Optional[str] = ..., redact_names: _Optional[_Iterable[str]] = ...) -> None: ...

class ReviseTypicalCaseResponse(_message.Message):
    __slots__ = ("draft",)
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    draft: TypicalCaseDraft
    def __init__(self, draft: _Optional[_Union[TypicalCaseDraft, _Mapping]] = ...) -> None: ...

class SubmitTypicalCaseRequest(_message.Message):
    __slots__ = ("typical_case_id",)
    TYPICAL_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    typical_case_id: str
    def __init__(self, typical_case_id: _Optional[str] = ...) -> None: ...

class SubmitTypicalCaseResponse(_message.Message):
    __slots__ = ("draft",)
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    draft: TypicalCaseDraft
    def __init__(self, draft: _Optional[_Union[TypicalCaseDraft, _Mapping]] = ...) -> None: ...

class ReviewTypicalCaseRequest(_message.Message):
    __slots__ = ("typical_case_id", "approve", "comment")
    TYPICAL_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    typical_case_id: str
    approve: bool
    comment: str
    def __init__(self, typical_case_id: _Optional[str] = ..., approve: _Optional[bool] = ..., comment: _Optional[str] = ...) -> None: ...

class ReviewTypicalCaseResponse(_message.Message):
    __slots__ = ("draft",)
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    draft: TypicalCaseDraft
    def __init__(self, draft: _Optional[_Union[TypicalCaseDraft, _Mapping]] = ...) -> None: ...

class WithdrawTypicalCaseRequest(_message.Message):
    __slots__ = ("typical_case_id", "reason")
    TYPICAL_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    typical_case_id: str
    reason: str
    def __init__(self, typical_case_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class WithdrawTypicalCaseResponse(_message.Message):
    __slots__ = ("draft",)
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    draft: TypicalCaseDraft
    def __init__(self, draft: _Optional[_Union[TypicalCaseDraft, _Mapping]] = ...) -> None: ...

class ListTypicalCaseDraftsRequest(_message.Message):
    __slots__ = ("court_code", "status")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    status: str
    def __init__(self, court_code: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class ListTypicalCaseDraftsResponse(_message.Message):
    __slots__ = ("drafts",)
    DRAFTS_FIELD_NUMBER: _ClassVar[int]
    drafts: _containers.RepeatedCompositeFieldContainer[TypicalCaseDraft]
    def __init__(self, drafts: _Optional[_Iterable[_Union[TypicalCaseDraft, _Mapping]]] = ...) -> None: ...

class PostRewardNoticeRequest(_message.Message):
    __slots__ = ("case_number", "reward", "text", "valid_until")
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REWARD_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    case_number: str
    reward: str
    text: str
    valid_until: str
    def __init__(self, case_number: _Optional[str] = ..., reward: _Optional[str] = ..., text: _Optional[str] = ..., valid_until: _Optional[str] = ...) -> None: ...

class PostRewardNoticeResponse(_message.Message):
    __slots__ = ("notice",)
    NOTICE_FIELD_NUMBER: _ClassVar[int]
    notice: _publicity_pb2.RewardNotice
    def __init__(self, notice: _Optional[_Union[_publicity_pb2.RewardNotice, _Mapping]] = ...) -> None: ...

class WithdrawRewardNoticeRequest(_message.Message):
    __slots__ = ("notice_id", "reason")
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    notice_id: str
    reason: str
    def __init__(self, notice_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class WithdrawRewardNoticeResponse(_message.Message):
    __slots__ = ("notice_id",)
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    notice_id: str
    def __init__(self, notice_id: _Optional[str] = ...) -> None: ...
