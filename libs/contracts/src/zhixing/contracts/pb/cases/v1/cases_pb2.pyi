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
    __slots__ = ("court_code", "case_type", "basis", "applicants", "respondents", "claim", "request_id", "linked_case_number")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    CASE_TYPE_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    APPLICANTS_FIELD_NUMBER: _ClassVar[int]
    RESPONDENTS_FIELD_NUMBER: _ClassVar[int]
    CLAIM_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    LINKED_CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    case_type: str
    basis: EnforcementBasis
    applicants: _containers.RepeatedCompositeFieldContainer[Party]
    respondents: _containers.RepeatedCompositeFieldContainer[Party]
    claim: Claim
    request_id: str
    linked_case_number: str
    def __init__(self, court_code: _Optional[str] = ..., case_type: _Optional[str] = ..., basis: _Optional[_Union[EnforcementBasis, _Mapping]] = ..., applicants: _Optional[_Iterable[_Union[Party, _Mapping]]] = ..., respondents: _Optional[_Iterable[_Union[Party, _Mapping]]] = ..., claim: _Optional[_Union[Claim, _Mapping]] = ..., request_id: _Optional[str] = ..., linked_case_number: _Optional[str] = ...) -> None: ...

class FileCaseResponse(_message.Message):
    __slots__ = ("case_id", "case_number", "access_codes")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ACCESS_CODES_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    access_codes: _containers.RepeatedCompositeFieldContainer[PartyAccessCode]
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., access_codes: _Optional[_Iterable[_Union[PartyAccessCode, _Mapping]]] = ...) -> None: ...

class PartyAccessCode(_message.Message):
    __slots__ = ("party_index", "role", "access_code")
    PARTY_INDEX_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ACCESS_CODE_FIELD_NUMBER: _ClassVar[int]
    party_index: int
    role: str
    access_code: str
    def __init__(self, party_index: _Optional[int] = ..., role: _Optional[str] = ..., access_code: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("case_id", "case_number", "court_code", "case_type", "status", "filed_on", "basis", "applicants", "respondents", "claim", "version", "status_label", "closure", "closure_label", "team", "lead_officer", "nodes", "linked_case_id", "link_kind", "government_debtor", "concluded_on", "requery_dates", "resumed_as_case_number", "resumed_as_case_id", "settlement", "notice_served_on", "property_report", "interviewed_on", "debtor_missing", "debtor_searched", "leads", "sanctions", "respondent_progress", "delegation")
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
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    CLOSURE_FIELD_NUMBER: _ClassVar[int]
    CLOSURE_LABEL_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    LEAD_OFFICER_FIELD_NUMBER: _ClassVar[int]
    NODES_FIELD_NUMBER: _ClassVar[int]
    LINKED_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    LINK_KIND_FIELD_NUMBER: _ClassVar[int]
    GOVERNMENT_DEBTOR_FIELD_NUMBER: _ClassVar[int]
    CONCLUDED_ON_FIELD_NUMBER: _ClassVar[int]
    REQUERY_DATES_FIELD_NUMBER: _ClassVar[int]
    RESUMED_AS_CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    RESUMED_AS_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_FIELD_NUMBER: _ClassVar[int]
    NOTICE_SERVED_ON_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_REPORT_FIELD_NUMBER: _ClassVar[int]
    INTERVIEWED_ON_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_MISSING_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_SEARCHED_FIELD_NUMBER: _ClassVar[int]
    LEADS_FIELD_NUMBER: _ClassVar[int]
    SANCTIONS_FIELD_NUMBER: _ClassVar[int]
    RESPONDENT_PROGRESS_FIELD_NUMBER: _ClassVar[int]
    DELEGATION_FIELD_NUMBER: _ClassVar[int]
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
    status_label: str
    closure: str
    closure_label: str
    team: str
    lead_officer: str
    nodes: _containers.RepeatedCompositeFieldContainer[CaseNode]
    linked_case_id: str
    link_kind: str
    government_debtor: bool
    concluded_on: str
    requery_dates: _containers.RepeatedScalarFieldContainer[str]
    resumed_as_case_number: str
    resumed_as_case_id: str
    settlement: Settlement
    notice_served_on: str
    property_report: str
    interviewed_on: str
    debtor_missing: bool
    debtor_searched: bool
    leads: _containers.RepeatedCompositeFieldContainer[PropertyLead]
    sanctions: _containers.RepeatedCompositeFieldContainer[Sanction]
    respondent_progress: _containers.RepeatedCompositeFieldContainer[RespondentProgress]
    delegation: Delegation
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., case_type: _Optional[str] = ..., status: _Optional[str] = ..., filed_on: _Optional[str] = ..., basis: _Optional[_Union[EnforcementBasis, _Mapping]] = ..., applicants: _Optional[_Iterable[_Union[Party, _Mapping]]] = ..., respondents: _Optional[_Iterable[_Union[Party, _Mapping]]] = ..., claim: _Optional[_Union[Claim, _Mapping]] = ..., version: _Optional[int] = ..., status_label: _Optional[str] = ..., closure: _Optional[str] = ..., closure_label: _Optional[str] = ..., team: _Optional[str] = ..., lead_officer: _Optional[str] = ..., nodes: _Optional[_Iterable[_Union[CaseNode, _Mapping]]] = ..., linked_case_id: _Optional[str] = ..., link_kind: _Optional[str] = ..., government_debtor: _Optional[bool] = ..., concluded_on: _Optional[str] = ..., requery_dates: _Optional[_Iterable[str]] = ..., resumed_as_case_number: _Optional[str] = ..., resumed_as_case_id: _Optional[str] = ..., settlement: _Optional[_Union[Settlement, _Mapping]] = ..., notice_served_on: _Optional[str] = ..., property_report: _Optional[str] = ..., interviewed_on: _Optional[str] = ..., debtor_missing: _Optional[bool] = ..., debtor_searched: _Optional[bool] = ..., leads: _Optional[_Iterable[_Union[PropertyLead, _Mapping]]] = ..., sanctions: _Optional[_Iterable[_Union[Sanction, _Mapping]]] = ..., respondent_progress: _Optional[_Iterable[_Union[RespondentProgress, _Mapping]]] = ..., delegation: _Optional[_Union[Delegation, _Mapping]] = ...) -> None: ...

