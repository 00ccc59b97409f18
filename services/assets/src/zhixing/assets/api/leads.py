"""Leads reported by the public (执行线索, issue 17) for the case's team to verify (R27);
stub until its owner fills it."""

from __future__ import annotations

from typing import Any

import grpc

from zhixing.runtime.errors import maps_errors


class LeadRpcs:
    """ListLeads, VerifyLead of AssetInquiryService."""

    @maps_errors
    async def ListLeads(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: ListLeads")

    @maps_errors
    async def VerifyLead(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: VerifyLead")
