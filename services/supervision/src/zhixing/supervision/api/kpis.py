"""The figures over gRPC (R33): a court month by month, a region court by court or month
by month, and the cases behind a figure — court staff of the scope, a procurator only
the cases its matters name, congress none (aggregates only; its policy refuses
DrillDown)."""

from __future__ import annotations

from typing import Any, TypeAlias

import grpc

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.courts import CourtCode
from zhixing.kernel.errors import InvalidInput
from zhixing.runtime.errors import maps_errors
from zhixing.supervision.api.base import ServicerBase, off_loop, one_scope
from zhixing.supervision.api.translate import (
    case_row_message,
    choice_of,
    figures_message,
    months,
    page_bounds,
    page_of,
)

Context: TypeAlias = grpc.aio.ServicerContext
PAGE_MOST = 500
"""The read model's largest page (`KpiQueries.drill`)."""
FIGURES = ("received", "closed", "pending", "zhongben", "zhongben_noncompliant",
           "overdue_nodes", "closed_beyond_limit", "removals_late", "relief_late")
"""The figures a drill-down names (`KpiQueries.drill`)."""


def _nests(court: str) -> bool:
    """Whether other courts nest in `court` (R39: a basic court, 4 area digits, holds
    none)."""
    try:
        return CourtCode.parse(court).level != "basic"
    except InvalidInput:
        return True


def _number_court(case_number: str) -> str:
    """The court a 案号 carries (R38), "" when it is none (kept before numbers were
    checked)."""
    try:
        return str(CaseNumber.parse(case_number).court)
    except (InvalidInput, ValueError):
        return ""


class KpiRpcs(ServicerBase):
    def _named_rows(self, prefixes: tuple[str, ...], own: str, first: str, last: str,
                    figure: str, named: tuple[frozenset[str], frozenset[str]]) -> list[Any]:
        """The cases behind a figure that the scope's matters name (R46), read court by
        court — only the courts those cases are of, in the read model's order (court
        code first) — rather than every case of the scope; `own`: only that court's."""
        ids, numbers = named
        courts = {self.reads.kpis.court_of(case_id) for case_id in ids}
        courts |= {_number_court(number) for number in numbers}
        rows: list[Any] = []
        for court in sorted(c for c in courts if c and (c == own if own else
                                                         c.startswith(prefixes))):
            only = court if _nests(court) else ""
            rows.extend(row for row in self._every_row(court, first, last, figure, only)
                        if row.court_code == court
                        and (row.case_id in ids or row.case_number in numbers))
        return rows

    def _every_row(self, scope: str, first: str, last: str, figure: str,
                   only: str = "") -> list[Any]:
        """Every case behind a figure, page by page of the read model's largest; `only`
        a court's own. The read model orders by court code, and a court's code sorts
        before every code nested in it: its own cases come first, and the reading stops
        at the first case of another."""
        rows: list[Any] = []
        while True:
            page = self.reads.kpis.drill(scope, first, last, figure, page_size=PAGE_MOST,
                                         offset=len(rows))
            rows.extend(page)
            if len(page) < PAGE_MOST or (only and page[-1].court_code != only):
                return rows

    @maps_errors
    async def GetKpis(self, request: pb.GetKpisRequest, context: Context) -> pb.GetKpisResponse:
        one_scope(request.court_code, request.region)
        prefixes, _caller = await self._scope(request.court_code, request.region)
        first, last = months(request.from_month, request.to_month)
        if request.region.strip():
            # A region court by court, or (monthly) its totals month by month.
            read = self.reads.kpis.region_months if request.monthly else self.reads.kpis.region
            rows = await off_loop(read, request.region.strip(), first, last)
        else:
            rows = await off_loop(self.reads.kpis.court_months, prefixes[0], first, last)
        *each, total = rows  # one row a month (or a court), then the period's total
        return pb.GetKpisResponse(rows=[figures_message(row) for row in each],
                                  total=figures_message(total))

    @maps_errors
    async def DrillDown(self, request: pb.DrillDownRequest,
                        context: Context) -> pb.DrillDownResponse:
        one_scope(request.court_code, request.region)
        prefixes, caller = await self._scope(request.court_code, request.region)
        first, last = months(request.from_month, request.to_month)
        figure = choice_of(FIGURES, request.figure, "figure", "R33")
        scope = request.region.strip() or prefixes[0]
        # R33: a court's figure counts its own cases (川01 is the intermediate court
        # itself, `KpiQueries.court_months`), a region's every court nested in it; the
        # cases behind a figure are those it counts. The read model drills by prefix.
        own = "" if request.region.strip() else prefixes[0]
        only_own = bool(own) and _nests(own)
        named: tuple[frozenset[str], frozenset[str]] | None = None
        if caller is not None and caller.role == "procurator":
            # R46: behind a figure, a procurator sees only the cases its matters name —
            # by id, or by the 案号 its document cites.
            named = (await off_loop(self.reads.matters.case_ids_named, prefixes),
                     await off_loop(self.reads.matters.case_numbers_named, prefixes))
        start, size = page_bounds(request.page_size, request.page_token)
        if named is not None:
            kept = await off_loop(self._named_rows, prefixes, own if only_own else "",
                                  first, last, figure, named)
            page, token = page_of(kept, request.page_size, request.page_token)
        elif only_own:
            every = await off_loop(self._every_row, scope, first, last, figure, own)
            page, token = page_of([row for row in every if row.court_code == own],
                                  request.page_size, request.page_token)
        else:
            page = await off_loop(self.reads.kpis.drill, scope, first, last, figure,
                                  page_size=size, offset=start)
            token = str(start + size) if len(page) == size else ""
        await self._audit(caller, scope, f"查看指标明细 {figure} {first}..{last}")
        return pb.DrillDownResponse(cases=[case_row_message(row) for row in page],
                                    next_page_token=token)