class CaseNode(_message.Message):
    __slots__ = ("node", "label", "rule", "due_on", "done_on", "overdue", "extended", "provisional")
    NODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    DONE_ON_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    EXTENDED_FIELD_NUMBER: _ClassVar[int]
    PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    node: str
    label: str
    rule: str
    due_on: str
    done_on: str
    overdue: bool
    extended: bool
    provisional: bool
    def __init__(self, node: _Optional[str] = ..., label: _Optional[str] = ..., rule: _Optional[str] = ..., due_on: _Optional[str] = ..., done_on: _Optional[str] = ..., overdue: _Optional[bool] = ..., extended: _Optional[bool] = ..., provisional: _Optional[bool] = ...) -> None: ...

class Instalment(_message.Message):
    __slots__ = ("due_on", "amount_fen")
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    due_on: str
    amount_fen: int
    def __init__(self, due_on: _Optional[str] = ..., amount_fen: _Optional[int] = ...) -> None: ...

class Settlement(_message.Message):
    __slots__ = ("agreed_on", "state", "instalments")
    AGREED_ON_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    INSTALMENTS_FIELD_NUMBER: _ClassVar[int]
    agreed_on: str
    state: str
    instalments: _containers.RepeatedCompositeFieldContainer[Instalment]
    def __init__(self, agreed_on: _Optional[str] = ..., state: _Optional[str] = ..., instalments: _Optional[_Iterable[_Union[Instalment, _Mapping]]] = ...) -> None: ...

