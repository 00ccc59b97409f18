"""Cases integration events, version 1 (topic `zhixing.cases.events.v1`).

A v1 model only gains optional fields. Identity numbers travel in full between
services (R60: masking happens in the public read model, never here).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.topics import CASES_EVENTS


class PartyV1(BaseModel):
    """A party to the case: applicant (申请执行人) or respondent (被执行人)."""

    model_config = ConfigDict(frozen=True)
    role: str
    """"applicant" or "respondent"."""
    kind: str
    """"natural_person", "organisation" or "state_organ"."""
    name: str
    identity_number: str
    """Resident ID (居民身份证号码) or unified social credit code (统一社会信用代码)."""


class CaseFiled(IntegrationEvent):
    """立案 — an enforcement case was filed and numbered (R38)."""

    event_type = "cn.zhixing.cases.v1.CaseFiled"
    topic = CASES_EVENTS

    case_id: str
    case_number: str
    """E.g. "(2026)川0104执1234号"."""
    court_code: str
    case_type: str
    filed_on: str
    """Filing date in China Standard Time, YYYY-MM-DD."""
    basis_kind: str
    basis_document_number: str
    parties: list[PartyV1]
    claim_total_fen: int
    status: str = "filed"
