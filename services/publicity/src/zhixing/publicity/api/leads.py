"""Leads (执行线索) and reward notices (悬赏公告) over gRPC (issue 17; stub until its owner
fills it)."""

from __future__ import annotations

from typing import Any

import grpc

from zhixing.publicity.application.portal import Portal
from zhixing.runtime.errors import maps_errors


class LeadRpcs:
    """ListRewardNotices, ReportLead, GetLeadStatus: the public's side (R27)."""

    portal: Portal

    @maps_errors
    async def ListRewardNotices(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: ListRewardNotices")

    @maps_errors
    async def ReportLead(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: ReportLead")

    @maps_errors
    async def GetLeadStatus(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: GetLeadStatus")


class RewardDeskRpcs:
    """PostRewardNotice, WithdrawRewardNotice: the court's side."""

    portal: Portal

    @maps_errors
    async def PostRewardNotice(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: PostRewardNotice")

    @maps_errors
    async def WithdrawRewardNotice(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: WithdrawRewardNotice")