class PropertyLead(_message.Message):
    __slots__ = ("lead_id", "received_on", "verified_on", "found")
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_ON_FIELD_NUMBER: _ClassVar[int]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    lead_id: str
    received_on: str
    verified_on: str
    found: bool
    def __init__(self, lead_id: _Optional[str] = ..., received_on: _Optional[str] = ..., verified_on: _Optional[str] = ..., found: _Optional[bool] = ...) -> None: ...

class Sanction(_message.Message):
    __slots__ = ("sanction_id", "kind", "amount_fen", "days", "document_number", "decided_on")
    SANCTION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    sanction_id: str
    kind: str
    amount_fen: int
    days: int
    document_number: str
    decided_on: str
    def __init__(self, sanction_id: _Optional[str] = ..., kind: _Optional[str] = ..., amount_fen: _Optional[int] = ..., days: _Optional[int] = ..., document_number: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class RespondentProgress(_message.Message):
    __slots__ = ("respondent_index", "restricted", "listing_decided", "inquiry_kinds", "inquiry_completed_on", "disposable_property_found")
    RESPONDENT_INDEX_FIELD_NUMBER: _ClassVar[int]
    RESTRICTED_FIELD_NUMBER: _ClassVar[int]
    LISTING_DECIDED_FIELD_NUMBER: _ClassVar[int]
    INQUIRY_KINDS_FIELD_NUMBER: _ClassVar[int]
    INQUIRY_COMPLETED_ON_FIELD_NUMBER: _ClassVar[int]
    DISPOSABLE_PROPERTY_FOUND_FIELD_NUMBER: _ClassVar[int]
    respondent_index: int
    restricted: bool
    listing_decided: bool
    inquiry_kinds: _containers.RepeatedScalarFieldContainer[str]
    inquiry_completed_on: str
    disposable_property_found: bool
    def __init__(self, respondent_index: _Optional[int] = ..., restricted: _Optional[bool] = ..., listing_decided: _Optional[bool] = ..., inquiry_kinds: _Optional[_Iterable[str]] = ..., inquiry_completed_on: _Optional[str] = ..., disposable_property_found: _Optional[bool] = ...) -> None: ...

class Delegation(_message.Message):
    __slots__ = ("to_court", "delegated_on", "assisting_case_number", "result_closure", "recovered_fen", "result_closed_on")
    TO_COURT_FIELD_NUMBER: _ClassVar[int]
    DELEGATED_ON_FIELD_NUMBER: _ClassVar[int]
    ASSISTING_CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    RESULT_CLOSURE_FIELD_NUMBER: _ClassVar[int]
    RECOVERED_FEN_FIELD_NUMBER: _ClassVar[int]
    RESULT_CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    to_court: str
    delegated_on: str
    assisting_case_number: str
    result_closure: str
    recovered_fen: int
    result_closed_on: str
    def __init__(self, to_court: _Optional[str] = ..., delegated_on: _Optional[str] = ..., assisting_case_number: _Optional[str] = ..., result_closure: _Optional[str] = ..., recovered_fen: _Optional[int] = ..., result_closed_on: _Optional[str] = ...) -> None: ...

class CaseRef(_message.Message):
    __slots__ = ("case_id", "case_number")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ...) -> None: ...

class AssignCaseRequest(_message.Message):
    __slots__ = ("case", "team", "lead_officer", "lead_officer_name", "team_phone")
    CASE_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    LEAD_OFFICER_FIELD_NUMBER: _ClassVar[int]
    LEAD_OFFICER_NAME_FIELD_NUMBER: _ClassVar[int]
    TEAM_PHONE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    team: str
    lead_officer: str
    lead_officer_name: str
    team_phone: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., team: _Optional[str] = ..., lead_officer: _Optional[str] = ..., lead_officer_name: _Optional[str] = ..., team_phone: _Optional[str] = ...) -> None: ...

class AssignCaseResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class ServeNoticeRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class ServeNoticeResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class RequestLeadsRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class RequestLeadsResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class ReceiveLeadRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class ReceiveLeadResponse(_message.Message):
    __slots__ = ("case", "lead_id")
    CASE_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    lead_id: str
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ..., lead_id: _Optional[str] = ...) -> None: ...

