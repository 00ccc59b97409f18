"""What every CasesService method shares: find the case, authorise against its court and
team (R46), run one application call off the event loop, and audit the outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from zhixing.cases.api.access import require_team
from zhixing.cases.api.policies import POLICIES, SERVICE, TEAM_ACTS
from zhixing.cases.api.translate import parse_uuid
from zhixing.cases.application import CasesApplication
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.projections.case_index import CaseIndexQueries
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.kernel.errors import InvalidInput
from zhixing.runtime.audited import audited_call
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity
from zhixing.security.policy import require

T = TypeVar("T")


class ServicerBase:
    def __init__(self, app: CasesApplication, audit: AuditLog,
                 queries: CaseIndexQueries) -> None:
        self.app = app
        self.audit = audit
        self.queries = queries

    async def _case(self, method: str, ref: pb.CaseRef) -> tuple[EnforcementCase, Identity | None]:
        """The case a call is about, once the caller may act on it: its court (R46),
        then, for the acts of `TEAM_ACTS`, its assigned team."""
        case = await asyncio.to_thread(self._load, ref)
        caller = await self._authorize(method, case.court_code, case.case_number)
        await self._require_team(method, caller, case.team, case.case_number)
        return case, caller

    async def _authorize(self, method: str, court: str, target: str = "") -> Identity | None:
        """Court scope (R46); a refusal is audited like every command (off the event loop)."""
        return await asyncio.to_thread(require, POLICIES, f"/{SERVICE}/{method}", court,
                                       audit=self.audit, target=target or court)

    async def _require_team(self, method: str, caller: Identity | None, team: str,
                            target: str) -> None:
        if method in TEAM_ACTS:
            await asyncio.to_thread(require_team, caller, team, method, TEAM_ACTS[method],
                                    audit=self.audit, target=target)

    async def _act(self, caller: Identity | None, method: str, target: str, why: str,
                   call: Callable[[], T], target_of: Callable[[T], str] | None = None) -> T:
        """Run one application call, audited (R46)."""
        return await audited_call(self.audit, caller, method, target, why, call, target_of)

    async def _audit(self, caller: Identity | None, method: str, target: str, why: str,
                     outcome: str) -> None:
        await asyncio.to_thread(self.audit.record, caller, method, target, why, outcome)

    def _load(self, ref: pb.CaseRef) -> EnforcementCase:
        key = ref.WhichOneof("key")
        if key == "case_number":
            return self.app.find_case(ref.case_number)
        if key == "case_id":
            return self.app.get_case(parse_uuid(ref.case_id, "case.case_id"))
        raise InvalidInput("name the case by case_id or case_number", field="case")
