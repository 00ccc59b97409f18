"""Credit integration events, version 1.

Published by the credit service (失信、限消) on `zhixing.credit.events.v1`: the cases
service reads decisions for the 终本 checklist (R16(2)), publicity reads publications and
removals (R6, R61). The current state of every debtor goes on the compacted
`zhixing.credit.list.v1`, keyed by identity number, for partners to mirror (R42); a
debtor with nothing in force is a tombstone there. A v1 model only gains optional fields.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from zhixing.contracts.events.base import IntegrationEvent
from zhixing.contracts.events.fields import Day, IdentityNumber
from zhixing.contracts.topics import CREDIT_EVENTS, CREDIT_LIST, PARTNER_KINDS, credit_notices


class BoundPersonV1(BaseModel):
    """One of an organisation's four categories of persons bound by its restriction (R14)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)
    role: str
    """"legal_representative" (法定代表人), "principal" (主要负责人), "directly_responsible"
    (影响债务履行的直接责任人员) or "actual_controller" (实际控制人)."""
    name: str
    """Full name (personal data: masked on public pages, R60)."""
    identity_number: IdentityNumber
    """The person's resident ID number, in full (R60: masked only in public read models)."""


class _CreditDecision(IntegrationEvent):
    topic = CREDIT_EVENTS

    case_id: str
    """The enforcement case the decision was made in."""
    court_code: str
    """The deciding court."""
    debtor_identity_number: str
    """Resident ID or unified social credit code of the debtor."""
    decided_on: str
    """Date of the decision, YYYY-MM-DD."""


class ConsumptionRestrictionIssued(_CreditDecision):
    """限制消费令 issued against a debtor (R12–R14)."""

    event_type = "cn.zhixing.credit.v1.ConsumptionRestrictionIssued"
    restriction_id: str
    """Unique id of the restriction order."""
    case_number: str = ""
    """案号 of the case."""
    basis: str = ""
    """"order" (R12 may: the notice's deadline passed) or "listing" (R12 must)."""
    reference: str = ""
    """The order's number, or the listing id for basis "listing"."""
    conduct: list[str] = Field(default_factory=list)
    """The restricted conduct, codes of R13 (e.g. "flights", "g_trains")."""
    bound_persons: int = 0
    """How many of an organisation's four categories of persons it binds (R14)."""
    debtor_name: str = ""
    """The restricted debtor's name (姓名或名称); published on the 限制消费 list (issue 17)."""
    debtor_kind: str = ""
    """"natural_person" or "organisation" (empty from publishers before issue 17)."""
    persons: list[BoundPersonV1] = Field(default_factory=list)
    """R14: the organisation's persons the order binds (四类人员), in full."""
    publish_on: str = ""
    """R10: the day the order may be published (the grace period's end), YYYY-MM-DD."""


class DebtorListed(_CreditDecision):
    """纳入失信被执行人名单 (R1–R5)."""

    event_type = "cn.zhixing.credit.v1.DebtorListed"
    listing_id: str
    """Unique id of the listing decision."""
    grounds: list[int]
    """Grounds of R1, 1–6."""
    case_number: str = ""
    """案号 of the case."""
    decision_number: str = ""
    """Number of the decision (决定书, R5)."""
    expires_on: str = ""
    """R2: last day of a fixed term, YYYY-MM-DD; "" for ground (1) alone (until removal)."""
    publish_on: str = ""
    """R10: the day the grace period ends and the listing is published."""


class ListingDeclined(_CreditDecision):
    """The court decided the debtor is not to be listed (e.g. a minor, R4, or an R3
    exclusion); the listing question is settled for 终本 (R16(2))."""

    event_type = "cn.zhixing.credit.v1.ListingDeclined"
    reason_rule: str
    """The rule that excludes listing, e.g. "R3" or "R4"."""


class _ListingEvent(IntegrationEvent):
    topic = CREDIT_EVENTS

    listing_id: str
    """The listing (one debtor in one case)."""
    court_code: str
    """The listing court."""
    debtor_identity_number: IdentityNumber
    """Resident ID or unified social credit code; full value (masking is the publicity
    read model's job, R60)."""


