"""Reading applications over gRPC: one application (never its hardship facts), the
hardship facts themselves — only with a purpose, every read audited with who, why and
when (R46) — and the court's list."""

from __future__ import annotations

import asyncio
from typing import TypeAlias

import grpc

from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb
from zhixing.kernel.masking import excerpt
from zhixing.relief.api.base import ServicerBase
from zhixing.relief.api.funds import PAGE, page_bounds
from zhixing.relief.api.translate import application_message, purpose_of, row_message
from zhixing.runtime.errors import maps_errors

Context: TypeAlias = grpc.aio.ServicerContext
PURPOSE_MOST = 500
"""The purpose's request bound (`contracts.bounds`, NOTE): kept whole in the audit log."""


class ReadRpcs(ServicerBase):
    @maps_errors
    async def GetApplication(self, request: pb.GetApplicationRequest,
                             context: Context) -> pb.GetApplicationResponse:
        case, caller = await self._application(request.application_id)
        await self._audit(caller, case.relief_case_number, "查看救助申请")
        return pb.GetApplicationResponse(application=application_message(case))

    @maps_errors
    async def ReadHardship(self, request: pb.ReadHardshipRequest,
                           context: Context) -> pb.ReadHardshipResponse:
        # Who may see the application is checked first: another court's caller learns
        # nothing, not even that a purpose is missing.
        case, caller = await self._application(request.application_id)
        purpose = purpose_of(request.purpose)
        hardship = await asyncio.to_thread(self.app.hardship_of, str(case.id))
        # R46: who read whose hardship facts, why, and when — before they are answered.
        # The purpose is the caller's words: an identity or account number typed into it
        # is kept masked to its last 4 (R60), as every quote of input is.
        await self._audit(caller, case.relief_case_number,
                          f"查阅困难情况：{excerpt(purpose, PURPOSE_MOST)}")
        return pb.ReadHardshipResponse(application_id=str(case.id),
                                       category=str(hardship.category),
                                       narrative=hardship.narrative)

    @maps_errors
    async def ListApplications(self, request: pb.ListApplicationsRequest,
                               context: Context) -> pb.ListApplicationsResponse:
        caller = await self._authorize()
        court = caller.court if caller else ""
        page_bounds(request.page_size, "")  # the size's bound; the index reads its own token
        rows, token = await asyncio.to_thread(
            self.index.list, court, status=request.status.strip() or None,
            page_size=request.page_size or PAGE, page_token=request.page_token)
        return pb.ListApplicationsResponse(
            applications=[row_message(row, court) for row in rows], next_page_token=token)
