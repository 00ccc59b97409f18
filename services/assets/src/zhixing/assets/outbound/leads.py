"""Reported leads' events as the public side sees them (issue 17, R27): accepted with
the day to verify by, verified with the outcome and whether it was late — never the
lead's text or the team's note."""

from __future__ import annotations

from typing import Any

from zhixing.assets.domain.lead import InvestigationLead
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets import v1


def _accepted(e: Any) -> list[IntegrationEvent]:
    return [v1.LeadAccepted(lead_id=e.lead_id, case_id=e.case_id, court_code=e.court_code,
                            team=e.team, accepted_on=e.accepted_on, verify_by=e.verify_by)]


def _verified(e: Any) -> list[IntegrationEvent]:
    return [v1.LeadVerified(lead_id=e.lead_id, case_id=e.case_id, court_code=e.court_code,
                            outcome=e.outcome, verified_on=e.verified_on, late=e.late)]


# R64: a provisional day counted again is told as the lead accepted again, with the
# new day (the read models upsert it).
PUBLIC: dict[type, Any] = {InvestigationLead.Accepted: _accepted,
                           InvestigationLead.Recounted: _accepted,
                           InvestigationLead.Verified: _verified}
