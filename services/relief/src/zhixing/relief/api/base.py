"""What every ReliefService method shares: find the application or the enforcement case
a call is about, authorise the caller against its court (R31, R46), and read the
request's dates — on the runtime's one audited servicer base, which derives the RPC
being served, runs each application call off the event loop and audits it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from zhixing.kernel.errors import NotFound
from zhixing.relief.api.errors import answered
from zhixing.relief.api.policies import POLICIES
from zhixing.relief.api.translate import parse_day
from zhixing.relief.application import ReliefApplication
from zhixing.relief.domain.facts import CaseFacts
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.projections.case_facts import CaseFactsQueries
from zhixing.relief.projections.relief_index import ReliefIndexQueries
from zhixing.relief.projections.reports import FundReportQueries
from zhixing.runtime.audited import AuditedServicer
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity, current_identity

T = TypeVar("T")


class ServicerBase(AuditedServicer):
    POLICIES = POLICIES

    def __init__(self, app: ReliefApplication, audit: AuditLog, cases: CaseFactsQueries,
                 index: ReliefIndexQueries, reports: FundReportQueries) -> None:
        super().__init__(audit)
        self.app = app
        self.cases = cases
        self.index = index
        self.reports = reports

    async def _act(self, caller: Identity | None, target: str, why: str, call: Callable[[], T],
                   target_of: Callable[[T], str] | None = None) -> T:
        """The audited call, its refusals answered by the one table (`errors.ANSWERED_AS`)."""
        return await super()._act(caller, target, why, answered(call), target_of)

    def _day(self, text: str, field: str) -> date:
        return parse_day(text, field, self.app.today())

    async def _application(self, application_id: str) -> tuple[ReliefCase, Identity | None]:
        """The application a call names, once the caller may act on it in its court
        (R46); another court's is answered exactly as an unknown id."""
        case = await self._found(lambda: self.app.relief_case(application_id.strip()))
        caller = await self._authorize_visible(case.court_code, case.relief_case_number,
                                               _application_missing)
        return case, caller

    async def _case(self, ref: str) -> tuple[CaseFacts, Identity | None]:
        """The enforcement case an application is about (by id or 案号), once the caller
        is of its court; another court's is answered as an unknown one."""
        def find() -> CaseFacts:
            found = self.cases.find(ref.strip())
            if found is None:
                raise _case_missing()
            return found

        facts = await self._found(find)
        caller = await self._authorize_visible(facts.court_code, facts.case_number,
                                               _case_missing)
        return facts, caller

    async def _court(self, court_code: str) -> tuple[str, Identity | None]:
        """The court a call names (the caller's own when empty), once the caller is of
        it with a role the RPC admits."""
        signed_in = current_identity()
        court = court_code.strip() or (signed_in.court if signed_in else "")
        return court, await self._authorize(court, court)


def _application_missing() -> NotFound:
    return NotFound("no relief application with that id", field="application_id")


def _case_missing() -> NotFound:
    return NotFound("no enforcement case with that id or 案号 has reached the relief "
                    "service", field="case_ref")
