"""AgencyGatewayService: agencies without Kafka pull their requests and answer (R41).

The caller is an agency (role "agency", its id in the token): it sees and answers only
requests addressed to it (R46). Answers go through the same application call as the
Kafka replies, so an answer given on both channels is applied once.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter, OrderedDict
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
from zhixing.kernel.money import bounded_fen
from zhixing.observability.metrics import AGENCY_EMPTY_POLLS, AGENCY_REDELIVERED
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
        self._handed_out = HandedOut()

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
        # hands out nothing, and a request handed out again until it is answered tells
        # the agency nothing new: auditing either would grow the log by every agency's
        # heartbeat (forever, for one that never answers), so both are metrics.
        ids = [str(row["request_id"]) for row in rows]
        fresh = self._handed_out.new(agency, ids)
        # One row per case (R46's "why"): whose identities went to this agency.
        new = set(fresh)
        cases = Counter(str(row["case_number"]) for row in rows
                        if str(row["request_id"]) in new)
        for case_number, count in cases.items():
            await self._audit(caller, case_number, f"协助查询请求 {count} 条 → {agency}")
        if fresh:
            self._handed_out.mark(agency, fresh)  # only once the rows are written
        if not rows:
            AGENCY_EMPTY_POLLS.inc()
        AGENCY_REDELIVERED.inc(len(rows) - len(fresh))
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


class HandedOut:
    """The requests this process has handed to each agency, the most recent
    `limit` of them: a request is audited the first time it goes out from here (again
    after a restart, or from another process — at least once, never per poll)."""

    def __init__(self, limit: int = 200_000) -> None:
        self._seen: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()

    def new(self, agency: str, request_ids: list[str]) -> list[str]:
        """Those of `request_ids` not handed to `agency` yet."""
        with self._lock:
            return [r for r in request_ids if (agency, r) not in self._seen]

    def mark(self, agency: str, request_ids: list[str]) -> None:
        with self._lock:
            for request_id in request_ids:
                self._seen[(agency, request_id)] = None
                self._seen.move_to_end((agency, request_id))
            while len(self._seen) > self._limit:
                self._seen.popitem(last=False)


def _agency_of(caller: Identity | None) -> str:
    if caller is None or not caller.agency:
        raise PermissionDenied("the caller's token names no agency", rule="R46", field="agency")
    return caller.agency


def _holding(h: pb.Holding) -> dict[str, object]:
    # Unset means disposable, as the Kafka contract's default says.
    disposable = h.disposable if h.HasField("disposable") else True
    # R41: an agency's valuation is money the property picture sums (issue 12 item 3).
    bounded_fen(h.value_fen, "answers.holdings.value_fen", rule="R41")
    return {"asset_kind": h.asset_kind, "reference": h.reference, "description": h.description,
            "value_fen": h.value_fen, "disposable": disposable}
