"""Leads reported by the public (执行线索, issue 17) for the case's team to verify (R27).

ListLeads answers one court's leads (the caller's own when none is named) to the staff and
supervisors that court's scope admits (R39, R46), each with its deadline and whether it is
overdue; VerifyLead is the case's team's, audited with
who, which case and when (R46). Another court's lead is answered as an unknown one.
"""

from __future__ import annotations

import asyncio

import grpc

from zhixing.assets.application.leads import lead_missing
from zhixing.assets.domain.lead import InvestigationLead
from zhixing.assets.projections.leads import LeadListQueries
from zhixing.contracts.pb.assets.v1 import inquiry_pb2 as pb
from zhixing.kernel.errors import InvalidInput
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import current_identity

Context = grpc.aio.ServicerContext
PAGE_SIZE = 100
PAGE_SIZE_MAX = 500


class LeadRpcs:
    """ListLeads, VerifyLead of AssetInquiryService (mixed into its servicer)."""

    leads: LeadListQueries

    @maps_errors
    async def ListLeads(self, request: pb.ListLeadsRequest,
                        context: Context) -> pb.ListLeadsResponse:
        asking = current_identity()
        court = request.court_code.strip() or (asking.court if asking is not None else "")
        if not court:
            raise InvalidInput("name the court", field="court_code", rule="R46")
        # Court-scoped (R39, R46): the court's staff, and its supervisors, of that court.
        caller = await self._authorize(court)  # type: ignore[attr-defined]
        if not 0 <= request.page_size <= PAGE_SIZE_MAX:
            raise InvalidInput(f"must be 0–{PAGE_SIZE_MAX}", field="page_size", rule="R46")
        today = self.app.today().isoformat()  # type: ignore[attr-defined]

        def load() -> list[tuple[InvestigationLead, str]]:
            rows = self.leads.of_court(court, request.team.strip(), request.open_only,
                                       request.page_size or PAGE_SIZE)
            found = [(self.app.get_lead(r.lead_id), r.team)  # type: ignore[attr-defined]
                     for r in rows]
            # The index may lag a verification just made: the aggregate has the last word.
            return [(lead, team) for lead, team in found
                    if not (request.open_only and lead.verified)]

        found = await asyncio.to_thread(load)
        await self._audit(caller, court, "查看执行线索")  # type: ignore[attr-defined]
        return pb.ListLeadsResponse(leads=[lead_message(lead, team, today)
                                           for lead, team in found])

    @maps_errors
    async def VerifyLead(self, request: pb.VerifyLeadRequest,
                         context: Context) -> pb.VerifyLeadResponse:
        lead = await self._found(  # type: ignore[attr-defined]
            lambda: self.app.get_lead(request.lead_id))  # type: ignore[attr-defined]
        case, caller = await self._case(lead.case_id, lead_missing)  # type: ignore[attr-defined]
        verified = await self._act(  # type: ignore[attr-defined]
            caller, case.case_number, "核查执行线索",
            lambda: self.app.verify_lead(  # type: ignore[attr-defined]
                request.lead_id, request.outcome, request.note,
                by=caller.subject if caller else ""))
        return pb.VerifyLeadResponse(lead=lead_message(verified, case.team,
                                                       self.app.today().isoformat()))  # type: ignore[attr-defined]


def lead_message(lead: InvestigationLead, team: str, today: str) -> pb.Lead:
    return pb.Lead(
        lead_id=lead.lead_id, case_id=lead.case_id, case_number=lead.case_number,
        court_code=lead.court_code, team=team or lead.team, source=lead.source,
        property_kind=lead.property_kind, text=lead.text, contact=lead.contact,
        accepted_on=lead.accepted_on, verify_by=lead.verify_by, overdue=lead.overdue(today),
        outcome=lead.outcome, verified_on=lead.verified_on, note=lead.note)
