"""综合查询, the public lists and figures over gRPC (issue 17; stub until its owner fills it)."""

from __future__ import annotations

from typing import Any

import grpc

from zhixing.publicity.application.portal import Portal
from zhixing.runtime.errors import maps_errors


class SearchRpcs:
    """SearchDebtor, ListRestricted, ListZhongben, GetPublicStatistics (R6, R14, R19, R60)."""

    portal: Portal

    @maps_errors
    async def SearchDebtor(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: SearchDebtor")

    @maps_errors
    async def ListRestricted(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: ListRestricted")

    @maps_errors
    async def ListZhongben(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: ListZhongben")

    @maps_errors
    async def GetPublicStatistics(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: GetPublicStatistics")
