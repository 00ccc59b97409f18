"""Assets integration events, version 1 (topic `zhixing.assets.events.v1`).

Published by the assets service (网络执行查控); the cases service reads them for the
终本 checklist (R16(3)) and the case account (R28). A v1 model only gains optional fields.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from zhixing.contracts.agencies import AGENCY_KINDS
from zhixing.contracts.events.base import IntegrationEvent
from zhixing.contracts.events.fields import Day
from zhixing.contracts.topics import ASSETS_EVENTS, ASSETS_REPLIES, assets_requests


class NetworkInquiryCompleted(IntegrationEvent):
    """网络查控 — every agency kind answered (or was reported overdue) for one debtor."""

    event_type = "cn.zhixing.assets.v1.NetworkInquiryCompleted"
    topic = ASSETS_EVENTS

    inquiry_id: str
    """Unique id of the inquiry."""
    case_id: str
    """The enforcement case the inquiry serves."""
    court_code: str
    """The enforcing court."""
    debtor_identity_number: str
    """Resident ID or unified social credit code of the debtor queried."""
    completed_on: Day
    """Date, YYYY-MM-DD."""
    agency_kinds: list[str]
    """Agency kinds that answered, e.g. "bank_deposit", "vehicle", "real_estate", "securities"."""
    disposable_property_found: bool
    """True when property that can be disposed of was found."""
    requery: bool = False
    """True for an R18 re-query after 终本."""
    overdue_agency_ids: list[str] = Field(default_factory=list)
    """Agencies that never answered (reported overdue); their kinds are not in
    `agency_kinds`."""
    revision: int = 0
    """0 for the first result. An overdue agency's late answer publishes the result
    again, revised, with the next revision: property found late is still property."""


class FundsDeducted(IntegrationEvent):
    """划拨 — an agency transferred the debtor's money to the case account (R28)."""

    event_type = "cn.zhixing.assets.v1.FundsDeducted"
    topic = ASSETS_EVENTS

    measure_id: str
    """The deduction measure (idempotency key of the receipt)."""
    case_id: str
    """The case whose account receives the money."""
    court_code: str
    """The enforcing court."""
    amount_fen: int
    """Amount transferred, in fen."""
    deducted_on: Day
    """Date, YYYY-MM-DD."""


class AuctionProceedsPaid(IntegrationEvent):
    """拍卖款 — proceeds of a disposal paid to the case account (R50)."""

    event_type = "cn.zhixing.assets.v1.AuctionProceedsPaid"
    topic = ASSETS_EVENTS

    disposal_id: str
    """The disposal (idempotency key of the receipt)."""
    case_id: str
    """The case whose account receives the money."""
    court_code: str
    """The enforcing court."""
    amount_fen: int
    """Amount paid, in fen."""
    paid_on: Day
    """Date, YYYY-MM-DD."""


# ---- The agency channel: requests on `zhixing.assets.requests.v1.<kind>`, answers on
# ---- `zhixing.assets.replies.v1` (R41). Agencies integrate through these or through
# ---- the gRPC AgencyGatewayService, which carries the same fields.


class AgencyRequest(IntegrationEvent):
    """协助查询请求 — one question to one assisting agency. A retry carries the same
    `request_id` (the idempotency key) and a higher `attempt`; answer it once."""

    event_type = "cn.zhixing.assets.v1.AgencyRequest"
    topic = "zhixing.assets.requests.v1.{agency_kind}"
    topics: ClassVar[tuple[str, ...]] = tuple(assets_requests(kind) for kind in AGENCY_KINDS)
    """The concrete topics, one per agency kind (`destination()` picks one)."""

    request_id: str
    """Idempotency key: the same on every attempt; an answer quotes it."""
    agency_id: str
    """The agency addressed (e.g. "bank.icbc"); no other agency may answer it."""
    agency_kind: str
    """One of `zhixing.contracts.agencies.AGENCY_KINDS`; names the topic."""
    action: str
    """"query" for a network inquiry (other actions of `ACTIONS` are reserved)."""
    inquiry_id: str
    """The inquiry the request belongs to."""
    case_number: str
    """案号 the request is made under (R46: every retrieval states why)."""
    court_code: str
    """The requesting court."""
    debtor_identity_number: str
    """Resident ID or unified social credit code of the debtor."""
    debtor_name: str
    """The debtor's name as filed."""
    reply_by: str
    """Deadline for the answer, ISO 8601 with offset (China Standard Time)."""
    attempt: int = 1
    """1 for the first sending, then 2, 3 … for retries."""

    def destination(self) -> str:
        return assets_requests(self.agency_kind)


