from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Wage(_message.Message):
    __slots__ = ("province", "year", "monthly_wage_fen", "cap_fen", "source", "entered_by", "demonstration")
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_WAGE_FEN_FIELD_NUMBER: _ClassVar[int]
    CAP_FEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    ENTERED_BY_FIELD_NUMBER: _ClassVar[int]
    DEMONSTRATION_FIELD_NUMBER: _ClassVar[int]
    province: str
    year: int
    monthly_wage_fen: int
    cap_fen: int
    source: str
    entered_by: str
    demonstration: bool
    def __init__(self, province: _Optional[str] = ..., year: _Optional[int] = ..., monthly_wage_fen: _Optional[int] = ..., cap_fen: _Optional[int] = ..., source: _Optional[str] = ..., entered_by: _Optional[str] = ..., demonstration: _Optional[bool] = ...) -> None: ...

class EnterWageRequest(_message.Message):
    __slots__ = ("province", "year", "monthly_wage_fen", "source", "demonstration")
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_WAGE_FEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    DEMONSTRATION_FIELD_NUMBER: _ClassVar[int]
    province: str
    year: int
    monthly_wage_fen: int
    source: str
    demonstration: bool
    def __init__(self, province: _Optional[str] = ..., year: _Optional[int] = ..., monthly_wage_fen: _Optional[int] = ..., source: _Optional[str] = ..., demonstration: _Optional[bool] = ...) -> None: ...

class EnterWageResponse(_message.Message):
    __slots__ = ("wage",)
    WAGE_FIELD_NUMBER: _ClassVar[int]
    wage: Wage
    def __init__(self, wage: _Optional[_Union[Wage, _Mapping]] = ...) -> None: ...

