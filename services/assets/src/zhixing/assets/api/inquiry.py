"""AssetInquiryService: network inquiries, the property picture and investigations.

Property results are for the case's team and the bench (R46), and every read of them is
audited with who, why (the case number) and when.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import TypeAlias
from uuid import UUID

import grpc

from zhixing.assets.api.base import AssetsServicerBase
from zhixing.assets.api.leads import LeadRpcs
from zhixing.assets.api.policies import INQUIRY
from zhixing.assets.application import AssetsApplication
from zhixing.assets.application.inquiries import inquiry_missing
from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.assets.domain.inquiry import Inquiry
from zhixing.assets.projections.cases_seen import CasesSeenQueries
from zhixing.assets.projections.inquiries import InquiryQueries
from zhixing.assets.projections.leads import LeadListQueries
from zhixing.assets.property import PropertyPicture, picture_of
from zhixing.contracts.pb.assets.v1 import inquiry_pb2 as pb
from zhixing.contracts.pb.assets.v1 import inquiry_pb2_grpc
from zhixing.kernel.identity import canonical_identity
from zhixing.kernel.masking import mask_id_number
from zhixing.runtime.errors import maps_errors
from zhixing.security.audit import AuditLog

Context: TypeAlias = grpc.aio.ServicerContext
SERVICE = "zhixing.assets.v1.AssetInquiryService"
POLICIES = INQUIRY


class AssetInquiryServicer(LeadRpcs, AssetsServicerBase,
                           inquiry_pb2_grpc.AssetInquiryServiceServicer):
    POLICIES = POLICIES

    def __init__(self, app: AssetsApplication, audit: AuditLog, cases: CasesSeenQueries,
                 inquiries: InquiryQueries, leads: LeadListQueries | None = None) -> None:
        super().__init__(app, audit, cases)
        self.inquiries = inquiries
        self.leads = leads or LeadListQueries(inquiries.store)

    @maps_errors
    async def StartInquiry(self, request: pb.StartInquiryRequest,
                           context: Context) -> pb.StartInquiryResponse:
        case, caller = await self._case(request.case_id)
        occasion = f"demand:{self.app.today().isoformat()}"  # one on-demand round a day
        started = await self._act(
            caller, case.case_number, "发起网络查控",
            lambda: self.app.start_inquiries(case.ref, occasion,
                                             only=canonical_identity(request.debtor_identity_number)))
        return pb.StartInquiryResponse(inquiries=[inquiry_message(i) for i in started])

    @maps_errors
    async def GetInquiry(self, request: pb.GetInquiryRequest,
                         context: Context) -> pb.GetInquiryResponse:
        inquiry_id = _uuid(request.inquiry_id, "inquiry_id")
        inquiry = await self._found(lambda: self.app.get_inquiry(inquiry_id))
        case, caller = await self._case(inquiry.case_id, inquiry_missing)
        await self._audit(caller, case.case_number, "查看查控反馈")
        return pb.GetInquiryResponse(inquiry=inquiry_message(inquiry))

    @maps_errors
    async def ListCaseInquiries(self, request: pb.ListCaseInquiriesRequest,
                                context: Context) -> pb.ListCaseInquiriesResponse:
        case, caller = await self._case(request.case_id)
        found = await asyncio.to_thread(self._inquiries_of, case.case_id)
        await self._audit(caller, case.case_number, "查看查控记录")
        return pb.ListCaseInquiriesResponse(inquiries=[inquiry_message(i) for i in found])

    @maps_errors
    async def GetPropertyPicture(self, request: pb.GetPropertyPictureRequest,
                                 context: Context) -> pb.GetPropertyPictureResponse:
        case, caller = await self._case(request.case_id)
        debtor = canonical_identity(request.debtor_identity_number)
        picture = await self._act(caller, case.case_number,
                                  "查看被执行人财产查控结果",
                                  lambda: picture_of(self._inquiries_of(case.case_id), debtor))
        return picture_message(picture)

    @maps_errors
    async def ListOverdueAnswers(self, request: pb.ListOverdueAnswersRequest,
                                 context: Context) -> pb.ListOverdueAnswersResponse:
        caller = await self._authorize(None)
        court = caller.court if caller is not None else ""
        rows = await asyncio.to_thread(self.inquiries.overdue, court)
        return pb.ListOverdueAnswersResponse(overdue=[
            pb.OverdueAnswer(request_id=r.request_id, inquiry_id=r.inquiry_id,
                             case_number=r.case_number, agency_id=r.agency_id,
                             agency_kind=r.agency_kind, reply_by=r.reply_by) for r in rows])

    @maps_errors
    async def RecordInvestigation(self, request: pb.RecordInvestigationRequest,
                                  context: Context) -> pb.RecordInvestigationResponse:
        case, caller = await self._case(request.case_id)
        if not request.request_id.strip():
            raise InvalidAssetInput("give a request_id so a retry records nothing twice",
                                    field="request_id")
        recorded = await self._act(
            caller, case.case_number, "记录财产调查措施",
            lambda: self.app.record_investigation(
                case.ref, request.request_id.strip(), request.measure,
                _day(request.recorded_on, self.app.today()), request.property_found,
                request.outcome))
        return pb.RecordInvestigationResponse(investigation_id=str(recorded.id))

    def _inquiries_of(self, case_id: str) -> list[Inquiry]:
        return [self.app.get_inquiry(UUID(i)) for i in self.inquiries.of_case(case_id)]


def inquiry_message(i: Inquiry) -> pb.Inquiry:
    return pb.Inquiry(
        inquiry_id=str(i.id), case_id=i.case_id, case_number=i.case_number,
        court_code=i.court_code, debtor=mask_id_number(i.debtor_identity_number),
        status="completed" if i.completed else "open", started_at=i.started_at,
        completed_at=i.completed_at, requery=i.requery,
        disposable_property_found=i.disposable_property_found,
        agencies=[pb.AgencyStatus(request_id=r["request_id"], agency_id=r["agency_id"],
                                  agency_kind=r["agency_kind"], status=r["status"],
                                  attempts=r["attempts"], reply_by=r["reply_by"])
                  for r in i.requests.values()])


def picture_message(p: PropertyPicture) -> pb.GetPropertyPictureResponse:
    return pb.GetPropertyPictureResponse(
        holdings=[pb.FoundHolding(**h) for h in p.holdings],
        disposable_value_fen=p.disposable_value_fen, overdue_agency_ids=p.overdue_agency_ids)


def _day(value: str, today: date) -> str:
    """A date the investigation was recorded on: YYYY-MM-DD, not in the future."""
    if not value.strip():
        return today.isoformat()
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidAssetInput("expected a date, YYYY-MM-DD", field="recorded_on") from None
    if day > today:
        raise InvalidAssetInput("an investigation cannot be recorded in the future",
                                field="recorded_on")
    return day.isoformat()


def _uuid(value: str, field: str) -> UUID:
    try:
        return UUID(value.strip())
    except ValueError:
        raise InvalidAssetInput("not an id", field=field) from None