class VerifyLeadRequest(_message.Message):
    __slots__ = ("case", "lead_id", "found")
    CASE_FIELD_NUMBER: _ClassVar[int]
    LEAD_ID_FIELD_NUMBER: _ClassVar[int]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    lead_id: str
    found: bool
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., lead_id: _Optional[str] = ..., found: _Optional[bool] = ...) -> None: ...

class VerifyLeadResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class AnswerPartyMessageRequest(_message.Message):
    __slots__ = ("case", "message_id", "answer")
    CASE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    message_id: str
    answer: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., message_id: _Optional[str] = ..., answer: _Optional[str] = ...) -> None: ...

class AnswerPartyMessageResponse(_message.Message):
    __slots__ = ("message_id", "answered_on")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_ON_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    answered_on: str
    def __init__(self, message_id: _Optional[str] = ..., answered_on: _Optional[str] = ...) -> None: ...

class RecordPropertyReportRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class RecordPropertyReportResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class ExtendDeadlineRequest(_message.Message):
    __slots__ = ("case", "node", "due_on")
    CASE_FIELD_NUMBER: _ClassVar[int]
    NODE_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    node: str
    due_on: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., node: _Optional[str] = ..., due_on: _Optional[str] = ...) -> None: ...

class ExtendDeadlineResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class InterviewApplicantRequest(_message.Message):
    __slots__ = ("case", "summary")
    CASE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    summary: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., summary: _Optional[str] = ...) -> None: ...

class InterviewApplicantResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class ReportDebtorMissingRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class ReportDebtorMissingResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class RecordDebtorSearchRequest(_message.Message):
    __slots__ = ("case", "located")
    CASE_FIELD_NUMBER: _ClassVar[int]
    LOCATED_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    located: bool
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., located: _Optional[bool] = ...) -> None: ...

class RecordDebtorSearchResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class UnmetPrecondition(_message.Message):
    __slots__ = ("rule", "text")
    RULE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    rule: str
    text: str
    def __init__(self, rule: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class CheckConclusionRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class CheckConclusionResponse(_message.Message):
    __slots__ = ("unmet", "may_conclude")
    UNMET_FIELD_NUMBER: _ClassVar[int]
    MAY_CONCLUDE_FIELD_NUMBER: _ClassVar[int]
    unmet: _containers.RepeatedCompositeFieldContainer[UnmetPrecondition]
    may_conclude: bool
    def __init__(self, unmet: _Optional[_Iterable[_Union[UnmetPrecondition, _Mapping]]] = ..., may_conclude: _Optional[bool] = ...) -> None: ...

class ConcludeCaseRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class ConcludeCaseResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class ResumeCaseRequest(_message.Message):
    __slots__ = ("case", "reason")
    CASE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    reason: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class ResumeCaseResponse(_message.Message):
    __slots__ = ("case", "original_case_number")
    CASE_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    original_case_number: str
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ..., original_case_number: _Optional[str] = ...) -> None: ...

class AgreeSettlementRequest(_message.Message):
    __slots__ = ("case", "instalments")
    CASE_FIELD_NUMBER: _ClassVar[int]
    INSTALMENTS_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    instalments: _containers.RepeatedCompositeFieldContainer[Instalment]
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., instalments: _Optional[_Iterable[_Union[Instalment, _Mapping]]] = ...) -> None: ...

class AgreeSettlementResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class PerformSettlementRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class PerformSettlementResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class RecordSettlementDefaultRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class RecordSettlementDefaultResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class DecideSanctionRequest(_message.Message):
    __slots__ = ("case", "kind", "amount_fen", "days", "document_number")
    CASE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    kind: str
    amount_fen: int
    days: int
    document_number: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., kind: _Optional[str] = ..., amount_fen: _Optional[int] = ..., days: _Optional[int] = ..., document_number: _Optional[str] = ...) -> None: ...

