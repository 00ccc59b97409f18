"""Cases integration events, version 1 (topic `zhixing.cases.events.v1`).

A v1 model only gains optional fields. Identity numbers travel in full between
services (R60: masking happens in the public read model, never here).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from zhixing.contracts.events.base import IntegrationEvent
from zhixing.contracts.events.fields import ClaimFen, Day, IdentityNumber
from zhixing.contracts.topics import CASES_EVENTS


class PartyV1(BaseModel):
    """A party to the case: applicant (申请执行人) or respondent (被执行人)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)
    role: str
    """"applicant" or "respondent"."""
    kind: str
    """"natural_person", "organisation" or "state_organ" (国家机关, flagged by the resolutions)."""
    name: str
    """Full name (personal data: never shown unmasked in public, R60)."""
    identity_number: IdentityNumber
    """Resident ID (居民身份证号码) or unified social credit code (统一社会信用代码)."""


class PartyAccessV1(BaseModel):
    """A party's access code for the parties' window (当事人查询, issue 17), as a salted
    hash only: the code itself is given once, in FileCase's answer, and stored nowhere."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)
    party_index: int
    """The party's position in `CaseFiled.parties` (0-based)."""
    role: str
    """"applicant" or "respondent"."""
    code_hash: str
    """`scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>` of the code (zhixing.kernel.access_code)."""


class CaseFiled(IntegrationEvent):
    """立案 — an enforcement case was filed and numbered (R38)."""

    event_type = "cn.zhixing.cases.v1.CaseFiled"
    topic = CASES_EVENTS

    case_id: str
    """The case aggregate's id (UUID); also the Kafka key and `ce_subject`."""
    case_number: str
    """案号, e.g. "(2026)川0104执1234号" (R38–R40)."""
    court_code: str
    """The filing court, e.g. 川0104 (R39)."""
    case_type: str
    """Case type code: 执, 执恢, 执保, 执异, 执复, 执监, 执协, 执他 (R40)."""
    filed_on: str
    """Filing date in China Standard Time, YYYY-MM-DD."""
    basis_kind: str
    """执行依据 kind: judgment, ruling, mediation, payment_order, arbitral_award, notarised_debt."""
    basis_document_number: str
    """Document number of the enforcement basis."""
    basis_issuing_body: str = ""
    """The court, arbitration commission or notary office that issued the basis (作出机构);
    published with a listing (R6)."""
    parties: list[PartyV1]
    """Applicants and respondents."""
    claim_total_fen: int
    """Principal + interest + costs to enforce, in fen (分)."""
    status: str = "filed"
    """Case status at the time of the event."""
    linked_case_id: str | None = None
    """For 执恢 the original case, for 执异/执复 the main case, for 执协 the delegating case."""
    link_kind: str | None = None
    """How this case relates to `linked_case_id`: "resumes", "objection", "review" or "assists"."""
    government_debtor: bool = False
    """True when a respondent is a state organ (国家机关); the resolutions single these out."""
    access: list[PartyAccessV1] = Field(default_factory=list)
    """Each party's access code to the parties' window, salted-hashed (issue 17)."""


class _CaseEvent(IntegrationEvent):
    """Fields every later case event carries, so consumers need no lookup."""

    topic = CASES_EVENTS

    case_id: str
    """The case aggregate's id (UUID); also the Kafka key and `ce_subject`."""
    case_number: str
    """案号 of the case (R38)."""
    court_code: str
    """The enforcing court (R39)."""


class CaseAssigned(_CaseEvent):
    """分案 — a team and lead officer now handle the case (R27: within 7 days of filing)."""

    event_type = "cn.zhixing.cases.v1.CaseAssigned"
    team: str
    """Code of the enforcement team (执行团队)."""
    lead_officer: str
    """Subject id of the lead officer (承办人)."""
    assigned_on: str
    """Date of assignment, YYYY-MM-DD."""
    lead_officer_name: str = ""
    """The lead officer's name as entered (承办人姓名), shown to the parties (issue 17)."""
    team_phone: str = ""
    """The team's office phone as entered (联系电话), shown to the parties (issue 17)."""


class ExecutionNoticeServed(_CaseEvent):
    """执行通知书 served with the property-report order and the listing-risk warning (R5, R27)."""

    event_type = "cn.zhixing.cases.v1.ExecutionNoticeServed"
    served_on: str
    """Date of service, YYYY-MM-DD."""
    property_report_due: str
    """Last day for the debtor's property report (报告财产令)."""
    listing_warning: bool
    """The notice warned of listing as a dishonest debtor (R5 requires it before listing)."""
    respondents: list[PartyV1]
    """The debtors served."""


