"""综合查询, the public lists and figures over gRPC (issue 17): the Portal's `search`
answers; personal data is masked before it reaches a message (R60)."""

from __future__ import annotations

import asyncio

import grpc

from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.publicity.api.messages import (
    figures_message,
    restricted_message,
    standing_message,
    zhongben_message,
)
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.application.search import PAGE_SIZE
from zhixing.runtime.errors import maps_errors


class SearchRpcs:
    """SearchDebtor, ListRestricted, ListZhongben, GetPublicStatistics (R6, R14, R19, R60)."""

    portal: Portal

    @maps_errors
    async def SearchDebtor(self, request: pb.SearchDebtorRequest,
                           context: grpc.aio.ServicerContext) -> pb.SearchDebtorResponse:
        standing = await asyncio.to_thread(self.portal.search.search, request.name,
                                           request.identity_number)
        return standing_message(standing)

    @maps_errors
    async def ListRestricted(self, request: pb.ListRestrictedRequest,
                             context: grpc.aio.ServicerContext) -> pb.ListRestrictedResponse:
        page, token = await asyncio.to_thread(
            self.portal.search.restricted, request.court_code, request.page_size or PAGE_SIZE,
            request.page_token)
        return pb.ListRestrictedResponse(entries=[restricted_message(e) for e in page],
                                         next_page_token=token)

    @maps_errors
    async def ListZhongben(self, request: pb.ListZhongbenRequest,
                           context: grpc.aio.ServicerContext) -> pb.ListZhongbenResponse:
        page, token = await asyncio.to_thread(
            self.portal.search.zhongben, request.court_code, request.page_size or PAGE_SIZE,
            request.page_token)
        return pb.ListZhongbenResponse(entries=[zhongben_message(e) for e in page],
                                       next_page_token=token)

    @maps_errors
    async def GetPublicStatistics(
            self, request: pb.GetPublicStatisticsRequest,
            context: grpc.aio.ServicerContext) -> pb.GetPublicStatisticsResponse:
        figures = await asyncio.to_thread(self.portal.search.statistics, request.court_code)
        return pb.GetPublicStatisticsResponse(
            courts=[figures_message(f) for f in figures.courts],
            regions=[figures_message(f) for f in figures.regions])
