"""Procuratorial supervision over gRPC (R34): suggestions (检察建议) and written
inquiries received, a reply's extension approved by the president, the reply recorded —
and the matters read by the court's staff and the procurator of the scope, audited."""

from __future__ import annotations

from typing import Any, TypeAlias

import grpc

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.kernel.errors import NotFound
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import Identity
from zhixing.supervision.api.base import ServicerBase, by, off_loop
from zhixing.supervision.api.ids import parse_id
from zhixing.supervision.api.translate import (
    choice,
    matter_message,
    optional_choice,
    page_bounds,
    plain,
    required,
)
from zhixing.supervision.domain.values import MatterKind, MatterStatus

Context: TypeAlias = grpc.aio.ServicerContext
STATUSES = tuple(MatterStatus)


def _missing() -> NotFound:
    return NotFound("no procuratorial matter with that id", field="matter_id")


def _target(matter: Any) -> str:
    return matter.case_number or matter.document_number


class MatterRpcs(ServicerBase):
    async def _matter(self, matter_id: str) -> tuple[Any, Identity | None]:
        key = parse_id(matter_id, _missing)
        matter = await self._load(lambda: self.app.matter(key), _missing)
        return matter, await self._visible(matter.court_code, _target(matter), _missing)

    @maps_errors
    async def ReceiveMatter(self, request: pb.ReceiveMatterRequest,
                            context: Context) -> pb.ReceiveMatterResponse:
        (court,), caller = await self._scope(request.court_code,
                                                names_case=request.case_id or request.case_number)
        await self._case_of(court, request.case_id, request.case_number)
        kind = choice(MatterKind, request.kind, "kind", "R34")
        document = required(request.document_number, "document_number", "R34")
        procuratorate = required(request.procuratorate, "procuratorate", "R34")
        case_id = plain(request.case_id, "case_id").strip()
        case_number = plain(request.case_number, "case_number").strip()
        summary = plain(request.summary, "summary", "R34").strip()
        on = self._day(request.received_on, "received_on")
        key = plain(request.request_id, "request_id").strip() or None
        matter = await self._act(
            caller, case_number or document, f"收到检察{'建议' if kind == 'suggestion' else '询问'}",
            lambda: self.app.receive_matter(
                kind, court_code=court, document_number=document, procuratorate=procuratorate,
                case_id=case_id, case_number=case_number, received_on=on, summary=summary,
                by=by(caller), matter_id=key))
        return pb.ReceiveMatterResponse(matter=matter_message(matter, summary=True))

    @maps_errors
    async def ExtendReply(self, request: pb.ExtendReplyRequest,
                          context: Context) -> pb.ExtendReplyResponse:
        matter, caller = await self._matter(request.matter_id)
        on = self._day(request.requested_on, "requested_on")
        after = await self._act(caller, _target(matter), "批准延长检察建议回复期限",
                                lambda: self.app.extend_reply(matter.id, requested_on=on,
                                                              approved_by=by(caller)))
        return pb.ExtendReplyResponse(matter=matter_message(after, summary=True))

    @maps_errors
    async def RecordReply(self, request: pb.RecordReplyRequest,
                          context: Context) -> pb.RecordReplyResponse:
        matter, caller = await self._matter(request.matter_id)
        document = required(request.document_number, "document_number", "R34")
        on = self._day(request.replied_on, "replied_on")
        after = await self._act(caller, _target(matter), "回复检察监督",
                                lambda: self.app.record_reply(matter.id, replied_on=on,
                                                              document_number=document,
                                                              by=by(caller)))
        return pb.RecordReplyResponse(matter=matter_message(after, summary=True))

    @maps_errors
    async def GetMatter(self, request: pb.GetMatterRequest,
                        context: Context) -> pb.GetMatterResponse:
        matter, caller = await self._matter(request.matter_id)
        await self._audit(caller, _target(matter), "查看检察监督事项")
        return pb.GetMatterResponse(matter=matter_message(matter, summary=True))

    @maps_errors
    async def ListMatters(self, request: pb.ListMattersRequest,
                          context: Context) -> pb.ListMattersResponse:
        prefixes, caller = await self._scope(request.court_code)
        status = optional_choice(STATUSES, request.status, "status")
        page_bounds(request.page_size, "")
        rows, token = await off_loop(self.reads.matters.list, prefixes, status=status,
                                     page_size=request.page_size or 50,
                                     page_token=request.page_token)
        await self._audit(caller, prefixes[0], "查看检察监督事项列表")
        return pb.ListMattersResponse(matters=[matter_message(row) for row in rows],
                                      next_page_token=token)
