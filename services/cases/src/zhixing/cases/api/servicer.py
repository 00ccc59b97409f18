"""CasesService over gRPC: one servicer, its methods grouped by what they do.

Every method parses, calls one application method off the event loop, and maps the
result (STYLE 5); authorisation and auditing are in `base.ServicerBase` (R46), the
policies in `policies.py`.
"""

from __future__ import annotations

import asyncio

import grpc

from zhixing.cases.api.conclusion import ConclusionRpcs
from zhixing.cases.api.money import MoneyRpcs
from zhixing.cases.api.policies import POLICIES, SERVICE
from zhixing.cases.api.procedure import ProcedureRpcs
from zhixing.cases.api.queries import QueryRpcs
from zhixing.cases.api.translate import case_message, filing_from, parse_uuid
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.filing import may_link
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.contracts.pb.cases.v1 import cases_pb2_grpc
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.kernel.masking import excerpt
from zhixing.runtime.errors import maps_errors

__all__ = ["POLICIES", "SERVICE", "CasesServicer"]


class CasesServicer(ProcedureRpcs, ConclusionRpcs, MoneyRpcs, QueryRpcs,
                    cases_pb2_grpc.CasesServiceServicer):
    """执行案件 — filing, the procedure, 终本 and closure, money, and reads."""

    @maps_errors
    async def FileCase(self, request: pb.FileCaseRequest,
                       context: grpc.aio.ServicerContext) -> pb.FileCaseResponse:
        caller = await self._authorize(request.court_code)
        linked = ""
        if request.HasField("linked_case_number"):
            linked = await self._linked_case_id(request.linked_case_number,
                                                request.court_code, request.case_type)
        filed = await self._act(
            caller, request.court_code, "立案",
            lambda: self.app.file_case_with_codes(
                filing_from(request, self.app.today(), linked), request.request_id),
            target_of=lambda filed: filed.case.case_number)
        # The parties' access codes (issue 17), this once: only their hashes are stored.
        return pb.FileCaseResponse(
            case_id=str(filed.case.id), case_number=filed.case.case_number,
            access_codes=[pb.PartyAccessCode(party_index=c.party_index, role=c.role,
                                             access_code=c.access_code) for c in filed.codes])

    @maps_errors
    async def GetCase(self, request: pb.GetCaseRequest,
                      context: grpc.aio.ServicerContext) -> pb.GetCaseResponse:
        if request.WhichOneof("key") == "case_number":
            case, caller = await self._numbered(request.case_number)
        else:
            case, caller = await self._by_id(parse_uuid(request.case_id, "case_id"))
        # R46: full identities were read — who, which case, when.
        await self._audit(caller, case.case_number, "read case file")
        return pb.GetCaseResponse(case=case_message(case))

    async def _linked_case_id(self, case_number: str, filing_court: str, case_type: str) -> str:
        """执异/执复/执恢/执协 hang off the case they concern (R40). A case of a court the
        filing may not link to (`may_link`) is checked against the caller's authority
        before it is looked up, so it is answered exactly as an unknown one (no
        existence leak, R46)."""

        def missing() -> NotFound:
            return NotFound(f"no enforcement case numbered {excerpt(case_number)}", rule="R40",
                            field="linked_case_number")

        try:
            court = str(CaseNumber.parse(case_number).court)
        except InvalidInput:  # names no case, as a well-formed unknown number
            raise missing() from None
        if not may_link(filing_court, court, case_type):
            await self._authorize_visible(court, case_number, missing)
        try:
            case: EnforcementCase = await asyncio.to_thread(self.app.find_case, case_number)
        except NotFound:
            raise missing() from None
        return str(case.id)
