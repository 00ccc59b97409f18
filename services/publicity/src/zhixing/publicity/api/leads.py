"""Leads (执行线索) and reward notices (悬赏公告) over gRPC (issue 17, R27, R61).

The public's side takes a lead only on what the portal publishes (`LeadQueries.target_of`)
and answers a reference; the status by reference never tells the lead's text or the
case's internal facts. The desk's side posts and withdraws a court's own notices, audited
(R46); another court's case or notice is answered as unknown.
"""

from __future__ import annotations

import asyncio
from typing import Any

import grpc

from zhixing.contracts.pb.publicity.v1 import desk_pb2, publicity_pb2
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.errors import NotFound
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.projections.leads import LeadStatus, RewardNoticeView
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import Identity

Context = grpc.aio.ServicerContext


class LeadRpcs:
    """ListRewardNotices, ReportLead, GetLeadStatus: the public's side (R27)."""

    portal: Portal

    @maps_errors
    async def ListRewardNotices(self, request: publicity_pb2.ListRewardNoticesRequest,
                                context: Context) -> publicity_pb2.ListRewardNoticesResponse:
        page, token = await asyncio.to_thread(
            self.portal.leads.reward_notices, request.court_code, request.page_size,
            request.page_token)
        return publicity_pb2.ListRewardNoticesResponse(
            notices=[notice_message(n) for n in page], next_page_token=token)

    @maps_errors
    async def ReportLead(self, request: publicity_pb2.ReportLeadRequest,
                         context: Context) -> publicity_pb2.ReportLeadResponse:
        def report() -> Any:
            target = self.portal.leads.target_of(request.source, request.source_id)
            return self.portal.app.report_lead(target, request.source, request.source_id,
                                               request.property_kind, request.text,
                                               request.contact)

        receipt = await asyncio.to_thread(report)
        return publicity_pb2.ReportLeadResponse(reference=receipt.reference,
                                                reported_on=receipt.reported_on)

    @maps_errors
    async def GetLeadStatus(self, request: publicity_pb2.GetLeadStatusRequest,
                            context: Context) -> publicity_pb2.GetLeadStatusResponse:
        status = await asyncio.to_thread(self.portal.leads.status, request.reference)
        return status_message(status)


class RewardDeskRpcs:
    """PostRewardNotice, WithdrawRewardNotice: the court's side (court-scoped, audited)."""

    portal: Portal

    @maps_errors
    async def PostRewardNotice(self, request: desk_pb2.PostRewardNoticeRequest,
                               context: Context) -> desk_pb2.PostRewardNoticeResponse:
        # The 案号 names its court (R39): another court's officer is refused by it, before
        # anything is looked up (it learns nothing the number did not say).
        number = CaseNumber.parse(request.case_number, field="case_number")
        await self._authorize(str(number.court), str(number))  # type: ignore[attr-defined]
        case = await self._found(  # type: ignore[attr-defined]
            lambda: self.portal.leads.notice_case(str(number)))
        caller = await self._authorize_visible(  # type: ignore[attr-defined]
            case.court_code, case.case_number, _no_case)
        notice = await self._act(  # type: ignore[attr-defined]
            caller, case.case_number, "发布悬赏公告",
            lambda: self.portal.app.post_reward_notice(
                case.court_code, case, request.reward, request.text, request.valid_until,
                by=_by(caller)))
        return desk_pb2.PostRewardNoticeResponse(notice=publicity_pb2.RewardNotice(
            notice_id=str(notice.id), case_number=notice.case_number,
            court_code=notice.court_code, court_name=notice.court_name,
            debtor_name=notice.debtor_name, debtor_identity=notice.debtor_identity,
            owed_fen=notice.owed_fen, reward=notice.reward, text=notice.text,
            posted_on=notice.posted_on, valid_until=notice.valid_until))

    @maps_errors
    async def WithdrawRewardNotice(self, request: desk_pb2.WithdrawRewardNoticeRequest,
                                   context: Context) -> desk_pb2.WithdrawRewardNoticeResponse:
        notice = await self._found(  # type: ignore[attr-defined]
            lambda: self.portal.app.reward_notice_record(request.notice_id.strip()))
        caller = await self._authorize_visible(  # type: ignore[attr-defined]
            notice.court_code, notice.case_number, _no_notice)
        await self._act(  # type: ignore[attr-defined]
            caller, notice.case_number, "撤回悬赏公告",
            lambda: self.portal.app.withdraw_reward_notice(
                notice.court_code, notice.id, request.reason, by=_by(caller)))
        return desk_pb2.WithdrawRewardNoticeResponse(notice_id=str(notice.id))


def notice_message(n: RewardNoticeView) -> publicity_pb2.RewardNotice:
    return publicity_pb2.RewardNotice(
        notice_id=n.notice_id, case_number=n.case_number, court_code=n.court_code,
        court_name=n.court_name, debtor_name=n.debtor_name, debtor_identity=n.debtor_identity,
        owed_fen=n.owed_fen, reward=n.reward, text=n.text, posted_on=n.posted_on,
        valid_until=n.valid_until)


def status_message(s: LeadStatus) -> publicity_pb2.GetLeadStatusResponse:
    return publicity_pb2.GetLeadStatusResponse(
        reference=s.reference, status=s.status, status_label=s.status_label,
        outcome=s.outcome, outcome_label=s.outcome_label, reported_on=s.reported_on,
        verify_by=s.verify_by, verified_on=s.verified_on)


def _by(caller: Identity | None) -> str:
    return caller.subject if caller else ""


def _no_case() -> NotFound:
    return NotFound("no case with that number", field="case_number")


def _no_notice() -> NotFound:
    return NotFound("no reward notice with that id", field="notice_id")