class PropertyReportMissed(_CaseEvent):
    """The debtor did not report its property by the deadline: a candidate for listing
    ground R1(4). The credit service decides; a human signs the decision (R5)."""

    event_type = "cn.zhixing.cases.v1.PropertyReportMissed"
    due_on: str
    """The missed deadline, YYYY-MM-DD."""
    respondents: list[PartyV1]
    """The debtors who did not report."""


class PropertyReported(_CaseEvent):
    """财产报告 — the debtor reported its property."""

    event_type = "cn.zhixing.cases.v1.PropertyReported"
    reported_on: str
    """Date of the report, YYYY-MM-DD."""


class NodeOverdue(_CaseEvent):
    """A node limit (R26/R27/R28) passed with the act undone: inaction to supervise (R36)."""

    event_type = "cn.zhixing.cases.v1.NodeOverdue"
    node: str
    """The node, e.g. "assign", "notice", "leads_request", "close", "disburse:<receipt>"."""
    rule: str
    """The rule setting the limit (R26, R27 or R28)."""
    due_on: str
    """The last day that was missed, YYYY-MM-DD."""
    team: str = ""
    """The team handling the case, if assigned."""


class DeadlineExtended(_CaseEvent):
    """延长执行期限 — the president approved a longer time limit (R26)."""

    event_type = "cn.zhixing.cases.v1.DeadlineExtended"
    node: str
    """The node extended (normally "close")."""
    due_on: str
    """The new last day, YYYY-MM-DD."""
    approved_by: str
    """Subject id of the approving (vice-)president."""


class CountedDeadlineV1(BaseModel):
    """One node limit's last day as counted (R62–R64)."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)
    node: str
    """The node, e.g. "assign", "close", "verify_lead:<lead id>"."""
    due_on: str
    """The last day, YYYY-MM-DD."""
    provisional: bool
    """Counted with no official holiday schedule for its year yet (暂定, R64)."""


class DeadlinesCounted(_CaseEvent):
    """Node limits were counted provisionally (no official holiday schedule for their
    year yet), or counted again once the schedule was loaded (R64)."""

    event_type = "cn.zhixing.cases.v1.DeadlinesCounted"
    deadlines: list[CountedDeadlineV1]
    """The node limits counted, with their last days now."""
    counted_on: str
    """The day they were counted, YYYY-MM-DD."""


class MoneyReceived(_CaseEvent):
    """执行款 arrived in the case account (一案一账号, R28)."""

    event_type = "cn.zhixing.cases.v1.MoneyReceived"
    receipt_id: str
    """Unique reference of the receipt (idempotency key)."""
    source: str
    """"voluntary", "deduction" (划拨), "auction" (拍卖款) or "other"."""
    amount_fen: int
    """Amount received, in fen."""
    received_on: str
    """Date of arrival, YYYY-MM-DD."""
    disburse_by: str
    """Last day for disbursement (R28: 30 days)."""


class MoneyDisbursed(_CaseEvent):
    """执行款发放 — money paid out of the case account (R28)."""

    event_type = "cn.zhixing.cases.v1.MoneyDisbursed"
    disbursement_id: str
    """Unique reference of the disbursement."""
    payee: str
    """"costs", "relief_fund" or "applicant:<index>"."""
    amount_fen: int
    """Amount paid, in fen."""
    disbursed_on: str
    """Date of payment, YYYY-MM-DD."""
    received_total_fen: int
    """Everything received into the account so far, in fen."""
    claim_total_fen: int
    """The claim being enforced, in fen."""


class SettlementAgreed(_CaseEvent):
    """执行和解 — the parties agreed on performance by instalments."""

    event_type = "cn.zhixing.cases.v1.SettlementAgreed"
    agreed_on: str
    """Date of the agreement, YYYY-MM-DD."""
    instalments: list[dict[str, str | int]]
    """Each instalment: {"due_on": YYYY-MM-DD, "amount_fen": int}."""


class SettlementPerformed(_CaseEvent):
    """The settlement agreement was performed in full (removal trigger R8(2))."""

    event_type = "cn.zhixing.cases.v1.SettlementPerformed"
    performed_on: Day
    """Date, YYYY-MM-DD."""
    respondents: list[PartyV1]
    """The debtors concerned."""


class SettlementDefaulted(_CaseEvent):
    """The debtor failed the settlement: enforcement resumes; a candidate for listing
    ground R1(6)."""

    event_type = "cn.zhixing.cases.v1.SettlementDefaulted"
    defaulted_on: str
    """Date the default was recorded, YYYY-MM-DD."""
    respondents: list[PartyV1]
    """The debtors in default."""


class SanctionDecided(_CaseEvent):
    """罚款 or 拘留 — a compulsory measure against obstruction of enforcement."""

    event_type = "cn.zhixing.cases.v1.SanctionDecided"
    sanction_id: str
    """Unique id of the decision."""
    kind: str
    """"fine" (罚款) or "detention" (拘留)."""
    amount_fen: int = 0
    """Fine amount, in fen."""
    days: int = 0
    """Detention days."""
    document_number: str
    """The decision's document number."""
    decided_on: str
    """Date, YYYY-MM-DD."""


