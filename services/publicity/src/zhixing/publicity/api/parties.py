"""The parties' window (当事人查询) over gRPC (issue 17): a party opens its case and leaves
messages with its access code. A wrong code and an unknown case answer NOT_FOUND alike;
too many wrong codes on one case answer RESOURCE_EXHAUSTED with `retry-after`."""

from __future__ import annotations

import asyncio

import grpc

from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.observability.grpc_handlers import peer_address
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.application.queries import CaseProgress
from zhixing.publicity.projections.party_window import PartyView
from zhixing.runtime.errors import maps_errors


class PartyRpcs:
    """OpenPartyCase, LeaveMessage: a party with its access code."""

    portal: Portal

    @maps_errors
    async def OpenPartyCase(self, request: pb.OpenPartyCaseRequest,
                            context: grpc.aio.ServicerContext) -> pb.OpenPartyCaseResponse:
        view = await asyncio.to_thread(self.portal.parties.open, request.case_number,
                                       request.access_code, peer_address(context))
        return party_view_message(view)

    @maps_errors
    async def LeaveMessage(self, request: pb.LeaveMessageRequest,
                           context: grpc.aio.ServicerContext) -> pb.LeaveMessageResponse:
        receipt = await asyncio.to_thread(self.portal.app.leave_message, request.case_number,
                                          request.access_code, request.text,
                                          peer_address(context))
        return pb.LeaveMessageResponse(message_id=receipt.message_id, left_at=receipt.left_at)


def party_view_message(view: PartyView) -> pb.OpenPartyCaseResponse:
    """The window as the contract carries it."""
    return pb.OpenPartyCaseResponse(
        progress=_progress(view.progress), party_role=view.party_role,
        timeline=[pb.PartyTimelineEntry(on=s.on, kind=s.kind, label=s.label, detail=s.detail,
                                        amount_fen=s.amount_fen) for s in view.timeline],
        deadlines=[pb.PartyDeadline(node=d.node, label=d.label, rule=d.rule, due_on=d.due_on)
                   for d in view.deadlines],
        messages=[pb.PartyMessage(message_id=m.message_id, party_role=m.party_role,
                                  text=m.text, left_at=m.left_at,
                                  answer=m.answer or None, answered_on=m.answered_on or None)
                  for m in view.messages])


def _progress(progress: CaseProgress) -> pb.CaseProgress:
    return pb.CaseProgress(
        case_number=progress.case_number, court_code=progress.court_code,
        court_name=progress.court_name, status=progress.status,
        status_label=progress.status_label, filed_on=progress.filed_on,
        parties=[pb.PublicParty(**party) for party in progress.parties],
        updated_at=progress.updated_at)
