"""执行款 over gRPC: receipts, disbursements and the case account (R28)."""

from __future__ import annotations

import asyncio
from typing import TypeAlias

import grpc

from zhixing.cases.api.base import ServicerBase
from zhixing.cases.api.messages import account_message
from zhixing.cases.api.translate import parse_past_date
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.runtime.errors import maps_errors

Context: TypeAlias = grpc.aio.ServicerContext


class MoneyRpcs(ServicerBase):
    @maps_errors
    async def RecordPayment(self, request: pb.RecordPaymentRequest,
                            context: Context) -> pb.RecordPaymentResponse:
        case, caller = await self._case(request.case)
        account = await self._act(
            caller, case.case_number, "执行款到账",
            lambda: self.app.record_payment(
                case.id, request.reference, request.amount_fen, request.source or "voluntary",
                # R28: money is recorded once it has arrived (issue 12: 9999-12-31 overran
                # the calendar when its 30-day deadline was counted)
                parse_past_date(request.received_on, "received_on", self.app.today(), "R28")
                if request.received_on else None))
        return pb.RecordPaymentResponse(account=account_message(account))

    @maps_errors
    async def Disburse(self, request: pb.DisburseRequest,
                       context: Context) -> pb.DisburseResponse:
        case, caller = await self._case(request.case)
        account = await self._act(caller, case.case_number,
                                  "执行款发放",
                                  lambda: self.app.disburse(case.id, request.reference,
                                                            request.payee, request.amount_fen))
        return pb.DisburseResponse(account=account_message(account))

    @maps_errors
    async def GetAccount(self, request: pb.GetAccountRequest,
                         context: Context) -> pb.GetAccountResponse:
        case, caller = await self._case(request.case)
        account = await asyncio.to_thread(self.app.get_account, case.id)
        # R46: who read the money of which case, and when.
        await self._audit(caller, case.case_number, "read case account")
        return pb.GetAccountResponse(account=account_message(account))
