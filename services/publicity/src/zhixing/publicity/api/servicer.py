"""PublicityService over gRPC: public, masked read models (R60)."""

from __future__ import annotations

import asyncio

import grpc

from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.contracts.pb.publicity.v1 import publicity_pb2_grpc
from zhixing.publicity.api.leads import LeadRpcs
from zhixing.publicity.api.messages import dishonest_message, progress_message, statistics_message
from zhixing.publicity.api.parties import PartyRpcs
from zhixing.publicity.api.policies import POLICIES, SERVICE
from zhixing.publicity.api.search import SearchRpcs
from zhixing.publicity.api.typical import TypicalCaseRpcs
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.application.search import PAGE_SIZE
from zhixing.runtime.errors import maps_errors

__all__ = ["POLICIES", "SERVICE", "PublicityServicer", "dishonest_message", "progress_message",
           "statistics_message"]


class PublicityServicer(SearchRpcs, TypicalCaseRpcs, LeadRpcs, PartyRpcs,
                        publicity_pb2_grpc.PublicityServiceServicer):
    """Every RPC of PublicityService: public, masked reads (R60) and what the public and
    the parties send (issue 17)."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.queries = portal.progress
        self.dishonest = portal.dishonest

    @maps_errors
    async def GetCaseProgress(self, request: pb.GetCaseProgressRequest,
                              context: grpc.aio.ServicerContext) -> pb.GetCaseProgressResponse:
        progress = await asyncio.to_thread(self.queries.get, request.case_number)
        return pb.GetCaseProgressResponse(progress=progress_message(progress))

    @maps_errors
    async def ListCaseProgress(self, request: pb.ListCaseProgressRequest,
                               context: grpc.aio.ServicerContext) -> pb.ListCaseProgressResponse:
        page, token = await asyncio.to_thread(
            self.queries.list, request.court_code, request.page_size or 50, request.page_token)
        return pb.ListCaseProgressResponse(progress=[progress_message(p) for p in page],
                                           next_page_token=token)

    @maps_errors
    async def ListDishonest(self, request: pb.ListDishonestRequest,
                            context: grpc.aio.ServicerContext) -> pb.ListDishonestResponse:
        # Issue 17: the public list's paging limits (PAGE_SIZE_MAX, PAGES_MAX, R61).
        page, token = await asyncio.to_thread(
            self.portal.search.dishonest, request.court_code, request.page_size or PAGE_SIZE,
            request.page_token, request.name)
        return pb.ListDishonestResponse(entries=[dishonest_message(e) for e in page],
                                        next_page_token=token)

    @maps_errors
    async def CourtCreditStatistics(
            self, request: pb.CourtCreditStatisticsRequest,
            context: grpc.aio.ServicerContext) -> pb.CourtCreditStatisticsResponse:
        figures = await asyncio.to_thread(self.dishonest.statistics, request.court_code)
        return pb.CourtCreditStatisticsResponse(
            statistics=[statistics_message(f) for f in figures])
