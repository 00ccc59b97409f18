from zhixing.contracts.pb.credit.v1 import check_pb2 as _check_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DecideListingRequest(_message.Message):
    __slots__ = ("case_ref", "debtor_identity_number", "grounds", "facts", "decision_number", "decided_on", "extension_years", "grace_months", "signed_by_president", "security_covers_debt", "later_in_performance_order", "otherwise_unable", "persons")
    CASE_REF_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    GROUNDS_FIELD_NUMBER: _ClassVar[int]
    FACTS_FIELD_NUMBER: _ClassVar[int]
    DECISION_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    EXTENSION_YEARS_FIELD_NUMBER: _ClassVar[int]
    GRACE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_PRESIDENT_FIELD_NUMBER: _ClassVar[int]
    SECURITY_COVERS_DEBT_FIELD_NUMBER: _ClassVar[int]
    LATER_IN_PERFORMANCE_ORDER_FIELD_NUMBER: _ClassVar[int]
    OTHERWISE_UNABLE_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    case_ref: str
    debtor_identity_number: str
    grounds: _containers.RepeatedScalarFieldContainer[int]
    facts: str
    decision_number: str
    decided_on: str
    extension_years: int
    grace_months: int
    signed_by_president: bool
    security_covers_debt: bool
    later_in_performance_order: bool
    otherwise_unable: bool
    persons: _containers.RepeatedCompositeFieldContainer[Person]
    def __init__(self, case_ref: _Optional[str] = ..., debtor_identity_number: _Optional[str] = ..., grounds: _Optional[_Iterable[int]] = ..., facts: _Optional[str] = ..., decision_number: _Optional[str] = ..., decided_on: _Optional[str] = ..., extension_years: _Optional[int] = ..., grace_months: _Optional[int] = ..., signed_by_president: _Optional[bool] = ..., security_covers_debt: _Optional[bool] = ..., later_in_performance_order: _Optional[bool] = ..., otherwise_unable: _Optional[bool] = ..., persons: _Optional[_Iterable[_Union[Person, _Mapping]]] = ...) -> None: ...

