"""Typical cases (典型案例) over gRPC: the public's reads (published ones only) and the
desk's steps — the press role drafts, revises, submits; the president or a judge of the
same court reviews, never the author (R46); every step audited, court-scoped (another
court's typical case is answered as an unknown id)."""

from __future__ import annotations

import asyncio
from typing import Any, TypeAlias

import grpc

from zhixing.contracts.pb.publicity.v1 import desk_pb2 as desk
from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.kernel.errors import NotFound
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.domain.typical_case import TypicalCase
from zhixing.publicity.projections.typical_cases import (
    PAGE_SIZE,
    TypicalCaseDraftView,
    TypicalCaseView,
)
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import Identity, current_identity

Context: TypeAlias = grpc.aio.ServicerContext


def _missing() -> NotFound:
    return NotFound("nothing with that typical_case_id", field="typical_case_id")


class TypicalCaseRpcs:
    """ListTypicalCases, GetTypicalCase: published ones only."""

    portal: Portal

    @maps_errors
    async def ListTypicalCases(self, request: pb.ListTypicalCasesRequest,
                               context: Context) -> pb.ListTypicalCasesResponse:
        page, token = await asyncio.to_thread(
            self.portal.typical.published, request.court_code, request.page_size or PAGE_SIZE,
            request.page_token)
        return pb.ListTypicalCasesResponse(
            cases=[public_message(case, body=False) for case in page], next_page_token=token)

    @maps_errors
    async def GetTypicalCase(self, request: pb.GetTypicalCaseRequest,
                             context: Context) -> pb.GetTypicalCaseResponse:
        case = await asyncio.to_thread(self.portal.typical.get, request.typical_case_id)
        return pb.GetTypicalCaseResponse(typical_case=public_message(case))


class TypicalDeskRpcs:
    """The desk's steps of a typical case: draft, revise, submit, review, withdraw, list.
    Mixed into `PublicityDeskServicer` (an `AuditedServicer`)."""

    portal: Portal
    _authorize: Any
    _authorize_visible: Any
    _found: Any
    _act: Any
    _audit: Any

    @maps_errors
    async def DraftTypicalCase(self, request: desk.DraftTypicalCaseRequest,
                               context: Context) -> desk.DraftTypicalCaseResponse:
        caller = await self._authorize(court=_court_of(None))
        court = _court_of(caller)
        drafted = await self._act(
            caller, court, "起草典型案例",
            lambda: self.portal.app.draft_typical_case(
                court_code=court, author=_by(caller), title=request.title,
                summary=request.summary, body=request.body, case_number=request.case_number,
                redact_names=list(request.redact_names)),
            target_of=lambda case: str(case.id))
        return desk.DraftTypicalCaseResponse(draft=draft_message(drafted))

    @maps_errors
    async def ReviseTypicalCase(self, request: desk.ReviseTypicalCaseRequest,
                                context: Context) -> desk.ReviseTypicalCaseResponse:
        case, caller = await self._visible_case(request.typical_case_id)
        revised = await self._act(
            caller, str(case.id), "修改典型案例",
            lambda: self.portal.app.revise_typical_case(
                case.id, court_code=case.court_code, by=_by(caller), title=request.title,
                summary=request.summary, body=request.body,
                redact_names=list(request.redact_names)))
        return desk.ReviseTypicalCaseResponse(draft=draft_message(revised))

    @maps_errors
    async def SubmitTypicalCase(self, request: desk.SubmitTypicalCaseRequest,
                                context: Context) -> desk.SubmitTypicalCaseResponse:
        case, caller = await self._visible_case(request.typical_case_id)
        submitted = await self._act(
            caller, str(case.id), "提交审核典型案例",
            lambda: self.portal.app.submit_typical_case(
                case.id, court_code=case.court_code, by=_by(caller)))
        return desk.SubmitTypicalCaseResponse(draft=draft_message(submitted))

    @maps_errors
    async def ReviewTypicalCase(self, request: desk.ReviewTypicalCaseRequest,
                                context: Context) -> desk.ReviewTypicalCaseResponse:
        case, caller = await self._visible_case(request.typical_case_id)
        reviewed = await self._act(
            caller, str(case.id), "审核发布典型案例" if request.approve else "退回典型案例",
            lambda: self.portal.app.review_typical_case(
                case.id, court_code=case.court_code, by=_by(caller),
                approve=request.approve, comment=request.comment))
        return desk.ReviewTypicalCaseResponse(draft=draft_message(reviewed))

    @maps_errors
    async def WithdrawTypicalCase(self, request: desk.WithdrawTypicalCaseRequest,
                                  context: Context) -> desk.WithdrawTypicalCaseResponse:
        case, caller = await self._visible_case(request.typical_case_id)
        withdrawn = await self._act(
            caller, str(case.id), "撤回典型案例",
            lambda: self.portal.app.withdraw_typical_case(
                case.id, court_code=case.court_code, by=_by(caller), reason=request.reason))
        return desk.WithdrawTypicalCaseResponse(draft=draft_message(withdrawn))

    @maps_errors
    async def ListTypicalCaseDrafts(self, request: desk.ListTypicalCaseDraftsRequest,
                                    context: Context) -> desk.ListTypicalCaseDraftsResponse:
        court = request.court_code.strip()
        caller = await self._authorize(court=court or _court_of(None))
        court = court or _court_of(caller)
        drafts = await asyncio.to_thread(self.portal.typical.drafts, court, request.status)
        await self._audit(caller, court, "查阅典型案例稿件")
        return desk.ListTypicalCaseDraftsResponse(drafts=[listed_message(d) for d in drafts])

    async def _visible_case(self, typical_case_id: str) -> tuple[TypicalCase, Identity | None]:
        """The typical case named, once the caller is of its court (another court's is
        answered as an unknown id, R46; the attempt audited)."""
        case: TypicalCase = await self._found(
            lambda: self.portal.app.typical_case(typical_case_id[:64]))
        caller = await self._authorize_visible(case.court_code, str(case.id), _missing)
        return case, caller


def _court_of(caller: Identity | None) -> str:
    """The caller's own court ("" before the policy admitted anyone: the policy refuses)."""
    caller = caller or current_identity()
    return caller.court if caller else ""


def _by(caller: Identity | None) -> str:
    return caller.subject if caller else ""


def public_message(case: TypicalCaseView, body: bool = True) -> pb.TypicalCase:
    """A published typical case as the public reads it (lists leave the body out)."""
    return pb.TypicalCase(
        typical_case_id=case.typical_case_id, title=case.title, court_code=case.court_code,
        court_name=case.court_name, summary=case.summary, body=case.body if body else "",
        published_on=case.published_on, case_number=case.case_number)


def draft_message(case: TypicalCase) -> desk.TypicalCaseDraft:
    """A typical case as its court's desk sees it, from the aggregate."""
    return desk.TypicalCaseDraft(
        typical_case_id=str(case.id), status=str(case.status), title=case.title,
        summary=case.summary, body=case.body, court_code=case.court_code,
        case_number=case.case_number, author=case.author,
        review_comment=case.review_comment, redactions=case.redactions,
        published_on=case.published_on.isoformat() if case.published_on else "")


def listed_message(case: TypicalCaseDraftView) -> desk.TypicalCaseDraft:
    """A typical case as its court's desk lists it, from the read model."""
    return desk.TypicalCaseDraft(
        typical_case_id=case.typical_case_id, status=case.status, title=case.title,
        summary=case.summary, body=case.body, court_code=case.court_code,
        case_number=case.case_number, author=case.author,
        review_comment=case.review_comment, redactions=case.redactions,
        published_on=case.published_on)
