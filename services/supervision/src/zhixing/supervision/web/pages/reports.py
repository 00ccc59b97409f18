"""Downloads: the congress special report (R33) and the quarterly interference summary
(R35) as PDF, HTML and CSV — the same builder as `zhixing supervise report`
(zhixing.supervision.report), from the same RPCs called with the viewer's own token: the
service decides who may have which figures (R39, R46; R35 for the interference summary).

GET /reports                        the forms
GET /reports/kpi.{pdf,html,csv}     ?court= | ?region=, ?from=, ?to= (≤ 60 months)
GET /reports/interference.{…}       ?court=, ?year=, ?quarter= (president, discipline)
Each answer is an attachment with an ASCII file name. A PDF takes a second or more of CPU:
it is drawn off the event loop, at most PDF_AT_ONCE at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import anyio
from anyio import to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.kernel.clock import legal_date
from zhixing.supervision import report as build
from zhixing.supervision.web.context import (
    PageError,
    backend_of,
    period_of,
    render,
    shell_of,
    viewer_of,
)

MAX_SCOPE = 16
"""A court code or region prefix (川0104, 成渝 …): at most this many characters."""
PDF_AT_ONCE = 2
TYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8",
         "csv": "text/csv; charset=utf-8"}


@cache
def _pdf_limiter() -> anyio.CapacityLimiter:
    return anyio.CapacityLimiter(PDF_AT_ONCE)


async def reports(request: Request) -> Response:
    """The forms: a court's or region's report for a period; the quarter's summary."""
    viewer = viewer_of(request)
    first, last = period_of(request)
    today = legal_date(shell_of(request).clock())
    return render(request, "reports.html", first=first, last=last, court=viewer.court,
                  year=today.year, quarter=(today.month - 1) // 3 + 1,
                  interference=viewer.sees_interference, formats=list(TYPES))


async def kpi_report(request: Request) -> Response:
    """专项工作报告 (R33): GetKpis for the period and the previous one of equal length (and,
    for a region, its monthly totals for the trend)."""
    kind = _kind(request)
    court, region = _scope(request)
    first, last = period_of(request)
    previous = build.previous_period(first, last)
    backend = backend_of(request)

    async def kpis(message: pb.GetKpisRequest | None) -> list[pb.Figures]:
        answer: pb.GetKpisResponse = await backend.call("GetKpis", message)
        return [*answer.rows, answer.total]

    *rows, total = await kpis(build.kpis_request(court, region, first, last))
    *_, previous_total = await kpis(build.kpis_request(court, region, *previous))
    monthly = build.kpis_request(court, region, first, last, monthly=True) if region else None
    trend = (await kpis(monthly))[:-1] if monthly else []
    made = build.KpiReport(scope_label=court or region, court_code=court, region=region,
                           from_month=first, to_month=last, rows=rows, total=total,
                           previous=previous_total,
                           generated_on=legal_date(shell_of(request).clock()), trend=trend)
    return await _download(kind, build.file_stem(made), build.kpi_html(made),
                           lambda: build.kpi_csv(made))


async def interference_report(request: Request) -> Response:
    """干预过问季度报告 (R35); a nil report (零报告) when nothing was recorded."""
    kind = _kind(request)
    court = _bounded(request, "court") or viewer_of(request).court
    today = legal_date(shell_of(request).clock())
    year = _number(request, "year", 2000, 2100, today.year)
    quarter = _number(request, "quarter", 1, 4, (today.month - 1) // 3 + 1)
    summary: pb.GetQuarterSummaryResponse = await backend_of(request).call(
        "GetQuarterSummary", pb.GetQuarterSummaryRequest(court_code=court, year=year,
                                                         quarter=quarter))
    return await _download(kind, build.interference_stem(summary),
                           build.interference_html(summary, today),
                           lambda: build.interference_csv(summary))


async def _download(kind: str, stem: str, html: str, csv: Callable[[], str]) -> Response:
    if kind == "pdf":
        body: bytes | str = await to_thread.run_sync(build.pdf, html, limiter=_pdf_limiter())
    elif kind == "html":
        body = html
    else:
        body = csv()
    # The stem is ASCII (codes and months only): no header injection, no encoding games.
    return Response(body, media_type=TYPES[kind], headers={
        "Content-Disposition": f'attachment; filename="{stem}.{kind}"',
        "Cache-Control": "no-store"})


def _kind(request: Request) -> str:
    kind = str(request.path_params["kind"])
    if kind not in TYPES:
        raise PageError(404, "报告格式：只有 pdf、html、csv")
    return kind


def _scope(request: Request) -> tuple[str, str]:
    """(court, region): one of them; the viewer's court when neither is given."""
    court, region = _bounded(request, "court"), _bounded(request, "region")
    if court and region:
        raise PageError(400, "报告范围：court（法院）与 region（地区）只能填一项（R33）")
    if not court and not region:
        court = viewer_of(request).court
    return court, region


def _bounded(request: Request, name: str) -> str:
    text = request.query_params.get(name, "").strip()
    if len(text) > MAX_SCOPE:
        raise PageError(400, f"查询参数 {name}：至多 {MAX_SCOPE} 个字符")
    return text


def _number(request: Request, name: str, low: int, high: int, default: int) -> int:
    text = request.query_params.get(name, "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit() and low <= int(text) <= high):
        raise PageError(400, f"查询参数 {name}：应为 {low} 至 {high} 的整数")
    return int(text)


routes: list[BaseRoute] = [
    Route("/reports", reports, methods=["GET", "HEAD"]),
    Route("/reports/kpi.{kind}", kpi_report, methods=["GET", "HEAD"]),
    Route("/reports/interference.{kind}", interference_report, methods=["GET", "HEAD"]),
]
