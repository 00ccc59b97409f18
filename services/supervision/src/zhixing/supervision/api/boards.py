"""The command centre's reads over gRPC (issue 16): one court's board, the agencies'
answering (R41) and a case file.

The board and the case file name cases: court staff of the scope read them, every read
audited (R46); a procurator reads a case file only of a case its procuratorate's matters
name (as DrillDown filters), congress none (its policy refuses them). The agencies'
answering is an aggregate: congress and procurators read it too.
"""

from __future__ import annotations

from typing import TypeAlias

import grpc

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import Identity
from zhixing.supervision.api.base import ServicerBase, case_missing, off_loop, one_scope
from zhixing.supervision.api.board_messages import (
    BOARD_ROWS,
    WORKING_DAYS,
    agency_answers_message,
    board_message,
    bounded,
    case_file_message,
)
from zhixing.supervision.api.ids import parse_id
from zhixing.supervision.api.translate import months
from zhixing.supervision.projections.kpi_queries import CaseRow

Context: TypeAlias = grpc.aio.ServicerContext


class BoardRpcs(ServicerBase):
    def _board(self, prefixes: tuple[str, ...], working_days: int,
               limit: int) -> pb.GetCourtBoardResponse:
        """Every list of the board, read in one go off the event loop."""
        board, today = self.reads.board, self.clock.today()
        return board_message(
            (board.overdue_by(prefixes, "team", limit),
             board.overdue_by(prefixes, "officer", limit)),
            board.oldest_unanswered(prefixes, today, limit),
            board.expiring_measures(prefixes, today, working_days, limit),
            board.funds(prefixes))

    def _named(self, caller: Identity, row: CaseRow) -> bool:
        """Whether the procurator's matters name the case, by id or by 案号 (R46) — the
        matters of the caller's courts, as DrillDown reads them."""
        scope = (caller.court,)
        return (row.case_id in self.reads.matters.case_ids_named(scope)
                or (bool(row.case_number)
                    and row.case_number in self.reads.matters.case_numbers_named(scope)))

    @maps_errors
    async def GetCourtBoard(self, request: pb.GetCourtBoardRequest,
                            context: Context) -> pb.GetCourtBoardResponse:
        prefixes, caller = await self._scope(request.court_code)
        working_days = bounded(request.within_working_days, "within_working_days",
                               WORKING_DAYS, "R64")
        limit = bounded(request.limit, "limit", BOARD_ROWS)
        board = await off_loop(self._board, prefixes, working_days, limit)
        await self._audit(caller, prefixes[0], f"查看法院看板 {working_days}")
        return board

    @maps_errors
    async def ListAgencyAnswers(self, request: pb.ListAgencyAnswersRequest,
                                context: Context) -> pb.ListAgencyAnswersResponse:
        one_scope(request.court_code, request.region)
        prefixes, _caller = await self._scope(request.court_code, request.region)
        first, last = months(request.from_month, request.to_month)
        rows = await off_loop(self.reads.board.agency_answers, prefixes, first, last)
        return pb.ListAgencyAnswersResponse(rows=[agency_answers_message(r) for r in rows])

    @maps_errors
    async def GetCaseFile(self, request: pb.GetCaseFileRequest,
                          context: Context) -> pb.GetCaseFileResponse:
        case_id = str(parse_id(request.case_id, case_missing))
        row = await self._load(lambda: self.reads.kpis.record(case_id), case_missing)
        target = row.case_number or case_id
        caller = await self._visible(row.court_code, target, case_missing)
        if caller is not None and caller.role == "procurator" and \
                not await off_loop(self._named, caller, row):
            # R46: answered as an unknown case, and the attempt kept as one.
            await self._record(caller, target, "NotFound [case_id]", "denied")
            raise case_missing()
        # R39: only the alerts of the caller's courts, as ListAlerts would answer them.
        scope = (caller.court,) if caller is not None else (row.court_code,)
        alerts = await off_loop(self.reads.alerts.of_case, case_id, scope)
        await self._audit(caller, target, "查看案件档案")
        return case_file_message(row, row.unmet, alerts)
