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

    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)
    role: str
    """"applicant" or "respondent"."""
    kind: str
    """"natural_person", "organisation" or "state_organ" (国家机关, flagged by the resolutions)."""
    name: str
    """Full name (personal data: never shown unmasked in public, R60)."""
    identity_number: str
    """Resident ID (居民身份证号码) or unified social credit code (统一社会信用代码)."""


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
    parties: list[PartyV1]
    """Applicants and respondents."""
    claim_total_fen: int
    """Principal + interest + costs to enforce, in fen (分)."""
    status: str = "filed"
    """Case status at the time of the event."""
