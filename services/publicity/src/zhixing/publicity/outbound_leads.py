"""Leads and reward notices → publicity integration events (issue 17, R27)."""

from __future__ import annotations

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.publicity.v1 import (
    LeadReported,
    RewardNoticePosted,
    RewardNoticeWithdrawn,
)
from zhixing.publicity.domain.lead import Lead
from zhixing.publicity.domain.reward_notice import RewardNotice


def lead_reported(lead: Lead) -> list[IntegrationEvent]:
    """The lead, in full, for the case's team (the assets service verifies it, R27)."""
    return [LeadReported(
        lead_id=str(lead.id), reference=lead.reference, case_id=lead.case_id,
        case_number=lead.case_number, court_code=lead.court_code, source=lead.source,
        source_id=lead.source_id, property_kind=lead.property_kind, text=lead.text,
        contact=lead.contact, reported_on=lead.reported_on)]


def notice_posted(notice: RewardNotice) -> list[IntegrationEvent]:
    """A reward notice for the portal (debtor as already masked, R60)."""
    return [RewardNoticePosted(
        notice_id=str(notice.id), case_id=notice.case_id, case_number=notice.case_number,
        court_code=notice.court_code, court_name=notice.court_name,
        debtor_name=notice.debtor_name, debtor_identity=notice.debtor_identity,
        owed_fen=notice.owed_fen, reward=notice.reward, text=notice.text,
        posted_on=notice.posted_on, valid_until=notice.valid_until)]


def notice_withdrawn(notice: RewardNotice) -> list[IntegrationEvent]:
    """R61: the notice leaves the portal at once."""
    return [RewardNoticeWithdrawn(notice_id=str(notice.id), court_code=notice.court_code,
                                  withdrawn_on=notice.withdrawn_on or "")]