class GetWageRequest(_message.Message):
    __slots__ = ("province", "year")
    PROVINCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    province: str
    year: int
    def __init__(self, province: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class GetWageResponse(_message.Message):
    __slots__ = ("wage",)
    WAGE_FIELD_NUMBER: _ClassVar[int]
    wage: Wage
    def __init__(self, wage: _Optional[_Union[Wage, _Mapping]] = ...) -> None: ...

class Fund(_message.Message):
    __slots__ = ("court_code", "year", "income_fen", "disbursed_fen", "reserved_fen", "balance_fen", "available_fen")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    INCOME_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    RESERVED_FEN_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    AVAILABLE_FEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    year: int
    income_fen: int
    disbursed_fen: int
    reserved_fen: int
    balance_fen: int
    available_fen: int
    def __init__(self, court_code: _Optional[str] = ..., year: _Optional[int] = ..., income_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ..., reserved_fen: _Optional[int] = ..., balance_fen: _Optional[int] = ..., available_fen: _Optional[int] = ...) -> None: ...

class Movement(_message.Message):
    __slots__ = ("kind", "ref", "amount_fen", "day", "balance_fen")
    KIND_FIELD_NUMBER: _ClassVar[int]
    REF_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    kind: str
    ref: str
    amount_fen: int
    day: str
    balance_fen: int
    def __init__(self, kind: _Optional[str] = ..., ref: _Optional[str] = ..., amount_fen: _Optional[int] = ..., day: _Optional[str] = ..., balance_fen: _Optional[int] = ...) -> None: ...

class CreditFundRequest(_message.Message):
    __slots__ = ("court_code", "year", "kind", "entry_id", "document_number", "credited_on", "amount_fen")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CREDITED_ON_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    year: int
    kind: str
    entry_id: str
    document_number: str
    credited_on: str
    amount_fen: int
    def __init__(self, court_code: _Optional[str] = ..., year: _Optional[int] = ..., kind: _Optional[str] = ..., entry_id: _Optional[str] = ..., document_number: _Optional[str] = ..., credited_on: _Optional[str] = ..., amount_fen: _Optional[int] = ...) -> None: ...

class CreditFundResponse(_message.Message):
    __slots__ = ("fund",)
    FUND_FIELD_NUMBER: _ClassVar[int]
    fund: Fund
    def __init__(self, fund: _Optional[_Union[Fund, _Mapping]] = ...) -> None: ...

class GetFundRequest(_message.Message):
    __slots__ = ("court_code", "year", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    year: int
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., year: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetFundResponse(_message.Message):
    __slots__ = ("fund", "ledger", "next_page_token")
    FUND_FIELD_NUMBER: _ClassVar[int]
    LEDGER_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    fund: Fund
    ledger: _containers.RepeatedCompositeFieldContainer[Movement]
    next_page_token: str
    def __init__(self, fund: _Optional[_Union[Fund, _Mapping]] = ..., ledger: _Optional[_Iterable[_Union[Movement, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class NotifyRightRequest(_message.Message):
    __slots__ = ("case_ref", "party_index", "notified_on")
    CASE_REF_FIELD_NUMBER: _ClassVar[int]
    PARTY_INDEX_FIELD_NUMBER: _ClassVar[int]
    NOTIFIED_ON_FIELD_NUMBER: _ClassVar[int]
    case_ref: str
    party_index: int
    notified_on: str
    def __init__(self, case_ref: _Optional[str] = ..., party_index: _Optional[int] = ..., notified_on: _Optional[str] = ...) -> None: ...

class NotifyRightResponse(_message.Message):
    __slots__ = ("case_id", "party_index", "notified_on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    PARTY_INDEX_FIELD_NUMBER: _ClassVar[int]
    NOTIFIED_ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    party_index: int
    notified_on: str
    def __init__(self, case_id: _Optional[str] = ..., party_index: _Optional[int] = ..., notified_on: _Optional[str] = ...) -> None: ...

class Application(_message.Message):
    __slots__ = ("application_id", "relief_case_number", "case_id", "case_number", "court_code", "party_index", "status", "requested_fen", "proposed_fen", "amount_fen", "applied_on", "decide_by", "decide_by_provisional", "decided_on", "rejection_rule", "exceptional", "fund_year", "disbursed_on", "notify_by", "notify_by_provisional", "notified_on", "outstanding_fen", "wage_year", "monthly_wage_fen", "cap_fen")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    RELIEF_CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    PARTY_INDEX_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_FEN_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_FEN_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    APPLIED_ON_FIELD_NUMBER: _ClassVar[int]
    DECIDE_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDE_BY_PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    REJECTION_RULE_FIELD_NUMBER: _ClassVar[int]
    EXCEPTIONAL_FIELD_NUMBER: _ClassVar[int]
    FUND_YEAR_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_ON_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_BY_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_BY_PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    NOTIFIED_ON_FIELD_NUMBER: _ClassVar[int]
    OUTSTANDING_FEN_FIELD_NUMBER: _ClassVar[int]
    WAGE_YEAR_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_WAGE_FEN_FIELD_NUMBER: _ClassVar[int]
    CAP_FEN_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    relief_case_number: str
    case_id: str
    case_number: str
    court_code: str
    party_index: int
    status: str
    requested_fen: int
    proposed_fen: int
    amount_fen: int
    applied_on: str
    decide_by: str
    decide_by_provisional: bool
    decided_on: str
    rejection_rule: str
    exceptional: bool
    fund_year: int
    disbursed_on: str
    notify_by: str
    notify_by_provisional: bool
    notified_on: str
    outstanding_fen: int
    wage_year: int
    monthly_wage_fen: int
    cap_fen: int
    def __init__(self, application_id: _Optional[str] = ..., relief_case_number: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., party_index: _Optional[int] = ..., status: _Optional[str] = ..., requested_fen: _Optional[int] = ..., proposed_fen: _Optional[int] = ..., amount_fen: _Optional[int] = ..., applied_on: _Optional[str] = ..., decide_by: _Optional[str] = ..., decide_by_provisional: _Optional[bool] = ..., decided_on: _Optional[str] = ..., rejection_rule: _Optional[str] = ..., exceptional: _Optional[bool] = ..., fund_year: _Optional[int] = ..., disbursed_on: _Optional[str] = ..., notify_by: _Optional[str] = ..., notify_by_provisional: _Optional[bool] = ..., notified_on: _Optional[str] = ..., outstanding_fen: _Optional[int] = ..., wage_year: _Optional[int] = ..., monthly_wage_fen: _Optional[int] = ..., cap_fen: _Optional[int] = ...) -> None: ...

class ApplyRequest(_message.Message):
    __slots__ = ("case_ref", "party_index", "requested_fen", "hardship_category", "narrative", "other_organ_paid", "applied_on", "request_id")
    CASE_REF_FIELD_NUMBER: _ClassVar[int]
    PARTY_INDEX_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_FEN_FIELD_NUMBER: _ClassVar[int]
    HARDSHIP_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    OTHER_ORGAN_PAID_FIELD_NUMBER: _ClassVar[int]
    APPLIED_ON_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    case_ref: str
    party_index: int
    requested_fen: int
    hardship_category: str
    narrative: str
    other_organ_paid: bool
    applied_on: str
    request_id: str
    def __init__(self, case_ref: _Optional[str] = ..., party_index: _Optional[int] = ..., requested_fen: _Optional[int] = ..., hardship_category: _Optional[str] = ..., narrative: _Optional[str] = ..., other_organ_paid: _Optional[bool] = ..., applied_on: _Optional[str] = ..., request_id: _Optional[str] = ...) -> None: ...

class ApplyResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class ReviewRequest(_message.Message):
    __slots__ = ("application_id", "proposed_fen", "opinion")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_FEN_FIELD_NUMBER: _ClassVar[int]
    OPINION_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    proposed_fen: int
    opinion: str
    def __init__(self, application_id: _Optional[str] = ..., proposed_fen: _Optional[int] = ..., opinion: _Optional[str] = ...) -> None: ...

class ReviewResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class ExceptionalDecision(_message.Message):
    __slots__ = ("reasons",)
    REASONS_FIELD_NUMBER: _ClassVar[int]
    reasons: str
    def __init__(self, reasons: _Optional[str] = ...) -> None: ...

class ApproveRequest(_message.Message):
    __slots__ = ("application_id", "amount_fen", "decided_on", "exceptional")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    EXCEPTIONAL_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    amount_fen: int
    decided_on: str
    exceptional: ExceptionalDecision
    def __init__(self, application_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., decided_on: _Optional[str] = ..., exceptional: _Optional[_Union[ExceptionalDecision, _Mapping]] = ...) -> None: ...

class ApproveResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class RejectRequest(_message.Message):
    __slots__ = ("application_id", "rule", "reason", "decided_on")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    rule: str
    reason: str
    decided_on: str
    def __init__(self, application_id: _Optional[str] = ..., rule: _Optional[str] = ..., reason: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class RejectResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class WithdrawRequest(_message.Message):
    __slots__ = ("application_id", "withdrawn_on")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_ON_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    withdrawn_on: str
    def __init__(self, application_id: _Optional[str] = ..., withdrawn_on: _Optional[str] = ...) -> None: ...

class WithdrawResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class DisburseRequest(_message.Message):
    __slots__ = ("application_id", "disbursed_on")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_ON_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    disbursed_on: str
    def __init__(self, application_id: _Optional[str] = ..., disbursed_on: _Optional[str] = ...) -> None: ...

class DisburseResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class RecordNotifiedRequest(_message.Message):
    __slots__ = ("application_id", "notified_on")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFIED_ON_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    notified_on: str
    def __init__(self, application_id: _Optional[str] = ..., notified_on: _Optional[str] = ...) -> None: ...

class RecordNotifiedResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class RevokeRequest(_message.Message):
    __slots__ = ("application_id", "reason", "revoked_on")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    reason: str
    revoked_on: str
    def __init__(self, application_id: _Optional[str] = ..., reason: _Optional[str] = ..., revoked_on: _Optional[str] = ...) -> None: ...

class RevokeResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class RecordRepaymentRequest(_message.Message):
    __slots__ = ("application_id", "recovery_id", "amount_fen", "repaid_on")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    RECOVERY_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    REPAID_ON_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    recovery_id: str
    amount_fen: int
    repaid_on: str
    def __init__(self, application_id: _Optional[str] = ..., recovery_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., repaid_on: _Optional[str] = ...) -> None: ...

class RecordRepaymentResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class GetApplicationRequest(_message.Message):
    __slots__ = ("application_id",)
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    def __init__(self, application_id: _Optional[str] = ...) -> None: ...

class GetApplicationResponse(_message.Message):
    __slots__ = ("application",)
    APPLICATION_FIELD_NUMBER: _ClassVar[int]
    application: Application
    def __init__(self, application: _Optional[_Union[Application, _Mapping]] = ...) -> None: ...

class ReadHardshipRequest(_message.Message):
    __slots__ = ("application_id", "purpose")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    purpose: str
    def __init__(self, application_id: _Optional[str] = ..., purpose: _Optional[str] = ...) -> None: ...

class ReadHardshipResponse(_message.Message):
    __slots__ = ("application_id", "category", "narrative")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    category: str
    narrative: str
    def __init__(self, application_id: _Optional[str] = ..., category: _Optional[str] = ..., narrative: _Optional[str] = ...) -> None: ...

class ListApplicationsRequest(_message.Message):
    __slots__ = ("status", "page_size", "page_token")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    status: str
    page_size: int
    page_token: str
    def __init__(self, status: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListApplicationsResponse(_message.Message):
    __slots__ = ("applications", "next_page_token")
    APPLICATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    applications: _containers.RepeatedCompositeFieldContainer[Application]
    next_page_token: str
    def __init__(self, applications: _Optional[_Iterable[_Union[Application, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetReportRequest(_message.Message):
    __slots__ = ("court_code", "year", "csv")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    CSV_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    year: int
    csv: bool
    def __init__(self, court_code: _Optional[str] = ..., year: _Optional[int] = ..., csv: _Optional[bool] = ...) -> None: ...

class Report(_message.Message):
    __slots__ = ("court_code", "year", "appropriated_fen", "donated_fen", "disbursed_fen", "recovered_fen", "balance_fen", "applied", "approved", "rejected", "withdrawn", "disbursed", "revoked", "decision_days_median", "decision_days_max", "payment_days_median", "payment_days_max")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    APPROPRIATED_FEN_FIELD_NUMBER: _ClassVar[int]
    DONATED_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    RECOVERED_FEN_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    DECISION_DAYS_MEDIAN_FIELD_NUMBER: _ClassVar[int]
    DECISION_DAYS_MAX_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_DAYS_MEDIAN_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_DAYS_MAX_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    year: int
    appropriated_fen: int
    donated_fen: int
    disbursed_fen: int
    recovered_fen: int
    balance_fen: int
    applied: int
    approved: int
    rejected: int
    withdrawn: int
    disbursed: int
    revoked: int
    decision_days_median: float
    decision_days_max: int
    payment_days_median: float
    payment_days_max: int
    def __init__(self, court_code: _Optional[str] = ..., year: _Optional[int] = ..., appropriated_fen: _Optional[int] = ..., donated_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ..., recovered_fen: _Optional[int] = ..., balance_fen: _Optional[int] = ..., applied: _Optional[int] = ..., approved: _Optional[int] = ..., rejected: _Optional[int] = ..., withdrawn: _Optional[int] = ..., disbursed: _Optional[int] = ..., revoked: _Optional[int] = ..., decision_days_median: _Optional[float] = ..., decision_days_max: _Optional[int] = ..., payment_days_median: _Optional[float] = ..., payment_days_max: _Optional[int] = ...) -> None: ...

class GetReportResponse(_message.Message):
    __slots__ = ("report", "csv")
    REPORT_FIELD_NUMBER: _ClassVar[int]
    CSV_FIELD_NUMBER: _ClassVar[int]
    report: Report
    csv: str
    def __init__(self, report: _Optional[_Union[Report, _Mapping]] = ..., csv: _Optional[str] = ...) -> None: ...