class HoldingV1(BaseModel):
    """One item of the debtor's property an agency holds or registers."""

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)
    asset_kind: str
    """"deposit", "payment_account", "securities", "insurance_policy", "provident_fund",
    "real_property", "vehicle", "equity", "tax_refund", "pension", … (free text allowed)."""
    reference: str
    """Account number, registration or certificate number at the agency (personal data)."""
    description: str
    """What it is, e.g. "活期存款" or "小型轿车"; identifiers belong in `reference` only."""
    value_fen: int = 0
    """Balance or estimated value in fen; 0 when unknown."""
    disposable: bool = True
    """False when the agency knows it cannot be disposed of (e.g. already fully pledged)."""


class AgencyAnswered(IntegrationEvent):
    """协助查询反馈 — an agency's answer to one request."""

    event_type = "cn.zhixing.assets.v1.AgencyAnswered"
    topic = ASSETS_REPLIES

    request_id: str
    """The request answered (its idempotency key)."""
    agency_id: str
    """The answering agency; must be the one the request addressed."""
    answered_at: str
    """ISO 8601 with offset."""
    outcome: str
    """"found", "nothing" or "error" (the agency could not answer now: it is asked again)."""
    holdings: list[HoldingV1] = Field(default_factory=list)
    """What was found (outcome "found")."""
    error: str = ""
    """Why the agency could not answer (outcome "error"); never personal data."""
    attempt: int = 0
    """The request's `attempt` this answers (0: not said). An "error" for an attempt
    already superseded, or already reported, changes nothing."""


# ---- Inquiry results (topic `zhixing.assets.events.v1`).


class NetworkInquiryStarted(IntegrationEvent):
    """网络查控发起 — an inquiry about one debtor was sent to every agency."""

    event_type = "cn.zhixing.assets.v1.NetworkInquiryStarted"
    topic = ASSETS_EVENTS

    inquiry_id: str
    """Unique id of the inquiry."""
    case_id: str
    """The enforcement case the inquiry serves."""
    court_code: str
    """The enforcing court."""
    debtor_identity_number: str
    """Resident ID or unified social credit code of the debtor."""
    started_at: str
    """ISO 8601 with offset."""
    agency_ids: list[str]
    """Every agency asked."""
    requery: bool = False
    """True for an R18 re-query after 终本."""


class AgencyAnswerOverdue(IntegrationEvent):
    """超期未反馈 — an agency did not answer by the deadline, retries included."""

    event_type = "cn.zhixing.assets.v1.AgencyAnswerOverdue"
    topic = ASSETS_EVENTS

    inquiry_id: str
    """The inquiry."""
    case_id: str
    """The enforcement case."""
    court_code: str
    """The enforcing court."""
    request_id: str
    """The unanswered request."""
    agency_id: str
    """The silent agency."""
    agency_kind: str
    """Its kind."""
    reply_by: str
    """The deadline missed, ISO 8601 with offset."""


class InvestigationRecorded(IntegrationEvent):
    """Investigation beside the network: 悬赏公告, 律师调查令 or 审计, with its outcome."""

    event_type = "cn.zhixing.assets.v1.InvestigationRecorded"
    topic = ASSETS_EVENTS

    investigation_id: str
    """Unique id."""
    case_id: str
    """The enforcement case."""
    court_code: str
    """The enforcing court."""
    measure: str
    """"reward_notice" (悬赏), "lawyer_order" (律师调查令) or "audit" (审计)."""
    recorded_on: str
    """Date, YYYY-MM-DD."""
    property_found: bool
    """True when the measure led to property."""
    outcome: str = ""
    """Short description of the outcome (no personal data)."""


