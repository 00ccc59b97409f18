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
    __slots__ = ("listing_id", "debtor_kind", "name", "sex", "age", "identity", "legal_representative", "conduct", "case_number", "court_code", "court_name", "filed_on", "case_status_label", "decided_on", "published_on", "basis_document_number", "basis_issuing_body", "obligation", "performance")
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
    BASIS_DOCUMENT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    BASIS_ISSUING_BODY_FIELD_NUMBER: _ClassVar[int]
    OBLIGATION_FIELD_NUMBER: _ClassVar[int]
    PERFORMANCE_FIELD_NUMBER: _ClassVar[int]
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
    basis_document_number: str
    basis_issuing_body: str
    obligation: str
    performance: str
    def __init__(self, listing_id: _Optional[str] = ..., debtor_kind: _Optional[str] = ..., name: _Optional[str] = ..., sex: _Optional[str] = ..., age: _Optional[int] = ..., identity: _Optional[str] = ..., legal_representative: _Optional[str] = ..., conduct: _Optional[_Iterable[str]] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., court_name: _Optional[str] = ..., filed_on: _Optional[str] = ..., case_status_label: _Optional[str] = ..., decided_on: _Optional[str] = ..., published_on: _Optional[str] = ..., basis_document_number: _Optional[str] = ..., basis_issuing_body: _Optional[str] = ..., obligation: _Optional[str] = ..., performance: _Optional[str] = ...) -> None: ...

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

class SearchDebtorRequest(_message.Message):
    __slots__ = ("name", "identity_number")
    NAME_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    name: str
    identity_number: str
    def __init__(self, name: _Optional[str] = ..., identity_number: _Optional[str] = ...) -> None: ...

class SearchDebtorResponse(_message.Message):
    __slots__ = ("dishonest", "restricted", "zhongben", "in_progress", "identity")
    DISHONEST_FIELD_NUMBER: _ClassVar[int]
    RESTRICTED_FIELD_NUMBER: _ClassVar[int]
    ZHONGBEN_FIELD_NUMBER: _ClassVar[int]
    IN_PROGRESS_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_FIELD_NUMBER: _ClassVar[int]
    dishonest: _containers.RepeatedCompositeFieldContainer[DishonestEntry]
    restricted: _containers.RepeatedCompositeFieldContainer[RestrictedEntry]
    zhongben: _containers.RepeatedCompositeFieldContainer[ZhongbenEntry]
    in_progress: _containers.RepeatedCompositeFieldContainer[CaseProgress]
    identity: str
    def __init__(self, dishonest: _Optional[_Iterable[_Union[DishonestEntry, _Mapping]]] = ..., restricted: _Optional[_Iterable[_Union[RestrictedEntry, _Mapping]]] = ..., zhongben: _Optional[_Iterable[_Union[ZhongbenEntry, _Mapping]]] = ..., in_progress: _Optional[_Iterable[_Union[CaseProgress, _Mapping]]] = ..., identity: _Optional[str] = ...) -> None: ...

class RestrictedPerson(_message.Message):
    __slots__ = ("role", "role_label", "name", "identity")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ROLE_LABEL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_FIELD_NUMBER: _ClassVar[int]
    role: str
    role_label: str
    name: str
    identity: str
    def __init__(self, role: _Optional[str] = ..., role_label: _Optional[str] = ..., name: _Optional[str] = ..., identity: _Optional[str] = ...) -> None: ...

class RestrictedEntry(_message.Message):
    __slots__ = ("restriction_id", "debtor_kind", "name", "identity", "persons", "conduct", "case_number", "court_code", "court_name", "decided_on", "published_on")
    RESTRICTION_ID_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    COURT_NAME_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    restriction_id: str
    debtor_kind: str
    name: str
    identity: str
    persons: _containers.RepeatedCompositeFieldContainer[RestrictedPerson]
    conduct: _containers.RepeatedScalarFieldContainer[str]
    case_number: str
    court_code: str
    court_name: str
    decided_on: str
    published_on: str
    def __init__(self, restriction_id: _Optional[str] = ..., debtor_kind: _Optional[str] = ..., name: _Optional[str] = ..., identity: _Optional[str] = ..., persons: _Optional[_Iterable[_Union[RestrictedPerson, _Mapping]]] = ..., conduct: _Optional[_Iterable[str]] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., court_name: _Optional[str] = ..., decided_on: _Optional[str] = ..., published_on: _Optional[str] = ...) -> None: ...