class ListingPublished(_ListingEvent):
    """The grace period ended (R10): the listing is public and goes to the partners (R6,
    R7). Carries the R6 fields; the publicity service masks them (R60)."""

    event_type = "cn.zhixing.credit.v1.ListingPublished"
    case_id: str
    """The enforcement case."""
    case_number: str
    """案号 of the case."""
    debtor_name: str
    """Name of the person or organisation."""
    debtor_kind: str
    """"natural_person" or "organisation"."""
    legal_representative: str = ""
    """An organisation's legal representative (R6)."""
    grounds: list[int]
    """The dishonest conduct, grounds of R1."""
    decided_on: str
    """Date of the decision, YYYY-MM-DD."""
    published_on: str
    """Date of publication, YYYY-MM-DD."""
    expires_on: str = ""
    """R2: last day of a fixed term; "" for ground (1) alone."""


class ListingRemoved(_ListingEvent):
    """删除失信信息 (R8): removed for `reason` (1–7 of R8, 0 for an expired term)."""

    event_type = "cn.zhixing.credit.v1.ListingRemoved"
    case_id: str
    """The enforcement case."""
    reason: int
    """R8 (1)–(7); 0 when a fixed term ran out."""
    triggered_on: str
    """The day of the removal event, YYYY-MM-DD."""
    remove_by: str
    """3 working days after the event (R8), YYYY-MM-DD."""
    removed_on: str
    """The day removed, YYYY-MM-DD."""
    published: bool = True
    """False when removed within its grace period (R10): it was never public, and no
    partner was told of it."""


class DebtorRepaired(_ListingEvent):
    """信用修复 (R11): the partners that received the listing are told."""

    event_type = "cn.zhixing.credit.v1.DebtorRepaired"
    repaired_on: str
    """YYYY-MM-DD."""


class ListingCorrected(_ListingEvent):
    """An upheld correction request (R9) was carried out."""

    event_type = "cn.zhixing.credit.v1.ListingCorrected"
    corrected_on: str
    """YYYY-MM-DD."""


class CorrectionOverdue(_ListingEvent):
    """R9: a correction deadline passed with its step not done — for the supervisors."""

    event_type = "cn.zhixing.credit.v1.CorrectionOverdue"
    case_number: str
    """案号 of the case."""
    steps: list[str]
    """The missed deadlines: "decide_by" (15 days to decide), "fix_by" (3 working days
    to correct), "reconsider_decide_by" (15 days for the higher court)."""
    flagged_on: str
    """The day it was noticed, YYYY-MM-DD."""


class ConsumptionRestrictionLifted(IntegrationEvent):
    """解除限制消费令 (R15)."""

    topic = CREDIT_EVENTS
    event_type = "cn.zhixing.credit.v1.ConsumptionRestrictionLifted"
    restriction_id: str
    """The restriction."""
    case_id: str
    """The enforcement case."""
    court_code: str
    """The court that issued it."""
    debtor_identity_number: str
    """Resident ID or unified social credit code of the debtor."""
    ground: str
    """"security", "applicant_consent" or "full_performance" (R15)."""
    lifted_on: str
    """YYYY-MM-DD."""


class ConsumptionRestrictionPublished(IntegrationEvent):
    """限制消费令 made public: its grace period (R10) ended, or it came with a listing (R12).
    The public 限制消费 list shows an order from this event until it is lifted (R61)."""

    event_type = "cn.zhixing.credit.v1.ConsumptionRestrictionPublished"
    topic = CREDIT_EVENTS

    restriction_id: str
    """The restriction order's id."""
    case_id: str
    """The enforcement case."""
    court_code: str
    """The deciding court."""
    debtor_identity_number: str
    """Resident ID or unified social credit code of the debtor."""
    published_on: Day
    """The day it was published, YYYY-MM-DD."""


