"""Leads from the public reach the case's team (issue 17, R27).

Each `LeadReported` of the publicity service becomes an investigation lead of the case,
with its R27 day to verify by; the lead's id names the aggregate, so redelivery adds
nothing. The team is the case's as this service knows it (`assets_cases`, from
CaseAssigned); a lead on a case not assigned yet waits with no team and shows to the
court's staff.
"""

from __future__ import annotations

from zhixing.assets.application import AssetsApplication
from zhixing.contracts.events.publicity.v1 import LeadReported
from zhixing.messaging.typed import Context, TypedHandler, on


class PublicLeads(TypedHandler):
    """Accepts every lead the public reported (consumer group `assets.public-leads`)."""

    effect_elsewhere = True  # its commands go to the event store, idempotent

    def __init__(self, app: AssetsApplication) -> None:
        self.app = app

    @on(LeadReported)
    def reported(self, event: LeadReported, ctx: Context) -> None:
        # Read in the consumer's own transaction (`assets_cases` is in the same store).
        ctx.cursor.execute("SELECT team FROM assets_cases WHERE case_id = %s", (event.case_id,))
        row = ctx.cursor.fetchone()
        self.app.accept_lead(event, team=str(row[0]) if row is not None else "")