class LeadAccepted(IntegrationEvent):
    """A lead reported by the public (issue 17) reached the case's team as an
    investigation lead to verify by `verify_by` (R27: 5 days, R62–R64). Published again,
    with the new `verify_by`, when a day counted with no official holiday schedule is
    counted again once the schedule arrives (R64): consumers keep the latest."""

    event_type = "cn.zhixing.assets.v1.LeadAccepted"
    topic = ASSETS_EVENTS

    lead_id: str
    """The lead's id, as publicity reported it."""
    case_id: str
    """The enforcement case."""
    court_code: str
    """The enforcing court."""
    team: str = ""
    """The case's team (执行团队) when known."""
    accepted_on: str
    """The day the team received it, YYYY-MM-DD."""
    verify_by: str
    """The last day to verify it (R27), YYYY-MM-DD."""


class LeadVerified(IntegrationEvent):
    """The team verified a reported lead (核查完毕, R27) — what the reporter may learn of it."""

    event_type = "cn.zhixing.assets.v1.LeadVerified"
    topic = ASSETS_EVENTS

    lead_id: str
    """The lead's id."""
    case_id: str
    """The enforcement case."""
    court_code: str
    """The enforcing court."""
    outcome: str
    """"property_found" (查实财产), "not_found" (未查实) or "not_relevant" (与本案无关)."""
    verified_on: str
    """The day it was verified, YYYY-MM-DD."""
    late: bool = False
    """True when verified after `verify_by` (R27 overrun)."""


# ---- Control measures (查封、扣押、冻结), R20–R25.


class _MeasureEvent(IntegrationEvent):
    topic = ASSETS_EVENTS

    measure_id: str
    """The control measure."""
    case_id: str
    """The case it serves."""
    court_code: str
    """The court that imposed it."""
    asset_id: str
    """The asset controlled (stable across courts: the queue of R22 is per asset)."""


class MeasureTookEffect(_MeasureEvent):
    """查封/扣押/冻结生效 — the measure controls the asset (R25: on service of the
    ruling and the assistance notice), directly or on leaving the queue (R22)."""

    event_type = "cn.zhixing.assets.v1.MeasureTookEffect"
    kind: str
    """"seal" (查封), "detain" (扣押) or "freeze" (冻结)."""
    asset_class: str
    """"deposit", "movable" or "real_property" (the R20 class)."""
    amount_fen: int
    """Amount frozen, or the value controlled, in fen."""
    effective_on: str
    """Date, YYYY-MM-DD."""
    expires_on: str
    """Last day of the term (R20), YYYY-MM-DD."""
    from_queue: bool = False
    """True when a queued measure took effect on the release of the one before (R22)."""
    converted_from: str = ""
    """For a converted preservation (R23), the preservation measure's id."""
    over_cap_flagged: bool = False
    """True when the case controls more than its R21 cap with this measure: allowed only
    for a single indivisible asset (or a conversion the law makes, R23), and flagged for
    supervision (R36)."""


class ExemptPropertyAttempted(IntegrationEvent):
    """An order to control exempt property (R24: 豁免财产 — the living necessities of the
    debtor and dependants, the living minimum of a deposit, …) was refused: nothing was
    controlled, and supervision flags the attempt as disorderly enforcement (R36)."""

    event_type = "cn.zhixing.assets.v1.ExemptPropertyAttempted"
    topic = ASSETS_EVENTS

    attempt_id: str
    """Unique reference of the refused order (the request's id); also the Kafka key."""
    case_id: str
    """The case the order was for."""
    court_code: str
    """The court that gave it."""
    asset_id: str
    """The asset named in the order."""
    ground: str
    """Why it is exempt: the declared R24 category, or "living_minimum" for a deposit
    frozen below the local minimum of living costs."""
    attempted_on: Day
    """Date of the refused order, YYYY-MM-DD."""
    by: str = ""
    """The user subject who gave it (never a name)."""


