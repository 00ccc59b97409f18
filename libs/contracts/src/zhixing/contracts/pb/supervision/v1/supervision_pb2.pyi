from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Figures(_message.Message):
    __slots__ = ("court_code", "region", "month", "received", "closed", "pending_at_start", "closure_rate", "recovered_rate", "avg_days", "p90_days", "zhongben", "zhongben_rate", "zhongben_compliant", "zhongben_compliance", "overdue_nodes", "first_closed", "first_closed_within_limit", "removals", "removals_within_limit", "relief_decided", "relief_within_limit", "claimed_fen", "recovered_fen")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_FIELD_NUMBER: _ClassVar[int]
    CLOSED_FIELD_NUMBER: _ClassVar[int]
    PENDING_AT_START_FIELD_NUMBER: _ClassVar[int]
    CLOSURE_RATE_FIELD_NUMBER: _ClassVar[int]
    RECOVERED_RATE_FIELD_NUMBER: _ClassVar[int]
    AVG_DAYS_FIELD_NUMBER: _ClassVar[int]
    P90_DAYS_FIELD_NUMBER: _ClassVar[int]
    ZHONGBEN_FIELD_NUMBER: _ClassVar[int]
    ZHONGBEN_RATE_FIELD_NUMBER: _ClassVar[int]
    ZHONGBEN_COMPLIANT_FIELD_NUMBER: _ClassVar[int]
    ZHONGBEN_COMPLIANCE_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_NODES_FIELD_NUMBER: _ClassVar[int]
    FIRST_CLOSED_FIELD_NUMBER: _ClassVar[int]
    FIRST_CLOSED_WITHIN_LIMIT_FIELD_NUMBER: _ClassVar[int]
    REMOVALS_FIELD_NUMBER: _ClassVar[int]
    REMOVALS_WITHIN_LIMIT_FIELD_NUMBER: _ClassVar[int]
    RELIEF_DECIDED_FIELD_NUMBER: _ClassVar[int]
    RELIEF_WITHIN_LIMIT_FIELD_NUMBER: _ClassVar[int]
    CLAIMED_FEN_FIELD_NUMBER: _ClassVar[int]
    RECOVERED_FEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    region: str
    month: str
    received: int
    closed: int
    pending_at_start: int
    closure_rate: float
    recovered_rate: float
    avg_days: float
    p90_days: int
    zhongben: int
    zhongben_rate: float
    zhongben_compliant: int
    zhongben_compliance: float
    overdue_nodes: int
    first_closed: int
    first_closed_within_limit: int
    removals: int
    removals_within_limit: int
    relief_decided: int
    relief_within_limit: int
    claimed_fen: int
    recovered_fen: int
    def __init__(self, court_code: _Optional[str] = ..., region: _Optional[str] = ..., month: _Optional[str] = ..., received: _Optional[int] = ..., closed: _Optional[int] = ..., pending_at_start: _Optional[int] = ..., closure_rate: _Optional[float] = ..., recovered_rate: _Optional[float] = ..., avg_days: _Optional[float] = ..., p90_days: _Optional[int] = ..., zhongben: _Optional[int] = ..., zhongben_rate: _Optional[float] = ..., zhongben_compliant: _Optional[int] = ..., zhongben_compliance: _Optional[float] = ..., overdue_nodes: _Optional[int] = ..., first_closed: _Optional[int] = ..., first_closed_within_limit: _Optional[int] = ..., removals: _Optional[int] = ..., removals_within_limit: _Optional[int] = ..., relief_decided: _Optional[int] = ..., relief_within_limit: _Optional[int] = ..., claimed_fen: _Optional[int] = ..., recovered_fen: _Optional[int] = ...) -> None: ...

class GetKpisRequest(_message.Message):
    __slots__ = ("court_code", "region", "from_month", "to_month", "monthly")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    FROM_MONTH_FIELD_NUMBER: _ClassVar[int]
    TO_MONTH_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    region: str
    from_month: str
    to_month: str
    monthly: bool
    def __init__(self, court_code: _Optional[str] = ..., region: _Optional[str] = ..., from_month: _Optional[str] = ..., to_month: _Optional[str] = ..., monthly: _Optional[bool] = ...) -> None: ...

