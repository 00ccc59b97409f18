"""Publicity integration events, version 1 (topic `zhixing.publicity.events.v1`).

Published by the publicity service (执行信息公开 · 当事人查询, issue 17): a lead on a
published debtor or a reward notice (执行线索举报 / 悬赏), which the assets service takes
as an investigation lead to verify (R27: within 5 days), and a party's message to the
case's team (当事人留言), which the cases service puts on the officer's worklist. The
texts are the sender's own words and may name people: they travel in full to the court
and are sealed at rest there (R60); no public page shows them. A v1 model only gains
optional fields.
"""

from __future__ import annotations

from zhixing.contracts.events.base import IntegrationEvent
from zhixing.contracts.events.fields import Day
from zhixing.contracts.topics import PUBLICITY_EVENTS


class LeadReported(IntegrationEvent):
    """执行线索举报 — somebody reported a lead on a debtor's property (R27: the team
    verifies it within 5 days of receiving it)."""

    event_type = "cn.zhixing.publicity.v1.LeadReported"
    topic = PUBLICITY_EVENTS

    lead_id: str
    """The lead's id (UUID)."""
    reference: str
    """The reporter's reference to follow the lead (举报编号), e.g. "XS-7K3M-Q9TP"."""
    case_id: str
    """The enforcement case the lead is about."""
    case_number: str
    """案号 of the case."""
    court_code: str
    """The enforcing court."""
    source: str
    """"listing" (a published dishonest debtor), "restriction" (限制消费), "zhongben"
    (终本案件库) or "reward" (a 悬赏公告)."""
    source_id: str
    """The listing, restriction, case or reward notice the lead was reported on."""
    property_kind: str
    """"deposit", "vehicle", "real_estate", "securities", "equity", "whereabouts" or
    "other" — what the lead points to."""
    text: str
    """The lead in the reporter's words (personal data possible: sealed at rest)."""
    contact: str = ""
    """How the court may reach the reporter, if given (personal data)."""
    reported_on: Day
    """The day it was reported (R62: the 5 days start the next day)."""


class RewardNoticePosted(IntegrationEvent):
    """悬赏公告 — a court posted a reward notice for a case of its own (issue 17): public
    content, the debtor as the public sees it (R60: masked for a natural person)."""

    event_type = "cn.zhixing.publicity.v1.RewardNoticePosted"
    topic = PUBLICITY_EVENTS

    notice_id: str
    """The notice's id (UUID)."""
    case_id: str
    """The enforcement case."""
    case_number: str
    """案号 of the case."""
    court_code: str
    """The enforcing court."""
    court_name: str = ""
    """The enforcing court's name."""
    debtor_name: str = ""
    """The debtor's name as published (masked for a natural person, R60)."""
    debtor_identity: str = ""
    """The debtor's identity as published (masked for a resident ID, R60)."""
    owed_fen: int = 0
    """What the debtor owes (执行标的), in fen."""
    reward: str
    """The reward as the court set it."""
    text: str
    """What the court asks for (悬赏内容)."""
    posted_on: Day
    """The day it was posted."""
    valid_until: Day
    """The last day it runs (有效期至)."""


class RewardNoticeWithdrawn(IntegrationEvent):
    """A court withdrew a reward notice: off the portal at once (R61)."""

    event_type = "cn.zhixing.publicity.v1.RewardNoticeWithdrawn"
    topic = PUBLICITY_EVENTS

    notice_id: str
    """The notice's id."""
    court_code: str
    """The enforcing court."""
    withdrawn_on: Day
    """The day it was withdrawn."""


class PartyMessageLeft(IntegrationEvent):
    """当事人留言 — a party of a case left a message for the case's team."""

    event_type = "cn.zhixing.publicity.v1.PartyMessageLeft"
    topic = PUBLICITY_EVENTS

    message_id: str
    """The message's id (UUID)."""
    case_id: str
    """The enforcement case."""
    case_number: str
    """案号 of the case."""
    court_code: str
    """The enforcing court."""
    party_role: str
    """"applicant" or "respondent": who wrote (never the party's name or number)."""
    text: str
    """The message (personal data possible: sealed at rest)."""
    left_at: str
    """When it was left, ISO 8601 with offset."""
    party_index: int | None = None
    """The party's position in `CaseFiled.parties` (whose access code was used), so the
    window shows each party only its own messages (issue 17)."""


class TypicalCaseChanged(IntegrationEvent):
    """典型案例 — a typical case took a step (drafted, revised, submitted, returned,
    published, withdrawn): its state after it, the text as redacted (R60: names replaced,
    numbers masked before anything was stored). The publicity service's own read model
    follows it (group `publicity.typical-cases`): the portal shows the published ones
    only, and a withdrawn one is gone at once (R61)."""

    event_type = "cn.zhixing.publicity.v1.TypicalCaseChanged"
    topic = PUBLICITY_EVENTS

    typical_case_id: str
    """The typical case's id (UUID)."""
    version: int
    """The typical case's version after the step: a later one replaces an earlier."""
    status: str
    """"draft", "submitted", "returned", "published" or "withdrawn"."""
    court_code: str
    """The court that wrote it."""
    title: str
    """The title (标题), redacted."""
    summary: str = ""
    """The summary (摘要), redacted."""
    body: str
    """The body (正文), redacted."""
    case_number: str = ""
    """The case it tells of (案号), when the court chose to name it."""
    author: str
    """The author's user subject (a court user, not a party)."""
    review_comment: str = ""
    """The reviewer's comment (on a return: why)."""
    redactions: int = 0
    """How many replacements the redaction made."""
    published_on: Day | None = None
    """The day it was published, once published."""
