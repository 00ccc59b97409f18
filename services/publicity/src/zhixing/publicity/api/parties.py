"""The parties' window (当事人查询) over gRPC (issue 17; stub until its owner fills it)."""

from __future__ import annotations

from typing import Any

import grpc

from zhixing.publicity.application.portal import Portal
from zhixing.runtime.errors import maps_errors


class PartyRpcs:
    """OpenPartyCase, LeaveMessage: a party with its access code."""

    portal: Portal

    @maps_errors
    async def OpenPartyCase(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: OpenPartyCase")

    @maps_errors
    async def LeaveMessage(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: LeaveMessage")
