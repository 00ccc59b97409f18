"""What every assets servicer shares: find the case, authorise against its court and
team (R46), run one application call off the event loop, audit the outcome — on the
runtime's one audited servicer base, which derives the RPC being served."""

from __future__ import annotations

from collections.abc import Callable

from zhixing.assets.application import AssetsApplication
from zhixing.assets.domain.errors import CaseNotKnown
from zhixing.assets.projections.cases_seen import CasesSeenQueries, SeenCase
from zhixing.kernel.errors import NotFound
from zhixing.runtime.audited import AuditedServicer
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity


class AssetsServicerBase(AuditedServicer):
    """Subclasses set `POLICIES` (from `policies`) and inherit their generated servicer
    class. Agencies are registered in the application's registry (R41)."""

    def __init__(self, app: AssetsApplication, audit: AuditLog, cases: CasesSeenQueries) -> None:
        super().__init__(audit)
        self.app = app
        self.cases = cases

    async def _case(self, case_id: str, missing: Callable[[], NotFound] | None = None
                    ) -> tuple[SeenCase, Identity | None]:
        """The case a call is about, once the caller may act on its property: its court,
        then its team (R46). To another court, the case — or the measure, disposal or
        inquiry of it the call named (`missing`) — is answered as an unknown one."""
        case = await self._found(lambda: self._find(case_id))
        caller = await self._authorize_visible(case.court_code, case.case_number,
                                               missing or case_not_known, team=case.team)
        return case, caller

    def _registered(self, member: str) -> bool:
        return member in self.app.agencies

    def _find(self, case_id: str) -> SeenCase:
        case = self.cases.find(case_id.strip())
        if case is None:
            raise case_not_known()
        return case


def case_not_known() -> CaseNotKnown:
    """The answer for a case id the service has not seen (or the caller may not know)."""
    return CaseNotKnown("no case with that id has been filed (or its filing has not "
                        "reached the assets service yet)", field="case_id")