class MeasureQueued(_MeasureEvent):
    """轮候查封 — the asset is already controlled; this measure waits its turn (R22)."""

    event_type = "cn.zhixing.assets.v1.MeasureQueued"
    rank: int
    """1 = next in line."""
    served_at: str
    """When the assistance notice was served (the queue's order), ISO 8601."""
    kind: str = ""
    """"seal" (查封), "detain" (扣押) or "freeze" (冻结)."""
    asset_class: str = ""
    """"deposit", "movable" or "real_property" (the R20 class)."""
    amount_fen: int = 0
    """Amount to freeze, or the value to control, in fen, once it takes effect."""
    converted_from: str = ""
    """For a converted preservation (R23) still waiting, the preservation measure's id."""


class MeasureRenewed(_MeasureEvent):
    """续行 — the term was renewed before expiry (R20)."""

    event_type = "cn.zhixing.assets.v1.MeasureRenewed"
    expires_on: str
    """New last day of the term, YYYY-MM-DD."""


class MeasureExpiring(_MeasureEvent):
    """到期提醒 — the term ends soon; renew before expiry or it lapses (R20)."""

    event_type = "cn.zhixing.assets.v1.MeasureExpiring"
    expires_on: str
    """Last day of the term, YYYY-MM-DD."""


class MeasureLapsed(_MeasureEvent):
    """失效 — the measure ended by itself: its term ran out without renewal and it lost its
    priority (R20), or the first court disposed of the whole asset while it waited (R22)."""

    event_type = "cn.zhixing.assets.v1.MeasureLapsed"
    lapsed_on: str
    """Date, YYYY-MM-DD."""
    reason: str = "term_ended"
    """"term_ended" (R20) or "asset_disposed" (R22: nothing is left to control)."""


class MeasureReleased(_MeasureEvent):
    """解除 — the measure was lifted on a ground of R25."""

    event_type = "cn.zhixing.assets.v1.MeasureReleased"
    ground: str
    """"third_party_property", "withdrawn", "paid", "security_accepted", "case_closed",
    "disposed", "over_seizure" or "other"."""
    released_on: str
    """Date, YYYY-MM-DD."""


# ---- Disposal (处置): valuation and auction rounds (R47–R50).


class AuctionAnnounced(IntegrationEvent):
    """拍卖公告 — an auction round was announced (R48, R50)."""

    event_type = "cn.zhixing.assets.v1.AuctionAnnounced"
    topic = ASSETS_EVENTS

    disposal_id: str
    """The disposal."""
    case_id: str
    """The case."""
    court_code: str
    """The court."""
    asset_id: str
    """The asset sold."""
    round: int
    """1 for the first auction, 2 for the second (R50)."""
    starting_price_fen: int
    """Starting price in fen (R47, R50)."""
    announced_on: str
    """Date, YYYY-MM-DD."""
    starts_at: str
    """Bidding opens, ISO 8601."""
    ends_at: str
    """Bidding closes unless extended (R49), ISO 8601."""


class DisposalConcluded(IntegrationEvent):
    """处置完成 — the asset was sold at auction, by 变卖, or delivered in satisfaction
    (以物抵债), or the disposal ended unsold."""

    event_type = "cn.zhixing.assets.v1.DisposalConcluded"
    topic = ASSETS_EVENTS

    disposal_id: str
    """The disposal."""
    case_id: str
    """The case."""
    court_code: str
    """The court."""
    asset_id: str
    """The asset."""
    method: str
    """"auction", "sale" (变卖), "in_kind" (以物抵债) or "unsold"."""
    price_fen: int
    """Price obtained (or value credited for 以物抵债), in fen."""
    concluded_on: Day
    """Date, YYYY-MM-DD."""
    whole_asset: bool = True
    """False when only part of the asset was disposed of (queued measures continue, R22)."""
