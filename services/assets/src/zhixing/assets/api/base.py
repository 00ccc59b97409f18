"""What every assets servicer shares: find the case, authorise against its court and
team (R46), run one application call off the event loop, audit the outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import TypeVar

from zhixing.assets.api.access import require_team
from zhixing.assets.application import AssetsApplication
from zhixing.assets.domain.errors import CaseNotKnown
from zhixing.assets.projections.cases_seen import CasesSeenQueries, SeenCase
from zhixing.runtime.audited import audited_call
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity
from zhixing.security.policy import Policy, require

T = TypeVar("T")


class AssetsServicerBase:
    """Subclasses set `SERVICE` (full gRPC service name) and `POLICIES`."""

    SERVICE = ""
    POLICIES: Mapping[str, Policy] = {}

    def __init__(self, app: AssetsApplication, audit: AuditLog, cases: CasesSeenQueries) -> None:
        self.app = app
        self.audit = audit
        self.cases = cases

    def method(self, name: str) -> str:
        return f"/{self.SERVICE}/{name}"

    async def _case(self, name: str, case_id: str) -> tuple[SeenCase, Identity | None]:
        """The case a call is about, once the caller may act on its property: its court,
        then its team (R46)."""
        case = await asyncio.to_thread(self._find, case_id)
        caller = await self._authorize(name, case.court_code, case.case_number)
        await asyncio.to_thread(require_team, caller, case.team, self.method(name),
                                audit=self.audit, target=case.case_number)
        return case, caller

    async def _authorize(self, name: str, court: str | None, target: str = "") -> Identity | None:
        """Court scope (R46); a refusal is audited like every command."""
        return await asyncio.to_thread(require, self.POLICIES, self.method(name), court,
                                       audit=self.audit, target=target or (court or ""))

    async def _act(self, caller: Identity | None, name: str, target: str, why: str,
                   call: Callable[[], T]) -> T:
        """Run one application call, audited with who, why and when (R46)."""
        return await audited_call(self.audit, caller, self.method(name), target, why, call)

    async def _audit(self, caller: Identity | None, name: str, target: str, why: str,
                     outcome: str) -> None:
        await asyncio.to_thread(self.audit.record, caller, self.method(name), target, why,
                                outcome)

    def _find(self, case_id: str) -> SeenCase:
        case = self.cases.find(case_id.strip())
        if case is None:
            raise CaseNotKnown("no case with that id has been filed (or its filing has not "
                               "reached the assets service yet)", field="case_id")
        return case
