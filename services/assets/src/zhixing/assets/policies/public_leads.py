"""Leads from the public reach the case's team (issue 17, R27).

Each `LeadReported` of the publicity service becomes an investigation lead of the case,
with its R27 day to verify by; the lead's id names the aggregate, so redelivery adds
nothing. The team is the case's as this service knows it (`assets_cases`, from
CaseAssigned); a lead on a case not assigned yet waits with no team and shows to the
court's staff.
"""

from __future__ import annotations

from zhixing.assets.application import AssetsApplication
from zhixing.assets.projections.cases_seen import CasesSeenQueries
from zhixing.contracts.events.publicity.v1 import LeadReported
from zhixing.messaging.typed import Context, TypedHandler, on


class PublicLeads(TypedHandler):
    """Accepts every lead the public reported (consumer group `assets.public-leads`)."""

    effect_elsewhere = True  # its commands go to the event store, idempotent

    def __init__(self, app: AssetsApplication, cases: CasesSeenQueries) -> None:
        self.app = app
        self.cases = cases

    @on(LeadReported)
    def reported(self, event: LeadReported, ctx: Context) -> None:
        case = self.cases.find(event.case_id)
        self.app.accept_lead(event, team=case.team if case is not None else "")
