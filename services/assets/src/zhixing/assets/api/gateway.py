"""AgencyGatewayService: agencies without Kafka pull their requests and answer (R41).

The caller is an agency (role "agency", its id in the token): it sees and answers only
requests addressed to it (R46). Answers go through the same application call as the
Kafka replies, so an answer given on both channels is applied once.
"""

from __future__ import annotations

import asyncio
from typing import TypeAlias

import grpc

from zhixing.assets.api.base import AssetsServicerBase
from zhixing.assets.api.policies import GATEWAY
from zhixing.assets.application import AssetsApplication
from zhixing.assets.application.inquiries import Answer
from zhixing.assets.projections.agency_inbox import AgencyInboxQueries
from zhixing.assets.projections.cases_seen import CasesSeenQueries
from zhixing.contracts.pb.assets.v1 import gateway_pb2 as pb
from zhixing.contracts.pb.assets.v1 import gateway_pb2_grpc
from zhixing.kernel.errors import PermissionDenied
from zhixing.observability.metrics import AGENCY_EMPTY_POLLS
from zhixing.runtime.errors import maps_errors
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity

Context: TypeAlias = grpc.aio.ServicerContext
SERVICE = "zhixing.assets.v1.AgencyGatewayService"
POLICIES = GATEWAY
_REQUEST_FIELDS = ("request_id", "agency_id", "agency_kind", "action", "inquiry_id",
                   "case_number", "court_code", "debtor_identity_number", "debtor_name",
                   "reply_by", "attempt")


class AgencyGatewayServicer(AssetsServicerBase, gateway_pb2_grpc.AgencyGatewayServiceServicer):
    POLICIES = POLICIES

    def __init__(self, app: AssetsApplication, audit: AuditLog, cases: CasesSeenQueries,
                 inbox: AgencyInboxQueries) -> None:
        super().__init__(app, audit, cases)
        self.inbox = inbox

    @maps_errors
    async def ListAgencies(self, request: pb.ListAgenciesRequest,
                           context: Context) -> pb.ListAgenciesResponse:
        await self._authorize()
        return pb.ListAgenciesResponse(agencies=[
            pb.Agency(agency_id=a.agency_id, kind=a.kind, name=a.name, actions=a.actions)
            for a in self.app.agencies])

    @maps_errors
    async def PullRequests(self, request: pb.PullRequestsRequest,
                           context: Context) -> pb.PullRequestsResponse:
        caller = await self._authorize()  # a registered agency (R41)
        agency = _agency_of(caller)
        limit = min(max(request.limit or 100, 1), 1000)
        rows = await asyncio.to_thread(self.inbox.pending, agency, limit)
        # R46: debtors' identities went out — to whom, when, and how many. An empty poll
        # hands out nothing: auditing it would grow the log by every agency's heartbeat,
        # so it is a metric.
        if rows:
            await self._audit(caller, agency, f"协助查询请求 {len(rows)} 条")
        else:
            AGENCY_EMPTY_POLLS.inc()
        return pb.PullRequestsResponse(requests=[
            pb.AgencyRequest(**{k: row[k] for k in _REQUEST_FIELDS}) for row in rows])

    @maps_errors
    async def SubmitAnswers(self, request: pb.SubmitAnswersRequest,
                            context: Context) -> pb.SubmitAnswersResponse:
        caller = await self._authorize()  # a registered agency (R41)
        agency = _agency_of(caller)
        now = self.app.now()
        answers = [Answer(a.request_id, agency, a.outcome, now,
                          [_holding(h) for h in a.holdings], a.error, a.attempt)
                   for a in request.answers]
        applied, duplicates = await self._act(
            caller, agency, f"协助查询反馈 {len(answers)} 条",
            lambda: self.app.apply_answers(answers))
        settled = [a.request_id for a in answers if a.outcome != "error"]
        await asyncio.to_thread(self.inbox.mark_answered, agency, settled)
        return pb.SubmitAnswersResponse(applied=applied, duplicates=duplicates)


def _agency_of(caller: Identity | None) -> str:
    if caller is None or not caller.agency:
        raise PermissionDenied("the caller's token names no agency", rule="R46", field="agency")
    return caller.agency


def _holding(h: pb.Holding) -> dict[str, object]:
    # Unset means disposable, as the Kafka contract's default says.
    disposable = h.disposable if h.HasField("disposable") else True
    return {"asset_kind": h.asset_kind, "reference": h.reference, "description": h.description,
            "value_fen": h.value_fen, "disposable": disposable}