class DecideSanctionResponse(_message.Message):
    __slots__ = ("case", "sanction_id")
    CASE_FIELD_NUMBER: _ClassVar[int]
    SANCTION_ID_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    sanction_id: str
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ..., sanction_id: _Optional[str] = ...) -> None: ...

class ReferralStep(_message.Message):
    __slots__ = ("stage", "label", "document_number", "decided_on")
    STAGE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    stage: str
    label: str
    document_number: str
    decided_on: str
    def __init__(self, stage: _Optional[str] = ..., label: _Optional[str] = ..., document_number: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class Referral(_message.Message):
    __slots__ = ("referral_id", "case_id", "case_number", "court_code", "stage", "history")
    REFERRAL_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    referral_id: str
    case_id: str
    case_number: str
    court_code: str
    stage: str
    history: _containers.RepeatedCompositeFieldContainer[ReferralStep]
    def __init__(self, referral_id: _Optional[str] = ..., case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., stage: _Optional[str] = ..., history: _Optional[_Iterable[_Union[ReferralStep, _Mapping]]] = ...) -> None: ...

class ReferRefusalRequest(_message.Message):
    __slots__ = ("case", "document_number", "decided_on")
    CASE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    document_number: str
    decided_on: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., document_number: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class ReferRefusalResponse(_message.Message):
    __slots__ = ("referral",)
    REFERRAL_FIELD_NUMBER: _ClassVar[int]
    referral: Referral
    def __init__(self, referral: _Optional[_Union[Referral, _Mapping]] = ...) -> None: ...

class AdvanceReferralRequest(_message.Message):
    __slots__ = ("referral_id", "stage", "document_number", "decided_on")
    REFERRAL_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    referral_id: str
    stage: str
    document_number: str
    decided_on: str
    def __init__(self, referral_id: _Optional[str] = ..., stage: _Optional[str] = ..., document_number: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class AdvanceReferralResponse(_message.Message):
    __slots__ = ("referral",)
    REFERRAL_FIELD_NUMBER: _ClassVar[int]
    referral: Referral
    def __init__(self, referral: _Optional[_Union[Referral, _Mapping]] = ...) -> None: ...

class GetReferralRequest(_message.Message):
    __slots__ = ("referral_id",)
    REFERRAL_ID_FIELD_NUMBER: _ClassVar[int]
    referral_id: str
    def __init__(self, referral_id: _Optional[str] = ...) -> None: ...

class GetReferralResponse(_message.Message):
    __slots__ = ("referral",)
    REFERRAL_FIELD_NUMBER: _ClassVar[int]
    referral: Referral
    def __init__(self, referral: _Optional[_Union[Referral, _Mapping]] = ...) -> None: ...

class CloseCaseRequest(_message.Message):
    __slots__ = ("case", "closure")
    CASE_FIELD_NUMBER: _ClassVar[int]
    CLOSURE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    closure: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., closure: _Optional[str] = ...) -> None: ...

class CloseCaseResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class TransferToBankruptcyRequest(_message.Message):
    __slots__ = ("case", "consent_of")
    CASE_FIELD_NUMBER: _ClassVar[int]
    CONSENT_OF_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    consent_of: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., consent_of: _Optional[str] = ...) -> None: ...

class TransferToBankruptcyResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class DelegateCaseRequest(_message.Message):
    __slots__ = ("case", "to_court")
    CASE_FIELD_NUMBER: _ClassVar[int]
    TO_COURT_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    to_court: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., to_court: _Optional[str] = ...) -> None: ...