class GetKpisResponse(_message.Message):
    __slots__ = ("rows", "total")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[Figures]
    total: Figures
    def __init__(self, rows: _Optional[_Iterable[_Union[Figures, _Mapping]]] = ..., total: _Optional[_Union[Figures, _Mapping]] = ...) -> None: ...

class CaseRow(_message.Message):
    __slots__ = ("case_id", "case_number", "court_code", "filed_on", "closed_on", "closure", "detail")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    FILED_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSURE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    court_code: str
    filed_on: str
    closed_on: str
    closure: str
    detail: str
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., filed_on: _Optional[str] = ..., closed_on: _Optional[str] = ..., closure: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class DrillDownRequest(_message.Message):
    __slots__ = ("court_code", "region", "from_month", "to_month", "figure", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    FROM_MONTH_FIELD_NUMBER: _ClassVar[int]
    TO_MONTH_FIELD_NUMBER: _ClassVar[int]
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    region: str
    from_month: str
    to_month: str
    figure: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., region: _Optional[str] = ..., from_month: _Optional[str] = ..., to_month: _Optional[str] = ..., figure: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class DrillDownResponse(_message.Message):
    __slots__ = ("cases", "next_page_token")
    CASES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    cases: _containers.RepeatedCompositeFieldContainer[CaseRow]
    next_page_token: str
    def __init__(self, cases: _Optional[_Iterable[_Union[CaseRow, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Step(_message.Message):
    __slots__ = ("on", "what", "by", "note")
    ON_FIELD_NUMBER: _ClassVar[int]
    WHAT_FIELD_NUMBER: _ClassVar[int]
    BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    on: str
    what: str
    by: str
    note: str
    def __init__(self, on: _Optional[str] = ..., what: _Optional[str] = ..., by: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class Alert(_message.Message):
    __slots__ = ("alert_id", "kind", "label", "rule", "court_code", "case_id", "case_number", "subject", "act_by_role", "act_by", "due_on", "raised_on", "status", "timeline")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ACT_BY_ROLE_FIELD_NUMBER: _ClassVar[int]
    ACT_BY_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    RAISED_ON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIMELINE_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    kind: str
    label: str
    rule: str
    court_code: str
    case_id: str
    case_number: str
    subject: str
    act_by_role: str
    act_by: str
    due_on: str
    raised_on: str
    status: str
    timeline: _containers.RepeatedCompositeFieldContainer[Step]
    def __init__(self, alert_id: _Optional[str] = ..., kind: _Optional[str] = ..., label: _Optional[str] = ..., rule: _Optional[str] = ..., court_code: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., subject: _Optional[str] = ..., act_by_role: _Optional[str] = ..., act_by: _Optional[str] = ..., due_on: _Optional[str] = ..., raised_on: _Optional[str] = ..., status: _Optional[str] = ..., timeline: _Optional[_Iterable[_Union[Step, _Mapping]]] = ...) -> None: ...

class ListAlertsRequest(_message.Message):
    __slots__ = ("court_code", "status", "kind", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    status: str
    kind: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., status: _Optional[str] = ..., kind: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAlertsResponse(_message.Message):
    __slots__ = ("alerts", "next_page_token")
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    alerts: _containers.RepeatedCompositeFieldContainer[Alert]
    next_page_token: str
    def __init__(self, alerts: _Optional[_Iterable[_Union[Alert, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetAlertRequest(_message.Message):
    __slots__ = ("alert_id",)
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    def __init__(self, alert_id: _Optional[str] = ...) -> None: ...

class GetAlertResponse(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: Alert
    def __init__(self, alert: _Optional[_Union[Alert, _Mapping]] = ...) -> None: ...

class AcknowledgeAlertRequest(_message.Message):
    __slots__ = ("alert_id", "note", "acknowledged_on")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ACKNOWLEDGED_ON_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    note: str
    acknowledged_on: str
    def __init__(self, alert_id: _Optional[str] = ..., note: _Optional[str] = ..., acknowledged_on: _Optional[str] = ...) -> None: ...

class AcknowledgeAlertResponse(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: Alert
    def __init__(self, alert: _Optional[_Union[Alert, _Mapping]] = ...) -> None: ...

class CloseAlertRequest(_message.Message):
    __slots__ = ("alert_id", "reason", "closed_on")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    reason: str
    closed_on: str
    def __init__(self, alert_id: _Optional[str] = ..., reason: _Optional[str] = ..., closed_on: _Optional[str] = ...) -> None: ...

class CloseAlertResponse(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: Alert
    def __init__(self, alert: _Optional[_Union[Alert, _Mapping]] = ...) -> None: ...

class Matter(_message.Message):
    __slots__ = ("matter_id", "kind", "court_code", "document_number", "procuratorate", "case_id", "case_number", "received_on", "reply_by", "reply_by_provisional", "extended", "status", "replied_on", "reply_document_number", "within_limit", "overdue", "summary")
    MATTER_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PROCURATORATE_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    REPLY_BY_FIELD_NUMBER: _ClassVar[int]
    REPLY_BY_PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    EXTENDED_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REPLIED_ON_FIELD_NUMBER: _ClassVar[int]
    REPLY_DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    WITHIN_LIMIT_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    matter_id: str
    kind: str
    court_code: str
    document_number: str
    procuratorate: str
    case_id: str
    case_number: str
    received_on: str
    reply_by: str
    reply_by_provisional: bool
    extended: bool
    status: str
    replied_on: str
    reply_document_number: str
    within_limit: bool
    overdue: bool
    summary: str
    def __init__(self, matter_id: _Optional[str] = ..., kind: _Optional[str] = ..., court_code: _Optional[str] = ..., document_number: _Optional[str] = ..., procuratorate: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., received_on: _Optional[str] = ..., reply_by: _Optional[str] = ..., reply_by_provisional: _Optional[bool] = ..., extended: _Optional[bool] = ..., status: _Optional[str] = ..., replied_on: _Optional[str] = ..., reply_document_number: _Optional[str] = ..., within_limit: _Optional[bool] = ..., overdue: _Optional[bool] = ..., summary: _Optional[str] = ...) -> None: ...

class ReceiveMatterRequest(_message.Message):
    __slots__ = ("court_code", "kind", "document_number", "procuratorate", "case_id", "case_number", "received_on", "summary", "request_id")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    PROCURATORATE_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    kind: str
    document_number: str
    procuratorate: str
    case_id: str
    case_number: str
    received_on: str
    summary: str
    request_id: str
    def __init__(self, court_code: _Optional[str] = ..., kind: _Optional[str] = ..., document_number: _Optional[str] = ..., procuratorate: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., received_on: _Optional[str] = ..., summary: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ReceiveMatterResponse(_message.Message):
    __slots__ = ("matter",)
    MATTER_FIELD_NUMBER: _ClassVar[int]
    matter: Matter
    def __init__(self, matter: _Optional[_Union[Matter, _Mapping]] = ...) -> None: ...

class ExtendReplyRequest(_message.Message):
    __slots__ = ("matter_id", "requested_on")
    MATTER_ID_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_ON_FIELD_NUMBER: _ClassVar[int]
    matter_id: str
    requested_on: str
    def __init__(self, matter_id: _Optional[str] = ..., requested_on: _Optional[str] = ...) -> None: ...

class ExtendReplyResponse(_message.Message):
    __slots__ = ("matter",)
    MATTER_FIELD_NUMBER: _ClassVar[int]
    matter: Matter
    def __init__(self, matter: _Optional[_Union[Matter, _Mapping]] = ...) -> None: ...

class RecordReplyRequest(_message.Message):
    __slots__ = ("matter_id", "replied_on", "document_number")
    MATTER_ID_FIELD_NUMBER: _ClassVar[int]
    REPLIED_ON_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    matter_id: str
    replied_on: str
    document_number: str
    def __init__(self, matter_id: _Optional[str] = ..., replied_on: _Optional[str] = ..., document_number: _Optional[str] = ...) -> None: ...

class RecordReplyResponse(_message.Message):
    __slots__ = ("matter",)
    MATTER_FIELD_NUMBER: _ClassVar[int]
    matter: Matter
    def __init__(self, matter: _Optional[_Union[Matter, _Mapping]] = ...) -> None: ...

class GetMatterRequest(_message.Message):
    __slots__ = ("matter_id",)
    MATTER_ID_FIELD_NUMBER: _ClassVar[int]
    matter_id: str
    def __init__(self, matter_id: _Optional[str] = ...) -> None: ...

class GetMatterResponse(_message.Message):
    __slots__ = ("matter",)
    MATTER_FIELD_NUMBER: _ClassVar[int]
    matter: Matter
    def __init__(self, matter: _Optional[_Union[Matter, _Mapping]] = ...) -> None: ...

class ListMattersRequest(_message.Message):
    __slots__ = ("court_code", "status", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    status: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., status: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMattersResponse(_message.Message):
    __slots__ = ("matters", "next_page_token")
    MATTERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    matters: _containers.RepeatedCompositeFieldContainer[Matter]
    next_page_token: str
    def __init__(self, matters: _Optional[_Iterable[_Union[Matter, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RecordInterferenceRequest(_message.Message):
    __slots__ = ("court_code", "who_name", "who_unit", "who_post", "means", "occurred_on", "case_id", "case_number", "asked", "corrects", "request_id")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    WHO_NAME_FIELD_NUMBER: _ClassVar[int]
    WHO_UNIT_FIELD_NUMBER: _ClassVar[int]
    WHO_POST_FIELD_NUMBER: _ClassVar[int]
    MEANS_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_ON_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ASKED_FIELD_NUMBER: _ClassVar[int]
    CORRECTS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    who_name: str
    who_unit: str
    who_post: str
    means: str
    occurred_on: str
    case_id: str
    case_number: str
    asked: str
    corrects: str
    request_id: str
    def __init__(self, court_code: _Optional[str] = ..., who_name: _Optional[str] = ..., who_unit: _Optional[str] = ..., who_post: _Optional[str] = ..., means: _Optional[str] = ..., occurred_on: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., asked: _Optional[str] = ..., corrects: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class RecordInterferenceResponse(_message.Message):
    __slots__ = ("record_id", "court_code", "seq", "chain_hash")
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    CHAIN_HASH_FIELD_NUMBER: _ClassVar[int]
    record_id: str
    court_code: str
    seq: int
    chain_hash: str
    def __init__(self, record_id: _Optional[str] = ..., court_code: _Optional[str] = ..., seq: _Optional[int] = ..., chain_hash: _Optional[str] = ...) -> None: ...

class InterferenceEntry(_message.Message):
    __slots__ = ("record_id", "seq", "who_name", "who_unit", "who_post", "means", "occurred_on", "case_id", "case_number", "asked", "corrects", "recorded_on", "recorded_by", "hash")
    RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    WHO_NAME_FIELD_NUMBER: _ClassVar[int]
    WHO_UNIT_FIELD_NUMBER: _ClassVar[int]
    WHO_POST_FIELD_NUMBER: _ClassVar[int]
    MEANS_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_ON_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ASKED_FIELD_NUMBER: _ClassVar[int]
    CORRECTS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_ON_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    record_id: str
    seq: int
    who_name: str
    who_unit: str
    who_post: str
    means: str
    occurred_on: str
    case_id: str
    case_number: str
    asked: str
    corrects: str
    recorded_on: str
    recorded_by: str
    hash: str
    def __init__(self, record_id: _Optional[str] = ..., seq: _Optional[int] = ..., who_name: _Optional[str] = ..., who_unit: _Optional[str] = ..., who_post: _Optional[str] = ..., means: _Optional[str] = ..., occurred_on: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., asked: _Optional[str] = ..., corrects: _Optional[str] = ..., recorded_on: _Optional[str] = ..., recorded_by: _Optional[str] = ..., hash: _Optional[str] = ...) -> None: ...

class ReadInterferenceRequest(_message.Message):
    __slots__ = ("court_code", "purpose", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    purpose: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., purpose: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ReadInterferenceResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[InterferenceEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[InterferenceEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class VerifyRegisterRequest(_message.Message):
    __slots__ = ("court_code", "head_seq", "head_hash")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    HEAD_SEQ_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    head_seq: int
    head_hash: str
    def __init__(self, court_code: _Optional[str] = ..., head_seq: _Optional[int] = ..., head_hash: _Optional[str] = ...) -> None: ...

class VerifyRegisterResponse(_message.Message):
    __slots__ = ("ok", "checked", "first_bad_seq", "problem", "head_seq", "head_hash")
    OK_FIELD_NUMBER: _ClassVar[int]
    CHECKED_FIELD_NUMBER: _ClassVar[int]
    FIRST_BAD_SEQ_FIELD_NUMBER: _ClassVar[int]
    PROBLEM_FIELD_NUMBER: _ClassVar[int]
    HEAD_SEQ_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    ok: bool
    checked: int
    first_bad_seq: int
    problem: str
    head_seq: int
    head_hash: str
    def __init__(self, ok: _Optional[bool] = ..., checked: _Optional[int] = ..., first_bad_seq: _Optional[int] = ..., problem: _Optional[str] = ..., head_seq: _Optional[int] = ..., head_hash: _Optional[str] = ...) -> None: ...

class GetQuarterSummaryRequest(_message.Message):
    __slots__ = ("court_code", "year", "quarter")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    year: int
    quarter: int
    def __init__(self, court_code: _Optional[str] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ...) -> None: ...

class Count(_message.Message):
    __slots__ = ("key", "count")
    KEY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    key: str
    count: int
    def __init__(self, key: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class GetQuarterSummaryResponse(_message.Message):
    __slots__ = ("court_code", "year", "quarter", "count", "by_means", "cases_named", "corrections", "nil", "head_seq", "head_hash")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    BY_MEANS_FIELD_NUMBER: _ClassVar[int]
    CASES_NAMED_FIELD_NUMBER: _ClassVar[int]
    CORRECTIONS_FIELD_NUMBER: _ClassVar[int]
    NIL_FIELD_NUMBER: _ClassVar[int]
    HEAD_SEQ_FIELD_NUMBER: _ClassVar[int]
    HEAD_HASH_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    year: int
    quarter: int
    count: int
    by_means: _containers.RepeatedCompositeFieldContainer[Count]
    cases_named: int
    corrections: int
    nil: bool
    head_seq: int
    head_hash: str
    def __init__(self, court_code: _Optional[str] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ..., count: _Optional[int] = ..., by_means: _Optional[_Iterable[_Union[Count, _Mapping]]] = ..., cases_named: _Optional[int] = ..., corrections: _Optional[int] = ..., nil: _Optional[bool] = ..., head_seq: _Optional[int] = ..., head_hash: _Optional[str] = ...) -> None: ...

class Suggestion(_message.Message):
    __slots__ = ("suggestion_id", "kind", "court_code", "recipient", "agency_id", "case_id", "document_number", "reason", "sent_on", "handle_by", "handle_by_provisional", "status", "handled_on", "outcome", "within_limit", "overdue")
    SUGGESTION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    AGENCY_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SENT_ON_FIELD_NUMBER: _ClassVar[int]
    HANDLE_BY_FIELD_NUMBER: _ClassVar[int]
    HANDLE_BY_PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    HANDLED_ON_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    WITHIN_LIMIT_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    suggestion_id: str
    kind: str
    court_code: str
    recipient: str
    agency_id: str
    case_id: str
    document_number: str
    reason: str
    sent_on: str
    handle_by: str
    handle_by_provisional: bool
    status: str
    handled_on: str
    outcome: str
    within_limit: bool
    overdue: bool
    def __init__(self, suggestion_id: _Optional[str] = ..., kind: _Optional[str] = ..., court_code: _Optional[str] = ..., recipient: _Optional[str] = ..., agency_id: _Optional[str] = ..., case_id: _Optional[str] = ..., document_number: _Optional[str] = ..., reason: _Optional[str] = ..., sent_on: _Optional[str] = ..., handle_by: _Optional[str] = ..., handle_by_provisional: _Optional[bool] = ..., status: _Optional[str] = ..., handled_on: _Optional[str] = ..., outcome: _Optional[str] = ..., within_limit: _Optional[bool] = ..., overdue: _Optional[bool] = ...) -> None: ...

class SendSuggestionRequest(_message.Message):
    __slots__ = ("court_code", "kind", "recipient", "agency_id", "case_id", "document_number", "reason", "sent_on", "handle_by", "request_id")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    AGENCY_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SENT_ON_FIELD_NUMBER: _ClassVar[int]
    HANDLE_BY_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    kind: str
    recipient: str
    agency_id: str
    case_id: str
    document_number: str
    reason: str
    sent_on: str
    handle_by: str
    request_id: str
    def __init__(self, court_code: _Optional[str] = ..., kind: _Optional[str] = ..., recipient: _Optional[str] = ..., agency_id: _Optional[str] = ..., case_id: _Optional[str] = ..., document_number: _Optional[str] = ..., reason: _Optional[str] = ..., sent_on: _Optional[str] = ..., handle_by: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class SendSuggestionResponse(_message.Message):
    __slots__ = ("suggestion",)
    SUGGESTION_FIELD_NUMBER: _ClassVar[int]
    suggestion: Suggestion
    def __init__(self, suggestion: _Optional[_Union[Suggestion, _Mapping]] = ...) -> None: ...

class RecordHandlingRequest(_message.Message):
    __slots__ = ("suggestion_id", "handled_on", "outcome")
    SUGGESTION_ID_FIELD_NUMBER: _ClassVar[int]
    HANDLED_ON_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    suggestion_id: str
    handled_on: str
    outcome: str
    def __init__(self, suggestion_id: _Optional[str] = ..., handled_on: _Optional[str] = ..., outcome: _Optional[str] = ...) -> None: ...

class RecordHandlingResponse(_message.Message):
    __slots__ = ("suggestion",)
    SUGGESTION_FIELD_NUMBER: _ClassVar[int]
    suggestion: Suggestion
    def __init__(self, suggestion: _Optional[_Union[Suggestion, _Mapping]] = ...) -> None: ...

class ListSuggestionsRequest(_message.Message):
    __slots__ = ("court_code", "status", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    status: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., status: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListSuggestionsResponse(_message.Message):
    __slots__ = ("suggestions", "next_page_token")
    SUGGESTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    suggestions: _containers.RepeatedCompositeFieldContainer[Suggestion]
    next_page_token: str
    def __init__(self, suggestions: _Optional[_Iterable[_Union[Suggestion, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetCourtBoardRequest(_message.Message):
    __slots__ = ("court_code", "within_working_days", "limit")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    WITHIN_WORKING_DAYS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    within_working_days: int
    limit: int
    def __init__(self, court_code: _Optional[str] = ..., within_working_days: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class Tally(_message.Message):
    __slots__ = ("key", "count")
    KEY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    key: str
    count: int
    def __init__(self, key: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class AgencyWait(_message.Message):
    __slots__ = ("case_id", "case_number", "agency_id", "agency_kind", "sent_on", "due_on", "days_waiting")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    AGENCY_ID_FIELD_NUMBER: _ClassVar[int]
    AGENCY_KIND_FIELD_NUMBER: _ClassVar[int]
    SENT_ON_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    DAYS_WAITING_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    agency_id: str
    agency_kind: str
    sent_on: str
    due_on: str
    days_waiting: int
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., agency_id: _Optional[str] = ..., agency_kind: _Optional[str] = ..., sent_on: _Optional[str] = ..., due_on: _Optional[str] = ..., days_waiting: _Optional[int] = ...) -> None: ...

class ExpiringMeasure(_message.Message):
    __slots__ = ("case_id", "case_number", "measure_id", "measure_kind", "expires_on", "working_days_left")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    MEASURE_ID_FIELD_NUMBER: _ClassVar[int]
    MEASURE_KIND_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_ON_FIELD_NUMBER: _ClassVar[int]
    WORKING_DAYS_LEFT_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    measure_id: str
    measure_kind: str
    expires_on: str
    working_days_left: int
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., measure_id: _Optional[str] = ..., measure_kind: _Optional[str] = ..., expires_on: _Optional[str] = ..., working_days_left: _Optional[int] = ...) -> None: ...

class FundBalance(_message.Message):
    __slots__ = ("court_code", "fund_year", "credited_fen", "reserved_fen", "released_fen", "recovered_fen", "balance_fen")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    FUND_YEAR_FIELD_NUMBER: _ClassVar[int]
    CREDITED_FEN_FIELD_NUMBER: _ClassVar[int]
    RESERVED_FEN_FIELD_NUMBER: _ClassVar[int]
    RELEASED_FEN_FIELD_NUMBER: _ClassVar[int]
    RECOVERED_FEN_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    fund_year: int
    credited_fen: int
    reserved_fen: int
    released_fen: int
    recovered_fen: int
    balance_fen: int
    def __init__(self, court_code: _Optional[str] = ..., fund_year: _Optional[int] = ..., credited_fen: _Optional[int] = ..., reserved_fen: _Optional[int] = ..., released_fen: _Optional[int] = ..., recovered_fen: _Optional[int] = ..., balance_fen: _Optional[int] = ...) -> None: ...

class GetCourtBoardResponse(_message.Message):
    __slots__ = ("overdue_by_team", "overdue_by_officer", "oldest_unanswered", "expiring", "funds")
    OVERDUE_BY_TEAM_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_BY_OFFICER_FIELD_NUMBER: _ClassVar[int]
    OLDEST_UNANSWERED_FIELD_NUMBER: _ClassVar[int]
    EXPIRING_FIELD_NUMBER: _ClassVar[int]
    FUNDS_FIELD_NUMBER: _ClassVar[int]
    overdue_by_team: _containers.RepeatedCompositeFieldContainer[Tally]
    overdue_by_officer: _containers.RepeatedCompositeFieldContainer[Tally]
    oldest_unanswered: _containers.RepeatedCompositeFieldContainer[AgencyWait]
    expiring: _containers.RepeatedCompositeFieldContainer[ExpiringMeasure]
    funds: _containers.RepeatedCompositeFieldContainer[FundBalance]
    def __init__(self, overdue_by_team: _Optional[_Iterable[_Union[Tally, _Mapping]]] = ..., overdue_by_officer: _Optional[_Iterable[_Union[Tally, _Mapping]]] = ..., oldest_unanswered: _Optional[_Iterable[_Union[AgencyWait, _Mapping]]] = ..., expiring: _Optional[_Iterable[_Union[ExpiringMeasure, _Mapping]]] = ..., funds: _Optional[_Iterable[_Union[FundBalance, _Mapping]]] = ...) -> None: ...

class ListAgencyAnswersRequest(_message.Message):
    __slots__ = ("court_code", "region", "from_month", "to_month")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    FROM_MONTH_FIELD_NUMBER: _ClassVar[int]
    TO_MONTH_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    region: str
    from_month: str
    to_month: str
    def __init__(self, court_code: _Optional[str] = ..., region: _Optional[str] = ..., from_month: _Optional[str] = ..., to_month: _Optional[str] = ...) -> None: ...

class AgencyAnswers(_message.Message):
    __slots__ = ("agency_id", "agency_kind", "requests", "answered", "overdue", "unanswered", "avg_answer_days", "p90_answer_days")
    AGENCY_ID_FIELD_NUMBER: _ClassVar[int]
    AGENCY_KIND_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    UNANSWERED_FIELD_NUMBER: _ClassVar[int]
    AVG_ANSWER_DAYS_FIELD_NUMBER: _ClassVar[int]
    P90_ANSWER_DAYS_FIELD_NUMBER: _ClassVar[int]
    agency_id: str
    agency_kind: str
    requests: int
    answered: int
    overdue: int
    unanswered: int
    avg_answer_days: float
    p90_answer_days: float
    def __init__(self, agency_id: _Optional[str] = ..., agency_kind: _Optional[str] = ..., requests: _Optional[int] = ..., answered: _Optional[int] = ..., overdue: _Optional[int] = ..., unanswered: _Optional[int] = ..., avg_answer_days: _Optional[float] = ..., p90_answer_days: _Optional[float] = ...) -> None: ...

class ListAgencyAnswersResponse(_message.Message):
    __slots__ = ("rows",)
    ROWS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[AgencyAnswers]
    def __init__(self, rows: _Optional[_Iterable[_Union[AgencyAnswers, _Mapping]]] = ...) -> None: ...

class GetCaseFileRequest(_message.Message):
    __slots__ = ("case_id",)
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    def __init__(self, case_id: _Optional[str] = ...) -> None: ...

class GetCaseFileResponse(_message.Message):
    __slots__ = ("case", "unmet", "alerts")
    CASE_FIELD_NUMBER: _ClassVar[int]
    UNMET_FIELD_NUMBER: _ClassVar[int]
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    case: CaseRow
    unmet: _containers.RepeatedScalarFieldContainer[str]
    alerts: _containers.RepeatedCompositeFieldContainer[Alert]
    def __init__(self, case: _Optional[_Union[CaseRow, _Mapping]] = ..., unmet: _Optional[_Iterable[str]] = ..., alerts: _Optional[_Iterable[_Union[Alert, _Mapping]]] = ...) -> None: ...