class RestrictedPersonReleased(IntegrationEvent):
    """R15: a former legal representative released from an organisation's restriction; the
    public list stops showing that person (R61)."""

    event_type = "cn.zhixing.credit.v1.RestrictedPersonReleased"
    topic = CREDIT_EVENTS

    restriction_id: str
    """The restriction order's id."""
    case_id: str
    """The enforcement case."""
    court_code: str
    """The deciding court."""
    person_identity_number: str
    """The released person's resident ID number."""
    released_on: Day
    """The day of release, YYYY-MM-DD."""


class GoodFaithRecorded(IntegrationEvent):
    """自动履行正向激励: the debtor paid in full within the execution notice's period; the
    record may be shared with partners."""

    topic = CREDIT_EVENTS
    event_type = "cn.zhixing.credit.v1.GoodFaithRecorded"
    case_id: str
    """The enforcement case."""
    case_number: str
    """案号 of the case."""
    court_code: str
    """The court."""
    debtor_identity_number: str
    """Resident ID or unified social credit code of the debtor."""
    performed_on: Day
    """The day the case was executed in full, YYYY-MM-DD."""
    notice_deadline: str
    """The execution notice's deadline it was within, YYYY-MM-DD."""


class DebtorCreditState(IntegrationEvent):
    """The current state of one identity on the compacted list (key = identity number):
    every listing and restriction in force, over all cases and courts (R42). An
    organisation's four categories of persons appear under their own numbers (R14)."""

    topic = CREDIT_LIST
    event_type = "cn.zhixing.credit.v1.DebtorCreditState"
    identity_number: str
    """Resident ID or unified social credit code (also the Kafka key)."""
    listed: bool
    """On the published dishonest-debtor list (失信, after the grace period of R10)."""
    restricted: bool
    """Bound by a consumption restriction in force (限消, R12/R14)."""
    conduct: list[str]
    """Restricted conduct, codes of R13; empty when not restricted."""
    since: str
    """Earliest day a listing or restriction in force began, YYYY-MM-DD."""
    cases: list[str]
    """案号 of the cases behind them."""
    term_ends: str = ""
    """Last day of the listings' fixed terms; "" when a listing has none or none is in
    force."""
    as_of: str
    """The day this state was computed, YYYY-MM-DD."""

    def key(self) -> str:
        return self.identity_number


class DebtorCleared(IntegrationEvent):
    """Nothing is in force against the identity any more: a tombstone on the compacted
    list (a null value; the key, and the CloudEvent subject, is the identity number)."""

    topic = CREDIT_LIST
    event_type = "cn.zhixing.credit.v1.DebtorCleared"
    tombstone = True
    identity_number: str = ""
    """Present in embedded mode; on Kafka the value is null and the key says it."""

    def key(self) -> str:
        return self.identity_number


class PartnerNotice(IntegrationEvent):
    """One change of the list as a kind of partner is told of it (R7): listed, removed
    and repaired (R11), restricted, lifted. On `zhixing.credit.notify.v1.<partner_kind>`,
    keyed by identity number so one debtor's notices stay in order."""

    topic = "zhixing.credit.notify.v1.{partner_kind}"
    topics: ClassVar[tuple[str, ...]] = tuple(credit_notices(kind) for kind in PARTNER_KINDS)
    """The concrete topics, one per partner kind (`destination()` picks one)."""
    event_type = "cn.zhixing.credit.v1.PartnerNotice"
    partner_kind: str
    """One of R7's kinds: government, financial, administrative, industry_association,
    credit_agency."""
    notice: str
    """"listed", "removed", "repaired", "restricted", "lifted" or "good_faith"
    (paid in full within the execution notice's period: 自动履行正向激励)."""
    identity_number: str
    """Resident ID or unified social credit code of the debtor."""
    court_code: str
    """The court that decided."""
    case_number: str = ""
    """案号 of the case."""
    reference: str
    """The listing or restriction id; the case id for good faith."""
    on: str
    """The day it took effect, YYYY-MM-DD."""

    def destination(self) -> str:
        return credit_notices(self.partner_kind)

    def key(self) -> str:
        return self.identity_number
