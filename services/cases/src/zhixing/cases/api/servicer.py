"""CasesService over gRPC."""

from __future__ import annotations

import asyncio
from uuid import UUID

import grpc

from zhixing.cases.api.translate import case_message, filing_from
from zhixing.cases.application import CasesApplication
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.contracts.pb.cases.v1 import cases_pb2_grpc
from zhixing.kernel.errors import InvalidInput
from zhixing.runtime.errors import maps_errors
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity
from zhixing.security.policy import Policy, PolicyBook, require

SERVICE = "zhixing.cases.v1.CasesService"
POLICIES = PolicyBook({
    f"/{SERVICE}/FileCase": Policy.for_roles("officer", "judge", "president"),
    f"/{SERVICE}/GetCase": Policy.for_roles("officer", "judge", "president", "supervisor"),
})


class CasesServicer(cases_pb2_grpc.CasesServiceServicer):
    def __init__(self, app: CasesApplication, audit: AuditLog) -> None:
        self.app = app
        self.audit = audit

    @maps_errors
    async def FileCase(self, request: pb.FileCaseRequest,
                       context: grpc.aio.ServicerContext) -> pb.FileCaseResponse:
        caller = await self._authorize("FileCase", request.court_code)
        filing = filing_from(request, self.app.clock.today())
        case = await asyncio.to_thread(self.app.file_case, filing, request.request_id)
        await asyncio.to_thread(self.audit.record, caller, "FileCase", case.case_number,
                                "立案", "ok")
        return pb.FileCaseResponse(case_id=str(case.id), case_number=case.case_number)

    @maps_errors
    async def GetCase(self, request: pb.GetCaseRequest,
                      context: grpc.aio.ServicerContext) -> pb.GetCaseResponse:
        if request.WhichOneof("key") == "case_number":
            case = await asyncio.to_thread(self.app.find_case, request.case_number)
        else:
            case = await asyncio.to_thread(self.app.get_case, _uuid(request.case_id))
        caller = await self._authorize("GetCase", case.court_code, case.case_number)
        # R46: full identities were read — who, which case, when.
        await asyncio.to_thread(self.audit.record, caller, "GetCase", case.case_number,
                                "read case file", "ok")
        return pb.GetCaseResponse(case=case_message(case))

    async def _authorize(self, method: str, court: str, target: str = "") -> Identity | None:
        """Court scope (R46); a refusal is audited like every command (off the event loop)."""
        return await asyncio.to_thread(require, POLICIES, f"/{SERVICE}/{method}", court,
                                       audit=self.audit, target=target or court)


def _uuid(text: str) -> UUID:
    try:
        return UUID(text)
    except ValueError:
        raise InvalidInput("not a case id (UUID)", field="case_id") from None
