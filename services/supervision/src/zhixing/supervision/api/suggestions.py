"""Judicial and disciplinary suggestions over gRPC (R37): sent by the president to a
unit or official that refuses to assist, the recipient's handling recorded against the
day it is due, and the scope's list for the court's staff."""

from __future__ import annotations

from typing import Any, TypeAlias

import grpc

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.kernel.errors import NotFound
from zhixing.runtime.errors import maps_errors
from zhixing.supervision.api.base import ServicerBase, by, off_loop
from zhixing.supervision.api.ids import parse_id
from zhixing.supervision.api.translate import (
    choice,
    optional_choice,
    page_bounds,
    parse_day,
    plain,
    required,
    suggestion_message,
)
from zhixing.supervision.domain.values import SuggestionKind, SuggestionStatus

Context: TypeAlias = grpc.aio.ServicerContext
STATUSES = tuple(SuggestionStatus)


def _missing() -> NotFound:
    return NotFound("no judicial suggestion with that id", field="suggestion_id")


def _target(suggestion: Any) -> str:
    return str(suggestion.document_number)


class SuggestionRpcs(ServicerBase):
    @maps_errors
    async def SendSuggestion(self, request: pb.SendSuggestionRequest,
                             context: Context) -> pb.SendSuggestionResponse:
        (court,), caller = await self._scope(request.court_code,
                                                names_case=request.case_id)
        await self._case_of(court, request.case_id, "")
        kind = choice(SuggestionKind, request.kind, "kind", "R37")
        recipient = required(request.recipient, "recipient", "R37")
        agency_id = plain(request.agency_id, "agency_id").strip()
        case_id = plain(request.case_id, "case_id").strip()
        document = required(request.document_number, "document_number", "R37")
        reason = required(request.reason, "reason", "R37")
        on = self._day(request.sent_on, "sent_on")
        handle_by = (parse_day(request.handle_by, "handle_by", on)
                     if request.handle_by.strip() else None)
        key = plain(request.request_id, "request_id").strip() or None
        suggestion = await self._act(
            caller, document, "发出司法建议",
            lambda: self.app.send_suggestion(
                kind, court_code=court, recipient=recipient, agency_id=agency_id,
                case_id=case_id, document_number=document, reason=reason, sent_on=on,
                by=by(caller), handle_by=handle_by, suggestion_id=key))
        return pb.SendSuggestionResponse(suggestion=suggestion_message(suggestion))

    @maps_errors
    async def RecordHandling(self, request: pb.RecordHandlingRequest,
                             context: Context) -> pb.RecordHandlingResponse:
        key = parse_id(request.suggestion_id, _missing)
        suggestion = await self._load(lambda: self.app.suggestion(key), _missing)
        caller = await self._visible(suggestion.court_code, _target(suggestion), _missing)
        outcome = required(request.outcome, "outcome", "R37")
        on = self._day(request.handled_on, "handled_on")
        after = await self._act(caller, _target(suggestion), "记录司法建议办理情况",
                                lambda: self.app.record_handling(
                                    suggestion.id, handled_on=on, outcome=outcome,
                                    by=by(caller)))
        return pb.RecordHandlingResponse(suggestion=suggestion_message(after))

    @maps_errors
    async def ListSuggestions(self, request: pb.ListSuggestionsRequest,
                              context: Context) -> pb.ListSuggestionsResponse:
        prefixes, caller = await self._scope(request.court_code)
        status = optional_choice(STATUSES, request.status, "status")
        page_bounds(request.page_size, "")
        rows, token = await off_loop(self.reads.suggestions.list, prefixes, status=status,
                                     page_size=request.page_size or 50,
                                     page_token=request.page_token)
        await self._audit(caller, prefixes[0], "查看司法建议列表")
        return pb.ListSuggestionsResponse(suggestions=[suggestion_message(r) for r in rows],
                                          next_page_token=token)
