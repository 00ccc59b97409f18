"""PublicityService over gRPC: public, masked read models (R60)."""

from __future__ import annotations

import asyncio

import grpc

from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.contracts.pb.publicity.v1 import publicity_pb2_grpc
from zhixing.publicity.api.leads import LeadRpcs
from zhixing.publicity.api.parties import PartyRpcs
from zhixing.publicity.api.policies import POLICIES, SERVICE
from zhixing.publicity.api.search import SearchRpcs
from zhixing.publicity.api.typical import TypicalCaseRpcs
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.application.queries import (
    CaseProgress,
    CourtStatistics,
    DishonestEntry,
)
from zhixing.runtime.errors import maps_errors

__all__ = ["POLICIES", "SERVICE", "PublicityServicer"]


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
        page, token = await asyncio.to_thread(
            self.dishonest.list, request.court_code, request.name, request.page_size or 50,
            request.page_token)
        return pb.ListDishonestResponse(entries=[dishonest_message(e) for e in page],
                                        next_page_token=token)

    @maps_errors
    async def CourtCreditStatistics(
            self, request: pb.CourtCreditStatisticsRequest,
            context: grpc.aio.ServicerContext) -> pb.CourtCreditStatisticsResponse:
        figures = await asyncio.to_thread(self.dishonest.statistics, request.court_code)
        return pb.CourtCreditStatisticsResponse(
            statistics=[statistics_message(f) for f in figures])


def progress_message(progress: CaseProgress) -> pb.CaseProgress:
    return pb.CaseProgress(
        case_number=progress.case_number, court_code=progress.court_code,
        court_name=progress.court_name, status=progress.status,
        status_label=progress.status_label, filed_on=progress.filed_on,
        parties=[pb.PublicParty(**party) for party in progress.parties],
        updated_at=progress.updated_at)


def dishonest_message(entry: DishonestEntry) -> pb.DishonestEntry:
    return pb.DishonestEntry(
        listing_id=entry.listing_id, debtor_kind=entry.debtor_kind, name=entry.name,
        sex=entry.sex, age=entry.age or 0, identity=entry.identity,
        legal_representative=entry.legal_representative, conduct=entry.conduct,
        case_number=entry.case_number, court_code=entry.court_code,
        court_name=entry.court_name, filed_on=entry.filed_on,
        case_status_label=entry.case_status_label,
        decided_on=entry.decided_on, published_on=entry.published_on)


def statistics_message(figures: CourtStatistics) -> pb.CourtStatistics:
    return pb.CourtStatistics(
        court_code=figures.court_code, court_name=figures.court_name,
        listed_now=figures.listed_now, published_total=figures.published_total,
        removed_by_reason=figures.removed_by_reason,
        restrictions_issued=figures.restrictions_issued,
        restrictions_lifted=figures.restrictions_lifted)