class RefusalReferralAdvanced(_CaseEvent):
    """拒执罪 referral (R44): one hand-off between court, police and procuratorate."""

    event_type = "cn.zhixing.cases.v1.RefusalReferralAdvanced"
    referral_id: str
    """Unique id of the referral."""
    stage: str
    """"referred", "police_filed", "police_refused", "prosecution_approved",
    "prosecution_refused" or "judged"."""
    document_number: str
    """The document of this hand-off."""
    decided_on: str
    """Date of the hand-off, YYYY-MM-DD."""


class CaseConcluded(_CaseEvent):
    """终本 — the current round of enforcement ended without disposable property
    (R16–R19). Published to the 终本案件库; re-query dates announced (R18)."""

    event_type = "cn.zhixing.cases.v1.CaseConcluded"
    concluded_on: Day
    """Date of the 终本 ruling, YYYY-MM-DD."""
    unpaid_fen: int
    """Claim not yet recovered, in fen."""
    requery_dates: list[str]
    """R18: every 6 months for 5 years; the assets service runs them."""
    respondents: list[PartyV1]
    """The debtors (restriction and listing stay in force, R19)."""


class CaseResumed(_CaseEvent):
    """恢复执行 (R18): a new 执恢 case now continues this one."""

    event_type = "cn.zhixing.cases.v1.CaseResumed"
    resumed_on: str
    """Date, YYYY-MM-DD."""
    new_case_id: str
    """The 执恢 case."""
    new_case_number: str
    """案号 of the 执恢 case."""
    reason: str
    """"applicant_request", "settlement_default" or "property_found"."""


class CaseClosed(_CaseEvent):
    """结案 — the case ended. The credit service removes listings on R8 grounds."""

    event_type = "cn.zhixing.cases.v1.CaseClosed"
    closure: str
    """"executed_in_full" (执行完毕), "terminated" (终结执行), "not_enforced" (不予执行),
    "rejected" (驳回申请), "withdrawn" (撤回申请), "bankruptcy" (移送破产, R45) or
    "delegated" (委托执行)."""
    closed_on: Day
    """Date, YYYY-MM-DD."""
    recovered_fen: int
    """Money received in this case, in fen."""
    respondents: list[PartyV1]
    """The debtors concerned."""
    linked_case_id: str | None = None
    """For a 执协 case, the delegating case its result flows back to."""


class CaseDelegated(_CaseEvent):
    """委托执行 — another court is asked to enforce; it opens a 执协 case."""

    event_type = "cn.zhixing.cases.v1.CaseDelegated"
    to_court: str
    """The receiving court (R39)."""
    delegated_on: str
    """Date, YYYY-MM-DD."""
    basis_kind: str
    """Enforcement basis kind."""
    basis_document_number: str
    """Enforcement basis document number."""
    basis_issuing_body: str = ""
    """Issuing body of the enforcement basis."""
    basis_effective_date: str = ""
    """Effective date of the enforcement basis."""
    parties: list[PartyV1]
    """Applicants and respondents."""
    claim_fen: ClaimFen
    """{"principal_fen", "interest_fen", "costs_fen"} still to enforce."""



class PartyMessageAnswered(_CaseEvent):
    """The case's team answered a party's message (当事人留言, issue 17); the party reads the
    answer in the parties' window."""

    event_type = "cn.zhixing.cases.v1.PartyMessageAnswered"
    message_id: str
    """The message's id, as publicity's `PartyMessageLeft` carried it."""
    answer: str
    """The team's answer (shown to that party only)."""
    answered_on: Day
    """The day it was answered, YYYY-MM-DD."""


class PartyMessageReceived(_CaseEvent):
    """A party's message (当事人留言, issue 17) reached the case's team: it is on the
    worklist until answered by `due_on` — a local practice (the policy table's
    `node_limits.party_message_working_days`), not a statutory limit. Neither the text nor
    who wrote it by name travels here: publicity's `PartyMessageLeft` carried the text."""

    event_type = "cn.zhixing.cases.v1.PartyMessageReceived"
    message_id: str
    """The message's id, as publicity's `PartyMessageLeft` carried it."""
    party_role: str
    """"applicant" or "respondent"."""
    due_on: Day
    """The day to answer by, YYYY-MM-DD (local practice)."""
    provisional: bool = False
    """Counted with no official holiday schedule for its year (R64)."""
