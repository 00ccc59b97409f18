"""What every CasesService method shares: find the case, authorise against its court and
team (R46), run one application call off the event loop, and audit the outcome — on the
runtime's one audited servicer base, which derives the RPC being served."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from zhixing.cases.api.policies import POLICIES
from zhixing.cases.api.translate import parse_uuid
from zhixing.cases.application import CasesApplication
from zhixing.cases.application.base import case_missing
from zhixing.cases.application.filing import case_numbered_missing
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.projections.case_index import CaseIndexQueries
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.runtime.audited import AuditedServicer
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
        """The case a call is about, once the caller may act on it: its court and, for a
        team-scoped RPC, its assigned team (R46, `policies.POLICIES`). Another court's
        case is answered as an unknown one (no existence leak)."""
        key = ref.WhichOneof("key")
        if key == "case_number":
            return await self._numbered(ref.case_number)
        if key == "case_id":
            return await self._by_id(parse_uuid(ref.case_id, "case.case_id"))
        raise InvalidInput("name the case by case_id or case_number", field="case")

    async def _by_id(self, case_id: UUID) -> tuple[EnforcementCase, Identity | None]:
        case = await self._found(lambda: self.app.get_case(case_id))
        return case, await self._visible(case, case_missing)

    async def _numbered(self, number: str) -> tuple[EnforcementCase, Identity | None]:
        """By 案号: a malformed number names no case, as a well-formed unknown one."""
        def find() -> EnforcementCase:
            try:
                CaseNumber.parse(number)
            except InvalidInput:
                raise case_numbered_missing(number) from None
            return self.app.find_case(number)

        case = await self._found(find)
        return case, await self._visible(case, lambda: case_numbered_missing(number))

    async def _visible(self, case: EnforcementCase, missing: Callable[[], NotFound]
                       ) -> Identity | None:
        """The caller, once the RPC's policy admits it on `case` (court, team)."""
        return await self._authorize_visible(case.court_code, case.case_number, missing,
                                             team=case.team)