class DeclineListingRequest(_message.Message):
    __slots__ = ("case_ref", "debtor_identity_number", "reason_rule", "reason", "decided_on")
    CASE_REF_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_RULE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    case_ref: str
    debtor_identity_number: str
    reason_rule: str
    reason: str
    decided_on: str
    def __init__(self, case_ref: _Optional[str] = ..., debtor_identity_number: _Optional[str] = ..., reason_rule: _Optional[str] = ..., reason: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class DeclineListingResponse(_message.Message):
    __slots__ = ("case_number", "debtor", "decided_on", "reason_rule")
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_RULE_FIELD_NUMBER: _ClassVar[int]
    case_number: str
    debtor: str
    decided_on: str
    reason_rule: str
    def __init__(self, case_number: _Optional[str] = ..., debtor: _Optional[str] = ..., decided_on: _Optional[str] = ..., reason_rule: _Optional[str] = ...) -> None: ...

class Listing(_message.Message):
    __slots__ = ("listing_id", "case_number", "debtor", "grounds", "decided_on", "publish_on", "published", "expires_on", "remove_by", "removed_on", "removal_reason", "correction", "remove_by_provisional")
    LISTING_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_FIELD_NUMBER: _ClassVar[int]
    GROUNDS_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_ON_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_ON_FIELD_NUMBER: _ClassVar[int]
    REMOVE_BY_FIELD_NUMBER: _ClassVar[int]
    REMOVED_ON_FIELD_NUMBER: _ClassVar[int]
    REMOVAL_REASON_FIELD_NUMBER: _ClassVar[int]
    CORRECTION_FIELD_NUMBER: _ClassVar[int]
    REMOVE_BY_PROVISIONAL_FIELD_NUMBER: _ClassVar[int]
    listing_id: str
    case_number: str
    debtor: str
    grounds: _containers.RepeatedScalarFieldContainer[int]
    decided_on: str
    publish_on: str
    published: bool
    expires_on: str
    remove_by: str
    removed_on: str
    removal_reason: int
    correction: str
    remove_by_provisional: bool
    def __init__(self, listing_id: _Optional[str] = ..., case_number: _Optional[str] = ..., debtor: _Optional[str] = ..., grounds: _Optional[_Iterable[int]] = ..., decided_on: _Optional[str] = ..., publish_on: _Optional[str] = ..., published: _Optional[bool] = ..., expires_on: _Optional[str] = ..., remove_by: _Optional[str] = ..., removed_on: _Optional[str] = ..., removal_reason: _Optional[int] = ..., correction: _Optional[str] = ..., remove_by_provisional: _Optional[bool] = ...) -> None: ...

class RemoveListingRequest(_message.Message):
    __slots__ = ("listing_id", "reason", "triggered_on")
    LISTING_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TRIGGERED_ON_FIELD_NUMBER: _ClassVar[int]
    listing_id: str
    reason: int
    triggered_on: str
    def __init__(self, listing_id: _Optional[str] = ..., reason: _Optional[int] = ..., triggered_on: _Optional[str] = ...) -> None: ...

class AdvanceCorrectionRequest(_message.Message):
    __slots__ = ("listing_id", "step", "upheld", "on", "remove")
    LISTING_ID_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    UPHELD_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    REMOVE_FIELD_NUMBER: _ClassVar[int]
    listing_id: str
    step: str
    upheld: bool
    on: str
    remove: bool
    def __init__(self, listing_id: _Optional[str] = ..., step: _Optional[str] = ..., upheld: _Optional[bool] = ..., on: _Optional[str] = ..., remove: _Optional[bool] = ...) -> None: ...

class Person(_message.Message):
    __slots__ = ("role", "name", "identity_number")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    role: str
    name: str
    identity_number: str
    def __init__(self, role: _Optional[str] = ..., name: _Optional[str] = ..., identity_number: _Optional[str] = ...) -> None: ...

class OrderRestrictionRequest(_message.Message):
    __slots__ = ("case_ref", "debtor_identity_number", "order_number", "issued_on", "persons")
    CASE_REF_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ORDER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    case_ref: str
    debtor_identity_number: str
    order_number: str
    issued_on: str
    persons: _containers.RepeatedCompositeFieldContainer[Person]
    def __init__(self, case_ref: _Optional[str] = ..., debtor_identity_number: _Optional[str] = ..., order_number: _Optional[str] = ..., issued_on: _Optional[str] = ..., persons: _Optional[_Iterable[_Union[Person, _Mapping]]] = ...) -> None: ...

class Restriction(_message.Message):
    __slots__ = ("restriction_id", "case_number", "debtor", "basis", "issued_on", "lifted_on", "lift_ground", "persons")
    RESTRICTION_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    LIFTED_ON_FIELD_NUMBER: _ClassVar[int]
    LIFT_GROUND_FIELD_NUMBER: _ClassVar[int]
    PERSONS_FIELD_NUMBER: _ClassVar[int]
    restriction_id: str
    case_number: str
    debtor: str
    basis: str
    issued_on: str
    lifted_on: str
    lift_ground: str
    persons: _containers.RepeatedCompositeFieldContainer[Person]
    def __init__(self, restriction_id: _Optional[str] = ..., case_number: _Optional[str] = ..., debtor: _Optional[str] = ..., basis: _Optional[str] = ..., issued_on: _Optional[str] = ..., lifted_on: _Optional[str] = ..., lift_ground: _Optional[str] = ..., persons: _Optional[_Iterable[_Union[Person, _Mapping]]] = ...) -> None: ...

class LiftRestrictionRequest(_message.Message):
    __slots__ = ("restriction_id", "ground", "reference", "lifted_on")
    RESTRICTION_ID_FIELD_NUMBER: _ClassVar[int]
    GROUND_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    LIFTED_ON_FIELD_NUMBER: _ClassVar[int]
    restriction_id: str
    ground: str
    reference: str
    lifted_on: str
    def __init__(self, restriction_id: _Optional[str] = ..., ground: _Optional[str] = ..., reference: _Optional[str] = ..., lifted_on: _Optional[str] = ...) -> None: ...

class ReleasePersonRequest(_message.Message):
    __slots__ = ("restriction_id", "identity_number", "evidence", "released_on")
    RESTRICTION_ID_FIELD_NUMBER: _ClassVar[int]
    IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    RELEASED_ON_FIELD_NUMBER: _ClassVar[int]
    restriction_id: str
    identity_number: str
    evidence: str
    released_on: str
    def __init__(self, restriction_id: _Optional[str] = ..., identity_number: _Optional[str] = ..., evidence: _Optional[str] = ..., released_on: _Optional[str] = ...) -> None: ...

class ListCandidatesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Candidate(_message.Message):
    __slots__ = ("case_id", "case_number", "debtor", "ground", "because", "on")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DEBTOR_FIELD_NUMBER: _ClassVar[int]
    GROUND_FIELD_NUMBER: _ClassVar[int]
    BECAUSE_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    case_number: str
    debtor: str
    ground: int
    because: str
    on: str
    def __init__(self, case_id: _Optional[str] = ..., case_number: _Optional[str] = ..., debtor: _Optional[str] = ..., ground: _Optional[int] = ..., because: _Optional[str] = ..., on: _Optional[str] = ...) -> None: ...

class ListCandidatesResponse(_message.Message):
    __slots__ = ("candidates",)
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedCompositeFieldContainer[Candidate]
    def __init__(self, candidates: _Optional[_Iterable[_Union[Candidate, _Mapping]]] = ...) -> None: ...

class GetDebtorRecordRequest(_message.Message):
    __slots__ = ("identity_number",)
    IDENTITY_NUMBER_FIELD_NUMBER: _ClassVar[int]
    identity_number: str
    def __init__(self, identity_number: _Optional[str] = ...) -> None: ...

class PartnerAction(_message.Message):
    __slots__ = ("partner", "action", "conduct", "occurred_at", "detail")
    PARTNER_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    CONDUCT_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    partner: str
    action: str
    conduct: str
    occurred_at: str
    detail: str
    def __init__(self, partner: _Optional[str] = ..., action: _Optional[str] = ..., conduct: _Optional[str] = ..., occurred_at: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class GetDebtorRecordResponse(_message.Message):
    __slots__ = ("state", "listings", "restrictions", "actions", "good_faith_cases")
    STATE_FIELD_NUMBER: _ClassVar[int]
    LISTINGS_FIELD_NUMBER: _ClassVar[int]
    RESTRICTIONS_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    GOOD_FAITH_CASES_FIELD_NUMBER: _ClassVar[int]
    state: _check_pb2.CreditState
    listings: _containers.RepeatedCompositeFieldContainer[Listing]
    restrictions: _containers.RepeatedCompositeFieldContainer[Restriction]
    actions: _containers.RepeatedCompositeFieldContainer[PartnerAction]
    good_faith_cases: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, state: _Optional[_Union[_check_pb2.CreditState, _Mapping]] = ..., listings: _Optional[_Iterable[_Union[Listing, _Mapping]]] = ..., restrictions: _Optional[_Iterable[_Union[Restriction, _Mapping]]] = ..., actions: _Optional[_Iterable[_Union[PartnerAction, _Mapping]]] = ..., good_faith_cases: _Optional[_Iterable[str]] = ...) -> None: ...

class DecideListingResponse(_message.Message):
    __slots__ = ("listing",)
    LISTING_FIELD_NUMBER: _ClassVar[int]
    listing: Listing
    def __init__(self, listing: _Optional[_Union[Listing, _Mapping]] = ...) -> None: ...

class RemoveListingResponse(_message.Message):
    __slots__ = ("listing",)
    LISTING_FIELD_NUMBER: _ClassVar[int]
    listing: Listing
    def __init__(self, listing: _Optional[_Union[Listing, _Mapping]] = ...) -> None: ...

class AdvanceCorrectionResponse(_message.Message):
    __slots__ = ("listing",)
    LISTING_FIELD_NUMBER: _ClassVar[int]
    listing: Listing
    def __init__(self, listing: _Optional[_Union[Listing, _Mapping]] = ...) -> None: ...

class OrderRestrictionResponse(_message.Message):
    __slots__ = ("restriction",)
    RESTRICTION_FIELD_NUMBER: _ClassVar[int]
    restriction: Restriction
    def __init__(self, restriction: _Optional[_Union[Restriction, _Mapping]] = ...) -> None: ...

class LiftRestrictionResponse(_message.Message):
    __slots__ = ("restriction",)
    RESTRICTION_FIELD_NUMBER: _ClassVar[int]
    restriction: Restriction
    def __init__(self, restriction: _Optional[_Union[Restriction, _Mapping]] = ...) -> None: ...

class ReleasePersonResponse(_message.Message):
    __slots__ = ("restriction",)
    RESTRICTION_FIELD_NUMBER: _ClassVar[int]
    restriction: Restriction
    def __init__(self, restriction: _Optional[_Union[Restriction, _Mapping]] = ...) -> None: ...