class ListRestrictedRequest(_message.Message):
    __slots__ = ("court_code", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRestrictedResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[RestrictedEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[RestrictedEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PublicDebtor(_message.Message):
    __slots__ = ("name", "identity")
    NAME_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_FIELD_NUMBER: _ClassVar[int]
    name: str
    identity: str
    def __init__(self, name: _Optional[str] = ..., identity: _Optional[str] = ...) -> None: ...

class ZhongbenEntry(_message.Message):
    __slots__ = ("case_number", "court_code", "court_name", "concluded_on", "unpaid_fen", "debtors")
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    COURT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONCLUDED_ON_FIELD_NUMBER: _ClassVar[int]
    UNPAID_FEN_FIELD_NUMBER: _ClassVar[int]
    DEBTORS_FIELD_NUMBER: _ClassVar[int]
    case_number: str
    court_code: str
    court_name: str
    concluded_on: str
    unpaid_fen: int
    debtors: _containers.RepeatedCompositeFieldContainer[PublicDebtor]
    def __init__(self, case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., court_name: _Optional[str] = ..., concluded_on: _Optional[str] = ..., unpaid_fen: _Optional[int] = ..., debtors: _Optional[_Iterable[_Union[PublicDebtor, _Mapping]]] = ...) -> None: ...

class ListZhongbenRequest(_message.Message):
    __slots__ = ("court_code", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListZhongbenResponse(_message.Message):
    __slots__ = ("entries", "next_page_token")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[ZhongbenEntry]
    next_page_token: str
    def __init__(self, entries: _Optional[_Iterable[_Union[ZhongbenEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetPublicStatisticsRequest(_message.Message):
    __slots__ = ("court_code",)
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    def __init__(self, court_code: _Optional[str] = ...) -> None: ...

class PublicFigures(_message.Message):
    __slots__ = ("scope", "name", "listed_now", "removed_total", "restricted_now", "zhongben_now", "closed_total", "filed_total")
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LISTED_NOW_FIELD_NUMBER: _ClassVar[int]
    REMOVED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    RESTRICTED_NOW_FIELD_NUMBER: _ClassVar[int]
    ZHONGBEN_NOW_FIELD_NUMBER: _ClassVar[int]
    CLOSED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    FILED_TOTAL_FIELD_NUMBER: _ClassVar[int]
    scope: str
    name: str
    listed_now: int
    removed_total: int
    restricted_now: int
    zhongben_now: int
    closed_total: int
    filed_total: int
    def __init__(self, scope: _Optional[str] = ..., name: _Optional[str] = ..., listed_now: _Optional[int] = ..., removed_total: _Optional[int] = ..., restricted_now: _Optional[int] = ..., zhongben_now: _Optional[int] = ..., closed_total: _Optional[int] = ..., filed_total: _Optional[int] = ...) -> None: ...

class GetPublicStatisticsResponse(_message.Message):
    __slots__ = ("courts", "regions")
    COURTS_FIELD_NUMBER: _ClassVar[int]
    REGIONS_FIELD_NUMBER: _ClassVar[int]
    courts: _containers.RepeatedCompositeFieldContainer[PublicFigures]
    regions: _containers.RepeatedCompositeFieldContainer[PublicFigures]
    def __init__(self, courts: _Optional[_Iterable[_Union[PublicFigures, _Mapping]]] = ..., regions: _Optional[_Iterable[_Union[PublicFigures, _Mapping]]] = ...) -> None: ...

class TypicalCase(_message.Message):
    __slots__ = ("typical_case_id", "title", "court_code", "court_name", "summary", "body", "published_on", "case_number")
    TYPICAL_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    COURT_NAME_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    typical_case_id: str
    title: str
    court_code: str
    court_name: str
    summary: str
    body: str
    published_on: str
    case_number: str
    def __init__(self, typical_case_id: _Optional[str] = ..., title: _Optional[str] = ..., court_code: _Optional[str] = ..., court_name: _Optional[str] = ..., summary: _Optional[str] = ..., body: _Optional[str] = ..., published_on: _Optional[str] = ..., case_number: _Optional[str] = ...) -> None: ...

class ListTypicalCasesRequest(_message.Message):
    __slots__ = ("court_code", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListTypicalCasesResponse(_message.Message):
    __slots__ = ("cases", "next_page_token")
    CASES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    cases: _containers.RepeatedCompositeFieldContainer[TypicalCase]
    next_page_token: str
    def __init__(self, cases: _Optional[_Iterable[_Union[TypicalCase, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetTypicalCaseRequest(_message.Message):
    __slots__ = ("typical_case_id",)
    TYPICAL_CASE_ID_FIELD_NUMBER: _ClassVar[int]
    typical_case_id: str
    def __init__(self, typical_case_id: _Optional[str] = ...) -> None: ...

class GetTypicalCaseResponse(_message.Message):
    __slots__ = ("typical_case",)
    TYPICAL_CASE_FIELD_NUMBER: _ClassVar[int]
    typical_case: TypicalCase
    def __init__(self, typical_case: _Optional[_Union[TypicalCase, _Mapping]] = ...) -> None: ...

class RewardNotice(_message.Message):
    __slots__ = ("notice_id", "case_number", "court_code", "court_name", "debtor_name", "debtor_identity", "owed_fen", "reward", "text", "posted_on", "valid_until")
    NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    COURT_NAME_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_IDENTITY_FIELD_NUMBER: _ClassVar[int]
    OWED_FEN_FIELD_NUMBER: _ClassVar[int]
    REWARD_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    POSTED_ON_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    notice_id: str
    case_number: str
    court_code: str
    court_name: str
    debtor_name: str
    debtor_identity: str
    owed_fen: int
    reward: str
    text: str
    posted_on: str
    valid_until: str
    def __init__(self, notice_id: _Optional[str] = ..., case_number: _Optional[str] = ..., court_code: _Optional[str] = ..., court_name: _Optional[str] = ..., debtor_name: _Optional[str] = ..., debtor_identity: _Optional[str] = ..., owed_fen: _Optional[int] = ..., reward: _Optional[str] = ..., text: _Optional[str] = ..., posted_on: _Optional[str] = ..., valid_until: _Optional[str] = ...) -> None: ...

class ListRewardNoticesRequest(_message.Message):
    __slots__ = ("court_code", "page_size", "page_token")
    COURT_CODE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    court_code: str
    page_size: int
    page_token: str
    def __init__(self, court_code: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListRewardNoticesResponse(_message.Message):
    __slots__ = ("notices", "next_page_token")
    NOTICES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    notices: _containers.RepeatedCompositeFieldContainer[RewardNotice]
    next_page_token: str
    def __init__(self, notices: _Optional[_Iterable[_Union[RewardNotice, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ReportLeadRequest(_message.Message):
    __slots__ = ("source", "source_id", "property_kind", "text", "contact")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    PROPERTY_KIND_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    CONTACT_FIELD_NUMBER: _ClassVar[int]
    source: str
    source_id: str
    property_kind: str
    text: str
    contact: str
    def __init__(self, source: _Optional[str] = ..., source_id: _Optional[str] = ..., property_kind: _Optional[str] = ..., text: _Optional[str] = ..., contact: _Optional[str] = ...) -> None: ...

class ReportLeadResponse(_message.Message):
    __slots__ = ("reference", "reported_on")
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    REPORTED_ON_FIELD_NUMBER: _ClassVar[int]
    reference: str
    reported_on: str
    def __init__(self, reference: _Optional[str] = ..., reported_on: _Optional[str] = ...) -> None: ...

class GetLeadStatusRequest(_message.Message):
    __slots__ = ("reference",)
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    reference: str
    def __init__(self, reference: _Optional[str] = ...) -> None: ...

class GetLeadStatusResponse(_message.Message):
    __slots__ = ("reference", "status", "status_label", "outcome", "outcome_label", "reported_on", "verify_by", "verified_on")
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_LABEL_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_LABEL_FIELD_NUMBER: _ClassVar[int]
    REPORTED_ON_FIELD_NUMBER: _ClassVar[int]
    VERIFY_BY_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_ON_FIELD_NUMBER: _ClassVar[int]
    reference: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    reported_on: str
    verify_by: str
    verified_on: str
    def __init__(self, reference: _Optional[str] = ..., status: _Optional[str] = ..., status_label: _Optional[str] = ..., outcome: _Optional[str] = ..., outcome_label: _Optional[str] = ..., reported_on: _Optional[str] = ..., verify_by: _Optional[str] = ..., verified_on: _Optional[str] = ...) -> None: ...

class OpenPartyCaseRequest(_message.Message):
    __slots__ = ("case_number", "access_code")
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ACCESS_CODE_FIELD_NUMBER: _ClassVar[int]
    case_number: str
    access_code: str
    def __init__(self, case_number: _Optional[str] = ..., access_code: _Optional[str] = ...) -> None: ...

class PartyTimelineEntry(_message.Message):
    __slots__ = ("on", "kind", "label", "detail", "amount_fen")
    ON_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    on: str
    kind: str
    label: str
    detail: str
    amount_fen: int
    def __init__(self, on: _Optional[str] = ..., kind: _Optional[str] = ..., label: _Optional[str] = ..., detail: _Optional[str] = ..., amount_fen: _Optional[int] = ...) -> None: ...

class PartyDeadline(_message.Message):
    __slots__ = ("node", "label", "rule", "due_on")
    NODE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    node: str
    label: str
    rule: str
    due_on: str
    def __init__(self, node: _Optional[str] = ..., label: _Optional[str] = ..., rule: _Optional[str] = ..., due_on: _Optional[str] = ...) -> None: ...

class PartyMessage(_message.Message):
    __slots__ = ("message_id", "party_role", "text", "left_at", "answer", "answered_on")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    PARTY_ROLE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LEFT_AT_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    ANSWERED_ON_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    party_role: str
    text: str
    left_at: str
    answer: str
    answered_on: str
    def __init__(self, message_id: _Optional[str] = ..., party_role: _Optional[str] = ..., text: _Optional[str] = ..., left_at: _Optional[str] = ..., answer: _Optional[str] = ..., answered_on: _Optional[str] = ...) -> None: ...

class OpenPartyCaseResponse(_message.Message):
    __slots__ = ("progress", "party_role", "timeline", "deadlines", "messages")
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    PARTY_ROLE_FIELD_NUMBER: _ClassVar[int]
    TIMELINE_FIELD_NUMBER: _ClassVar[int]
    DEADLINES_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    progress: CaseProgress
    party_role: str
    timeline: _containers.RepeatedCompositeFieldContainer[PartyTimelineEntry]
    deadlines: _containers.RepeatedCompositeFieldContainer[PartyDeadline]
    messages: _containers.RepeatedCompositeFieldContainer[PartyMessage]
    def __init__(self, progress: _Optional[_Union[CaseProgress, _Mapping]] = ..., party_role: _Optional[str] = ..., timeline: _Optional[_Iterable[_Union[PartyTimelineEntry, _Mapping]]] = ..., deadlines: _Optional[_Iterable[_Union[PartyDeadline, _Mapping]]] = ..., messages: _Optional[_Iterable[_Union[PartyMessage, _Mapping]]] = ...) -> None: ...

class LeaveMessageRequest(_message.Message):
    __slots__ = ("case_number", "access_code", "text")
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ACCESS_CODE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    case_number: str
    access_code: str
    text: str
    def __init__(self, case_number: _Optional[str] = ..., access_code: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class LeaveMessageResponse(_message.Message):
    __slots__ = ("message_id", "left_at")
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    LEFT_AT_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    left_at: str
    def __init__(self, message_id: _Optional[str] = ..., left_at: _Optional[str] = ...) -> None: ...