class DelegateCaseResponse(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: EnforcementCase
    def __init__(self, case: _Optional[_Union[EnforcementCase, _Mapping]] = ...) -> None: ...

class Receipt(_message.Message):
    __slots__ = ("reference", "source", "amount_fen", "received_on", "disburse_by", "allocation_fen", "disburse_by_provisional")
    class AllocationFenEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    DISBURSE_BY_FIELD_NUMBER: _ClassVar[int]
    ALLOCATION_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSE_BY_PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    reference: str
    source: str
    amount_fen: int
    received_on: str
    disburse_by: str
    allocation_fen: _containers.ScalarMap[str, int]
    disburse_by_provisional: bool
    def __init__(self, reference: _Optional[str] = ..., source: _Optional[str] = ..., amount_fen: _Optional[int] = ..., received_on: _Optional[str] = ..., disburse_by: _Optional[str] = ..., allocation_fen: _Optional[_Mapping[str, int]] = ..., disburse_by_provisional: _Optional[bool] = ...) -> None: ...

class Account(_message.Message):
    __slots__ = ("case_id", "case_number", "received_fen", "disbursed_fen", "balance_fen", "owed_fen", "paid_fen", "disburse_by", "unpaid_claim_fen", "relief_advanced_fen", "receipts", "disburse_by_provisional")
    class OwedFenEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class PaidFenEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    OWED_FEN_FIELD_NUMBER: _ClassVar[int]
    PAID_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSE_BY_FIELD_NUMBER: _ClassVar[int]
    UNPAID_CLAIM_FEN_FIELD_NUMBER: _ClassVar[int]
    RELIEF_ADVANCED_FEN_FIELD_NUMBER: _ClassVar[int]
    RECEIPTS_FIELD_NUMBER: _ClassVar[int]
    DISBURSE_BY_PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    received_fen: int
    disbursed_fen: int
    balance_fen: int
    owed_fen: _containers.ScalarMap[str, int]
    paid_fen: _containers.ScalarMap[str, int]
    disburse_by: str
    unpaid_claim_fen: int
    relief_advanced_fen: int
    receipts: _containers.RepeatedCompositeFieldContainer[Receipt]
    disburse_by_provisional: bool
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., received_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ..., balance_fen: _Optional[int] = ..., owed_fen: _Optional[_Mapping[str, int]] = ..., paid_fen: _Optional[_Mapping[str, int]] = ..., disburse_by: _Optional[str] = ..., unpaid_claim_fen: _Optional[int] = ..., relief_advanced_fen: _Optional[int] = ..., receipts: _Optional[_Iterable[_Union[Receipt, _Mapping]]] = ..., disburse_by_provisional: _Optional[bool] = ...) -> None: ...

class RecordPaymentRequest(_message.Message):
    __slots__ = ("case", "reference", "amount_fen", "source", "received_on")
    CASE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    reference: str
    amount_fen: int
    source: str
    received_on: str
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., reference: _Optional[str] = ..., amount_fen: _Optional[int] = ..., source: _Optional[str] = ..., received_on: _Optional[str] = ...) -> None: ...

class RecordPaymentResponse(_message.Message):
    __slots__ = ("account",)
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    account: Account
    def __init__(self, account: _Optional[_Union[Account, _Mapping]] = ...) -> None: ...

class DisburseRequest(_message.Message):
    __slots__ = ("case", "reference", "payee", "amount_fen")
    CASE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    PAYEE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    reference: str
    payee: str
    amount_fen: int
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ..., reference: _Optional[str] = ..., payee: _Optional[str] = ..., amount_fen: _Optional[int] = ...) -> None: ...

class DisburseResponse(_message.Message):
    __slots__ = ("account",)
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    account: Account
    def __init__(self, account: _Optional[_Union[Account, _Mapping]] = ...) -> None: ...

class GetAccountRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class GetAccountResponse(_message.Message):
    __slots__ = ("account",)
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    account: Account
    def __init__(self, account: _Optional[_Union[Account, _Mapping]] = ...) -> None: ...

class TimelineEntry(_message.Message):
    __slots__ = ("at", "act", "label", "details")
    class DetailsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    AT_FIELD_NUMBER: _ClassVar[int]
    ACT_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    at: str
    act: str
    label: str
    details: _containers.ScalarMap[str, str]
    def __init__(self, at: _Optional[str] = ..., act: _Optional[str] = ..., label: _Optional[str] = ..., details: _Optional[_Mapping[str, str]] = ...) -> None: ...

