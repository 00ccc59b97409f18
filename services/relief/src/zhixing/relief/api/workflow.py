"""The steps of a relief case over gRPC (R29–R32): notice, application, review,
decision, payment, notice of arrival, revocation and repayment — each by the role R31
names for it, in the court that decides it, audited."""

from __future__ import annotations

from typing import TypeAlias

import grpc

from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb
from zhixing.kernel.masking import excerpt
from zhixing.relief.api.base import ServicerBase
from zhixing.relief.api.translate import application_message, hardship_from, plain, required
from zhixing.relief.domain.values import ExceptionalDecision
from zhixing.runtime.errors import maps_errors
from zhixing.security.identity import Identity

Context: TypeAlias = grpc.aio.ServicerContext


def _by(caller: Identity | None) -> str:
    return caller.subject if caller else ""


class WorkflowRpcs(ServicerBase):
    @maps_errors
    async def NotifyRight(self, request: pb.NotifyRightRequest,
                          context: Context) -> pb.NotifyRightResponse:
        facts, caller = await self._case(request.case_ref)
        on = self._day(request.notified_on, "notified_on")
        await self._act(caller, facts.case_number, "告知申请司法救助权利",
                        lambda: self.app.notify_right(facts.case_id, request.party_index, on,
                                                      _by(caller)))
        return pb.NotifyRightResponse(case_id=facts.case_id, party_index=request.party_index,
                                      notified_on=on.isoformat())

    @maps_errors
    async def Apply(self, request: pb.ApplyRequest, context: Context) -> pb.ApplyResponse:
        facts, caller = await self._case(request.case_ref)
        hardship = hardship_from(request)
        on = self._day(request.applied_on, "applied_on")
        key = plain(request.request_id, "request_id").strip() or None
        case = await self._act(
            caller, facts.case_number, "司法救助申请",
            lambda: self.app.apply(facts.case_id, request.party_index, request.requested_fen,
                                   hardship, request.other_organ_paid, on, _by(caller),
                                   application_id=key),
            target_of=lambda filed: filed.relief_case_number)
        return pb.ApplyResponse(application=application_message(case))

    @maps_errors
    async def Review(self, request: pb.ReviewRequest, context: Context) -> pb.ReviewResponse:
        case, caller = await self._application(request.application_id)
        opinion = plain(request.opinion, "opinion", "R31")
        after = await self._act(caller, case.relief_case_number, "救助审查意见",
                                lambda: self.app.review(str(case.id), request.proposed_fen,
                                                        opinion, _by(caller)))
        return pb.ReviewResponse(application=application_message(after))

    @maps_errors
    async def Withdraw(self, request: pb.WithdrawRequest,
                       context: Context) -> pb.WithdrawResponse:
        case, caller = await self._application(request.application_id)
        on = self._day(request.withdrawn_on, "withdrawn_on")
        after = await self._act(caller, case.relief_case_number, "撤回救助申请",
                                lambda: self.app.withdraw(str(case.id), on, _by(caller)))
        return pb.WithdrawResponse(application=application_message(after))

    @maps_errors
    async def Approve(self, request: pb.ApproveRequest, context: Context) -> pb.ApproveResponse:
        case, caller = await self._application(request.application_id)
        on = self._day(request.decided_on, "decided_on")
        exceptional = ExceptionalDecision(
            decided_by=_by(caller),
            reasons=required(request.exceptional.reasons, "exceptional.reasons", "R30"),
        ) if request.HasField("exceptional") else None
        after = await self._act(caller, case.relief_case_number, "批准司法救助",
                                lambda: self.app.approve(str(case.id), request.amount_fen, on,
                                                         _by(caller), exceptional))
        return pb.ApproveResponse(application=application_message(after))

    @maps_errors
    async def Reject(self, request: pb.RejectRequest, context: Context) -> pb.RejectResponse:
        case, caller = await self._application(request.application_id)
        rule = required(request.rule, "rule", "R31")
        reason = required(request.reason, "reason", "R31")
        on = self._day(request.decided_on, "decided_on")
        # The rule is the caller's text until the domain checks it: quoted as an excerpt
        # in the audit log (R60), so a refused one cannot carry an identity number there.
        after = await self._act(caller, case.relief_case_number, f"不予救助 {excerpt(rule, 8)}",
                                lambda: self.app.reject(str(case.id), rule, reason, on,
                                                        _by(caller)))
        return pb.RejectResponse(application=application_message(after))

    @maps_errors
    async def Revoke(self, request: pb.RevokeRequest, context: Context) -> pb.RevokeResponse:
        case, caller = await self._application(request.application_id)
        reason = required(request.reason, "reason", "R32")
        on = self._day(request.revoked_on, "revoked_on")
        after = await self._act(caller, case.relief_case_number, "撤销司法救助",
                                lambda: self.app.revoke(str(case.id), reason, on, _by(caller)))
        return pb.RevokeResponse(application=application_message(after))

    @maps_errors
    async def Disburse(self, request: pb.DisburseRequest,
                       context: Context) -> pb.DisburseResponse:
        case, caller = await self._application(request.application_id)
        on = self._day(request.disbursed_on, "disbursed_on")
        after = await self._act(caller, case.relief_case_number, "发放司法救助金",
                                lambda: self.app.disburse(str(case.id), on, _by(caller)))
        return pb.DisburseResponse(application=application_message(after))

    @maps_errors
    async def RecordNotified(self, request: pb.RecordNotifiedRequest,
                             context: Context) -> pb.RecordNotifiedResponse:
        case, caller = await self._application(request.application_id)
        on = self._day(request.notified_on, "notified_on")
        after = await self._act(caller, case.relief_case_number, "告知救助金到账",
                                lambda: self.app.record_notified(str(case.id), on, _by(caller)))
        return pb.RecordNotifiedResponse(application=application_message(after))

    @maps_errors
    async def RecordRepayment(self, request: pb.RecordRepaymentRequest,
                              context: Context) -> pb.RecordRepaymentResponse:
        case, caller = await self._application(request.application_id)
        recovery = required(request.recovery_id, "recovery_id", "R32")
        on = self._day(request.repaid_on, "repaid_on")
        after = await self._act(caller, case.relief_case_number, "追回司法救助金",
                                lambda: self.app.record_fraud_repayment(
                                    str(case.id), recovery, request.amount_fen, on,
                                    _by(caller)))
        return pb.RecordRepaymentResponse(application=application_message(after))
