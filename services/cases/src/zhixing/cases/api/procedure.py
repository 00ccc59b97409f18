"""From 分案 to the property report, time limits, 约谈 and 执行和解 (R5, R17, R26, R27)."""

from __future__ import annotations

from typing import TypeAlias

import grpc

from zhixing.cases.api.base import ServicerBase
from zhixing.cases.api.translate import case_message, instalments_from, parse_date
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.runtime.errors import maps_errors

Context: TypeAlias = grpc.aio.ServicerContext


class ProcedureRpcs(ServicerBase):
    @maps_errors
    async def AssignCase(self, request: pb.AssignCaseRequest,
                         context: Context) -> pb.AssignCaseResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number, "分案",
                                  lambda: self.app.assign_case(
                                      case.id, request.team, request.lead_officer,
                                      lead_officer_name=request.lead_officer_name,
                                      team_phone=request.team_phone))
        return pb.AssignCaseResponse(case=case_message(updated))

    @maps_errors
    async def ServeNotice(self, request: pb.ServeNoticeRequest,
                          context: Context) -> pb.ServeNoticeResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "送达执行通知书、报告财产令",
                                  lambda: self.app.serve_notice(case.id))
        return pb.ServeNoticeResponse(case=case_message(updated))

    @maps_errors
    async def RequestLeads(self, request: pb.RequestLeadsRequest,
                           context: Context) -> pb.RequestLeadsResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "通知申请人提供财产线索",
                                  lambda: self.app.request_leads(case.id))
        return pb.RequestLeadsResponse(case=case_message(updated))

    @maps_errors
    async def ReceiveLead(self, request: pb.ReceiveLeadRequest,
                          context: Context) -> pb.ReceiveLeadResponse:
        case, caller = await self._case(request.case)
        updated, lead_id = await self._act(caller, case.case_number,
                                           "收到财产线索",
                                           lambda: self.app.receive_lead(case.id))
        return pb.ReceiveLeadResponse(case=case_message(updated), lead_id=lead_id)

    @maps_errors
    async def VerifyLead(self, request: pb.VerifyLeadRequest,
                         context: Context) -> pb.VerifyLeadResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number, "核查财产线索",
                                  lambda: self.app.verify_lead(case.id, request.lead_id,
                                                               request.found))
        return pb.VerifyLeadResponse(case=case_message(updated))

    @maps_errors
    async def AnswerPartyMessage(self, request: pb.AnswerPartyMessageRequest,
                                 context: Context) -> pb.AnswerPartyMessageResponse:
        case, caller = await self._case(request.case)
        _, answered_on = await self._act(
            caller, case.case_number, "答复当事人留言",
            lambda: self.app.answer_party_message(case.id, request.message_id, request.answer))
        return pb.AnswerPartyMessageResponse(message_id=request.message_id,
                                             answered_on=answered_on)

    @maps_errors
    async def RecordPropertyReport(self, request: pb.RecordPropertyReportRequest,
                                   context: Context) -> pb.RecordPropertyReportResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "被执行人报告财产",
                                  lambda: self.app.record_property_report(case.id))
        return pb.RecordPropertyReportResponse(case=case_message(updated))

    @maps_errors
    async def ExtendDeadline(self, request: pb.ExtendDeadlineRequest,
                             context: Context) -> pb.ExtendDeadlineResponse:
        case, caller = await self._case(request.case)
        approver, role = (caller.subject, str(caller.role)) if caller else ("", "")
        updated = await self._act(caller, case.case_number, "延长执行期限",
                                  lambda: self.app.extend_deadline(
                                      case.id, request.node,
                                      parse_date(request.due_on, "due_on"),
                                      approver=approver, approver_role=role))
        return pb.ExtendDeadlineResponse(case=case_message(updated))

    @maps_errors
    async def InterviewApplicant(self, request: pb.InterviewApplicantRequest,
                                 context: Context) -> pb.InterviewApplicantResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "约谈申请执行人",
                                  lambda: self.app.interview_applicant(case.id, request.summary))
        return pb.InterviewApplicantResponse(case=case_message(updated))

    @maps_errors
    async def ReportDebtorMissing(self, request: pb.ReportDebtorMissingRequest,
                                  context: Context) -> pb.ReportDebtorMissingResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "被执行人下落不明",
                                  lambda: self.app.report_debtor_missing(case.id))
        return pb.ReportDebtorMissingResponse(case=case_message(updated))

    @maps_errors
    async def RecordDebtorSearch(self, request: pb.RecordDebtorSearchRequest,
                                 context: Context) -> pb.RecordDebtorSearchResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "查找被执行人",
                                  lambda: self.app.record_debtor_search(case.id,
                                                                        request.located))
        return pb.RecordDebtorSearchResponse(case=case_message(updated))

    @maps_errors
    async def AgreeSettlement(self, request: pb.AgreeSettlementRequest,
                              context: Context) -> pb.AgreeSettlementResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number, "执行和解",
                                  lambda: self.app.agree_settlement(
                                      case.id, instalments_from(request)))
        return pb.AgreeSettlementResponse(case=case_message(updated))

    @maps_errors
    async def PerformSettlement(self, request: pb.PerformSettlementRequest,
                                context: Context) -> pb.PerformSettlementResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "和解协议履行完毕",
                                  lambda: self.app.perform_settlement(case.id))
        return pb.PerformSettlementResponse(case=case_message(updated))

    @maps_errors
    async def RecordSettlementDefault(self, request: pb.RecordSettlementDefaultRequest,
                                      context: Context) -> pb.RecordSettlementDefaultResponse:
        case, caller = await self._case(request.case)
        updated = await self._act(caller, case.case_number,
                                  "不履行和解协议",
                                  lambda: self.app.settlement_defaulted(case.id))
        return pb.RecordSettlementDefaultResponse(case=case_message(updated))