class GetTimelineRequest(_message.Message):
    __slots__ = ("case",)
    CASE_FIELD_NUMBER: _ClassVar[int]
    case: CaseRef
    def __init__(self, case: _Optional[_Union[CaseRef, _Mapping]] = ...) -> None: ...

class GetTimelineResponse(_message.Message):
    __slots__ = ("entries",)
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[TimelineEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[TimelineEntry, _Mapping]]] = ...) -> None: ...

class CaseSummary(_message.Message):
    __slots__ = ("case_id", "case_number", "court_code", "case_type", "status", "status_label", "closure", "team", "lead_officer", "filed_on", "claim_total_fen", "received_fen", "next_due", "next_due_provisional")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    CASE_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    CLOSURE_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    LEAD_OFFICER_FIELD_NUMBER: _ClassVar[int]
    FILED_ON_FIELD_NUMBER: _ClassVar[int]
    CLAIM_TOTAL_FEN_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_FEN_FIELD_NUMBER: _ClassVar[int]
    NEXT_DUE_FIELD_NUMBER: _ClassVar[int]
    NEXT_DUE_PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    court_code: str
    case_type: str
    status: str
    status_label: str
    closure: str
    team: str
    lead_officer: str
    filed_on: str
    claim_total_fen: int
    received_fen: int
    next_due: str
    next_due_provisional: bool
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., case_type: _Optional[str] = ..., status: _Optional[str] = ..., status_label: _Optional[str] = ..., closure: _Optional[str] = ..., team: _Optional[str] = ..., lead_officer: _Optional[str] = ..., filed_on: _Optional[str] = ..., claim_total_fen: _Optional[int] = ..., received_fen: _Optional[int] = ..., next_due: _Optional[str] = ..., next_due_provisional: _Optional[bool] = ...) -> None: ...

class ListCasesRequest(_message.Message):
    __slots__ = ("court_code", "status", "team", "lead_officer", "case_type", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    LEAD_OFFICER_FIELD_NUMBER: _ClassVar[int]
    CASE_TYPE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    status: str
    team: str
    lead_officer: str
    case_type: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., status: _Optional[str] = ..., team: _Optional[str] = ..., lead_officer: _Optional[str] = ..., case_type: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListCasesResponse(_message.Message):
    __slots__ = ("cases", "next_page_token")
    CASES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    cases: _containers.RepeatedCompositeFieldContainer[CaseSummary]
    next_page_token: str
    def __init__(self, cases: _Optional[_Iterable[_Union[CaseSummary, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class WorkItem(_message.Message):
    __slots__ = ("case_number", "case_id", "node", "label", "rule", "due_on", "overdue", "provisional", "detail")
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    NODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    case_number: str
    case_id: str
    node: str
    label: str
    rule: str
    due_on: str
    overdue: bool
    provisional: bool
    detail: str
    def __init__(self, case_number: _Optional[str] = ..., case_id: _Optional[str] = ..., node: _Optional[str] = ..., label: _Optional[str] = ..., rule: _Optional[str] = ..., due_on: _Optional[str] = ..., overdue: _Optional[bool] = ..., provisional: _Optional[bool] = ..., detail: _Optional[str] = ...) -> None: ...

class GetWorklistRequest(_message.Message):
    __slots__ = ("court_code", "lead_officer", "team", "due_within_days")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    LEAD_OFFICER_FIELD_NUMBER: _ClassVar[int]
    TEAM_FIELD_NUMBER: _ClassVar[int]
    DUE_WITHIN_DAYS_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    lead_officer: str
    team: str
    due_within_days: int
    def __init__(self, court_code: _Optional[str] = ..., lead_officer: _Optional[str] = ..., team: _Optional[str] = ..., due_within_days: _Optional[int] = ...) -> None: ...

class GetWorklistResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[WorkItem]
    def __init__(self, items: _Optional[_Iterable[_Union[WorkItem, _Mapping]]] = ...) -> None: ...
