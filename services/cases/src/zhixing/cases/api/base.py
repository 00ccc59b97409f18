"""What every CasesService method shares: find the case, authorise against its court and
team (R46), run one application call off the event loop, and audit the outcome — on the
runtime's one audited servicer base, which derives the RPC being served."""

from __future__ import annotations

import asyncio
from uuid import UUID

from zhixing.cases.api.access import require_team
from zhixing.cases.api.policies import POLICIES, TEAM_ACTS
from zhixing.cases.api.translate import parse_uuid
from zhixing.cases.application import CasesApplication
from zhixing.cases.application.base import case_missing
from zhixing.cases.application.filing import case_numbered_missing
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.projections.case_index import CaseIndexQueries
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.errors import InvalidInput
from zhixing.runtime.audited import AuditedServicer
from zhixing.runtime.errors import current_rpc
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity


class ServicerBase(AuditedServicer):
    POLICIES = POLICIES

    def __init__(self, app: CasesApplication, audit: AuditLog,
                 queries: CaseIndexQueries) -> None:
        super().__init__(audit)
        self.app = app
        self.queries = queries

    async def _case(self, ref: pb.CaseRef) -> tuple[EnforcementCase, Identity | None]:
        """The case a call is about, once the caller may act on it: its court (R46),
        then, for the acts of `TEAM_ACTS`, its assigned team. Another court's case is
        answered as an unknown one (no existence leak)."""
        key = ref.WhichOneof("key")
        if key == "case_number":
            return await self._numbered(ref.case_number)
        if key == "case_id":
            return await self._by_id(parse_uuid(ref.case_id, "case.case_id"))
        raise InvalidInput("name the case by case_id or case_number", field="case")

    async def _by_id(self, case_id: UUID) -> tuple[EnforcementCase, Identity | None]:
        case = await self._found(lambda: self.app.get_case(case_id))
        caller = await self._authorize_visible(case.court_code, case.case_number, case_missing)
        await self._require_team(caller, case.team, case.case_number)
        return case, caller

    async def _numbered(self, number: str) -> tuple[EnforcementCase, Identity | None]:
        """By 案号: its court is in the number, so authority is checked before loading."""
        try:
            court = str(CaseNumber.parse(number).court)
        except InvalidInput:  # names no case, as a well-formed unknown number
            raise case_numbered_missing(number) from None
        caller = await self._authorize_visible(court, number,
                                               lambda: case_numbered_missing(number))
        case = await asyncio.to_thread(self.app.find_case, number)
        await self._require_team(caller, case.team, case.case_number)
        return case, caller

    async def _require_team(self, caller: Identity | None, team: str, target: str) -> None:
        rpc = current_rpc()
        if rpc in TEAM_ACTS:
            await asyncio.to_thread(require_team, caller, team, self.method(), TEAM_ACTS[rpc],
                                    audit=self.audit, target=target)
