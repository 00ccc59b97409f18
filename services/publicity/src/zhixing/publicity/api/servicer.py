"""PublicityService over gRPC: public, masked read models (R60)."""

from __future__ import annotations

import asyncio

import grpc

from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.contracts.pb.publicity.v1 import publicity_pb2_grpc
from zhixing.publicity.application.queries import CaseProgress, CaseProgressQueries
from zhixing.runtime.errors import maps_errors
from zhixing.security.policy import Policy, PolicyBook

SERVICE = "zhixing.publicity.v1.PublicityService"
POLICIES = PolicyBook({
    f"/{SERVICE}/GetCaseProgress": Policy.anyone(),
    f"/{SERVICE}/ListCaseProgress": Policy.anyone(),
})


class PublicityServicer(publicity_pb2_grpc.PublicityServiceServicer):
    def __init__(self, queries: CaseProgressQueries) -> None:
        self.queries = queries

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


def progress_message(progress: CaseProgress) -> pb.CaseProgress:
    return pb.CaseProgress(
        case_number=progress.case_number, court_code=progress.court_code,
        court_name=progress.court_name, status=progress.status,
        status_label=progress.status_label, filed_on=progress.filed_on,
        parties=[pb.PublicParty(**party) for party in progress.parties],
        updated_at=progress.updated_at)
