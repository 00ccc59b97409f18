"""终本, 恢复执行, 结案, 执行转破产, 委托执行, sanctions and 拒执 referrals (R16–R19,
R44, R45): the acts that end or escalate a case, most of them for its team only."""

from __future__ import annotations

import asyncio
from typing import TypeAlias
from uuid import UUID

import grpc

from zhixing.cases.api.base import ServicerBase
from zhixing.cases.api.messages import referral_message
from zhixing.cases.api.translate import case_message, parse_date, parse_uuid
from zhixing.cases.application.conclusion import referral_missing
from zhixing.cases.domain.referral import RefusalReferral
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import Identity

Context: TypeAlias = grpc.aio.ServicerContext


class ConclusionRpcs(ServicerBase):
    @maps_errors
    async def CheckConclusion(self, request: pb.CheckConclusionRequest,
                              context: Context) -> pb.CheckConclusionResponse:
        case, _ = await self._case(request.case)
        unmet = await asyncio.to_thread(self.app.check_conclusion, case.id)
        return pb.CheckConclusionResponse(
            unmet=[pb.UnmetPrecondition(rule=rule, text=text) for rule, text in unmet],
            may_conclude=not unmet)

    @maps_errors
    async def ConcludeCase(self, request: pb.ConcludeCaseRequest,
                           context: Context) -> pb.ConcludeCaseResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number, "终结本次执行程序",
                                  lambda: self.app.conclude_case(case.id))
        return pb.ConcludeCaseResponse(case=case_message(updated))

    @maps_errors
    async def ResumeCase(self, request: pb.ResumeCaseRequest,
                         context: Context) -> pb.ResumeCaseResponse:
        case, caller = await self._case(request.case)
        resumed = await self._act(caller, case.case_number, "恢复执行",
                                  lambda: self.app.resume_case(
                                      case.id, request.reason or "applicant_request"))
        await self._audit(caller, resumed.case_number,
                          f"恢复执行 of {case.case_number}")
        return pb.ResumeCaseResponse(case=case_message(resumed),
                                     original_case_number=case.case_number)

    @maps_errors
    async def CloseCase(self, request: pb.CloseCaseRequest,
                        context: Context) -> pb.CloseCaseResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "结案",
                                  lambda: self.app.close_case(case.id, request.closure))
        return pb.CloseCaseResponse(case=case_message(updated))

    @maps_errors
    async def TransferToBankruptcy(self, request: pb.TransferToBankruptcyRequest,
                                   context: Context) -> pb.TransferToBankruptcyResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "执行转破产",
                                  lambda: self.app.transfer_to_bankruptcy(case.id,
                                                                          request.consent_of))
        return pb.TransferToBankruptcyResponse(case=case_message(updated))

    @maps_errors
    async def DelegateCase(self, request: pb.DelegateCaseRequest,
                           context: Context) -> pb.DelegateCaseResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "委托执行",
                                  lambda: self.app.delegate_case(case.id, request.to_court))
        return pb.DelegateCaseResponse(case=case_message(updated))

    @maps_errors
    async def DecideSanction(self, request: pb.DecideSanctionRequest,
                             context: Context) -> pb.DecideSanctionResponse:
        case, caller = await self._case(request.case)
        updated, sanction_id = await self._act(
            caller, case.case_number, "罚款/拘留决定",
            lambda: self.app.decide_sanction(
                case.id, request.kind, amount_fen=request.amount_fen, days=request.days,
                document_number=request.document_number))
        return pb.DecideSanctionResponse(case=case_message(updated), sanction_id=sanction_id)

    @maps_errors
    async def ReferRefusal(self, request: pb.ReferRefusalRequest,
                           context: Context) -> pb.ReferRefusalResponse:
        case, caller = await self._case(request.case)
        referral = await self._act(caller, case.case_number, "拒执罪移送",
                                   lambda: self.app.refer_refusal(
                                       case.id, request.document_number,
                                       parse_date(request.decided_on, "decided_on")))
        return pb.ReferRefusalResponse(referral=referral_message(referral))

    @maps_errors
    async def AdvanceReferral(self, request: pb.AdvanceReferralRequest,
                              context: Context) -> pb.AdvanceReferralResponse:
        referral, caller = await self._referral(request.referral_id)
        advanced = await self._act(caller, referral.case_number,
                                   "拒执罪移送",
                                   lambda: self.app.advance_referral(
                                       referral.id, request.stage, request.document_number,
                                       parse_date(request.decided_on, "decided_on")))
        return pb.AdvanceReferralResponse(referral=referral_message(advanced))

    @maps_errors
    async def GetReferral(self, request: pb.GetReferralRequest,
                          context: Context) -> pb.GetReferralResponse:
        referral, _ = await self._referral(request.referral_id)
        return pb.GetReferralResponse(referral=referral_message(referral))

    async def _referral(self, referral_id: str) -> tuple[RefusalReferral, Identity | None]:
        """A referral, once the caller may act on it: its court (another court's is
        answered as an unknown one) and, for a team-scoped RPC, its case's team."""
        parsed = parse_uuid(referral_id, "referral_id")
        referral = await self._found(lambda: self.app.get_referral(parsed))
        case = await asyncio.to_thread(self.app.get_case, UUID(referral.case_id))
        caller = await self._authorize_visible(referral.court_code, referral.case_number,
                                               referral_missing, team=case.team)
        return referral, caller
