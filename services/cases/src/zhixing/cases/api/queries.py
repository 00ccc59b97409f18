"""Reads: a case's timeline, a court's case list and an officer's worklist (R26–R28, R46)."""

from __future__ import annotations

import asyncio
from typing import TypeAlias

import grpc

from zhixing.cases.api.base import ServicerBase
from zhixing.cases.api.messages import summary_message, timeline_message, work_item_message
from zhixing.cases.domain.case import STATUS_LABELS
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.kernel.errors import InvalidInput
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import current_identity

Context: TypeAlias = grpc.aio.ServicerContext
DEFAULT_HORIZON_DAYS = 7


class QueryRpcs(ServicerBase):
    @maps_errors
    async def GetTimeline(self, request: pb.GetTimelineRequest,
                          context: Context) -> pb.GetTimelineResponse:
        case, caller = await self._case(request.case)
        entries = await asyncio.to_thread(self.app.timeline, case.id)
        # R46: the timeline carries the debtors' identities (inquiries) — audit the read.
        await self._audit(caller, case.case_number, "read case timeline")
        return pb.GetTimelineResponse(entries=[timeline_message(e) for e in entries])

    @maps_errors
    async def ListCases(self, request: pb.ListCasesRequest,
                        context: Context) -> pb.ListCasesResponse:
        court = _court(request.court_code)
        await self._authorize(court)
        _check_listing(request)
        rows, token = await asyncio.to_thread(
            self.queries.list_cases, court, status=request.status, team=request.team,
            lead_officer=request.lead_officer, case_type=request.case_type,
            page_size=request.page_size, page_token=request.page_token)
        return pb.ListCasesResponse(cases=[summary_message(r) for r in rows],
                                    next_page_token=token)

    @maps_errors
    async def GetWorklist(self, request: pb.GetWorklistRequest,
                          context: Context) -> pb.GetWorklistResponse:
        court = _court(request.court_code)
        await self._authorize(court)
        horizon = _horizon(request)
        items = await asyncio.to_thread(
            self.queries.worklist, court, self.app.today(), lead_officer=request.lead_officer,
            team=request.team, due_within_days=horizon)
        return pb.GetWorklistResponse(items=[work_item_message(i) for i in items])


def _court(requested: str) -> str:
    """The court asked for, or the caller's own."""
    caller = current_identity()
    return requested or (caller.court if caller else "")


def _check_listing(request: pb.ListCasesRequest) -> None:
    if request.status and request.status not in STATUS_LABELS:
        raise InvalidInput(f"status must be one of {', '.join(STATUS_LABELS)}", field="status")
    if request.page_size < 0:
        raise InvalidInput("must not be negative", field="page_size")
    if request.page_token and not (request.page_token.isascii() and request.page_token.isdigit()):
        raise InvalidInput("not a token from a previous page", field="page_token")


def _horizon(request: pb.GetWorklistRequest) -> int:
    if not (request.lead_officer or request.team):
        raise InvalidInput("name the lead officer or the team whose worklist to show",
                           field="lead_officer")
    if not request.HasField("due_within_days"):
        return DEFAULT_HORIZON_DAYS
    if request.due_within_days < 0:
        raise InvalidInput("must not be negative", field="due_within_days")
    return int(request.due_within_days)
