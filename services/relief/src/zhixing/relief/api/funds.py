"""The money side over gRPC: the R30 wage table, the courts' funds and their ledgers
(R32), and the reports of fund use."""

from __future__ import annotations

import asyncio
from typing import TypeAlias

import grpc

from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.kernel.masking import excerpt
from zhixing.relief.api.base import ServicerBase
from zhixing.relief.api.translate import (
    empty_fund,
    fund_message,
    movement_message,
    parse_year,
    report_message,
    required,
    wage_message,
)
from zhixing.relief.domain.values import FundEntryKind
from zhixing.runtime.errors import maps_errors

Context: TypeAlias = grpc.aio.ServicerContext
PAGE, MOST = 50, 500


class FundRpcs(ServicerBase):
    @maps_errors
    async def EnterWage(self, request: pb.EnterWageRequest,
                        context: Context) -> pb.EnterWageResponse:
        caller = await self._authorize()
        province = required(request.province, "province", "R30")
        source = required(request.source, "source", "R30")
        wage = await self._act(caller, f"{province}{request.year}", "录入职工月平均工资",
                               lambda: self.app.enter_wage(
                                   province, request.year, request.monthly_wage_fen, source,
                                   caller.subject if caller else "",
                                   demonstration=request.demonstration))
        return pb.EnterWageResponse(wage=wage_message(wage))

    @maps_errors
    async def GetWage(self, request: pb.GetWageRequest, context: Context) -> pb.GetWageResponse:
        caller = await self._authorize()
        province = request.province.strip() or (caller.court[:1] if caller else "")
        wage = await asyncio.to_thread(self.app.wage_of, province, request.year)
        if wage is None:
            # The province is the caller's text: quoted as an excerpt (R60), never whole.
            raise NotFound(f"no average monthly wage entered for {excerpt(province, 8)} "
                           f"{request.year}", rule="R30", field="year")
        return pb.GetWageResponse(wage=wage_message(wage))

    @maps_errors
    async def CreditFund(self, request: pb.CreditFundRequest,
                         context: Context) -> pb.CreditFundResponse:
        court, caller = await self._court(request.court_code)
        on = self._day(request.credited_on, "credited_on")
        kind = _kind(request.kind)
        entry = required(request.entry_id, "entry_id", "R32")
        document = required(request.document_number, "document_number", "R32")
        year = parse_year(request.year, "year", on)
        fund = await self._act(caller, f"{court} {year}", f"救助资金入账 {kind.value}",
                               lambda: self.app.credit_fund(court, year, kind, entry, document,
                                                            on, request.amount_fen))
        return pb.CreditFundResponse(fund=fund_message(fund))

    @maps_errors
    async def GetFund(self, request: pb.GetFundRequest, context: Context) -> pb.GetFundResponse:
        court, _caller = await self._court(request.court_code)
        year = parse_year(request.year, "year", self.app.today())
        start, size = page_bounds(request.page_size, request.page_token)
        fund = await asyncio.to_thread(self.app.fund_of, court, year)
        if fund is None:
            return pb.GetFundResponse(fund=empty_fund(court, year))
        ledger = list(fund.ledger)
        more = start + size < len(ledger)
        return pb.GetFundResponse(
            fund=fund_message(fund),
            ledger=[movement_message(line) for line in ledger[start:start + size]],
            next_page_token=str(start + size) if more else "")

    @maps_errors
    async def GetReport(self, request: pb.GetReportRequest,
                        context: Context) -> pb.GetReportResponse:
        court, _caller = await self._court(request.court_code)
        year = parse_year(request.year, "year", self.app.today())
        report = await asyncio.to_thread(self.reports.report, court, year)
        csv = await asyncio.to_thread(self.reports.csv, court, year) if request.csv else ""
        return pb.GetReportResponse(report=report_message(report), csv=csv)


def _kind(text: str) -> FundEntryKind:
    try:
        return FundEntryKind(text.strip())
    except ValueError:
        raise InvalidInput("the kind is appropriation (财政拨款) or donation (社会捐助)",
                           rule="R32", field="kind") from None


def page_bounds(page_size: int, page_token: str) -> tuple[int, int]:
    """Where a page starts (the token is the offset the previous page gave) and its size."""
    if not 0 <= page_size <= MOST:
        raise InvalidInput(f"the page size is 1–{MOST} (0 for {PAGE})", field="page_size")
    try:
        start = int(page_token) if page_token else 0
    except ValueError:
        start = -1
    if start < 0:
        raise InvalidInput("not a token this service gave", field="page_token")
    return start, page_size or PAGE
