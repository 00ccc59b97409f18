"""The region at a glance (全辖概览): KPIs per court, the trend per month, the courts
furthest from their targets (R33).

Two GetKpis calls with the viewer's own token — the region court by court, and its
totals month by month — so what a region shows is what the servicer lets the viewer see
(R39, R46). Every figure links to the cases behind it unless the viewer sees aggregates
only (congress, discipline).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision import charts
from zhixing.supervision.web.context import PageError, backend_of, period_of, render, viewer_of
from zhixing.supervision.web.pages import figures, formats
from zhixing.supervision.web.targets import TARGETS, Direction, Target, furthest_from_targets

MAX_SCOPE = 64
"""The longest region or court code a page accepts (the RPCs' own bound)."""


async def together(*calls: Awaitable[Any]) -> list[Any]:
    """The answers of independent RPCs made at once; the first refusal is raised once all
    are done (none is left running or unretrieved)."""
    answers = await asyncio.gather(*calls, return_exceptions=True)
    for answer in answers:
        if isinstance(answer, BaseException):
            raise answer
    return answers


def region_of(request: Request, own: str) -> str:
    """?region=, bounded, or the viewer's own court code (a prefix: its region, R39)."""
    region = request.query_params.get("region", "").strip() or own
    if not region:  # a viewer of no court (a province's office) names the region
        raise PageError(400, "region（地区）：请指明要查看的地区，例如 ?region=川 或 ?region=成渝（R39）")
    if len(region) > MAX_SCOPE:
        raise PageError(400, f"region（地区）至多 {MAX_SCOPE} 个字符（R39）")
    return region


def target_text(target: Target) -> str:
    """"结案率：不低于 80.0%"."""
    bound = "不低于" if target.direction is Direction.AT_LEAST else "不高于"
    value = formats.percent(target.value) if target.unit == "%" else formats.days(target.value)
    return f"{target.label}：{bound} {value}"


def trend(months: Sequence[pb.Figures], title: str = "全辖质效走势（按月）") -> Markup:
    """结案率, 执行到位率 and 终本合规率 per month, in percent."""
    def series(name: str, field: str) -> charts.Series:
        return charts.Series(name, [getattr(m, field) * 100 if m.HasField(field) else None
                                    for m in months])
    return charts.line([series("结案率", "closure_rate"), series("执行到位率", "recovered_rate"),
                        series("终本合规率", "zhongben_compliance")],
                       [m.month for m in months], title=title, unit="%")


def ranking(rows: Sequence[pb.Figures]) -> Markup:
    """The courts furthest from their targets, the furthest on top."""
    items = [(f"{r.court_code} {r.worst}".strip(),
              None if r.distance is None else r.distance * 100)
             for r in furthest_from_targets(rows)]
    return charts.bars(items, title="距考核目标差距（平均差距，越长越远）", unit="%")


def region_view(courts: pb.GetKpisResponse, months: pb.GetKpisResponse, *, region: str,
                first: str, last: str, root: str, links: bool) -> dict[str, Any]:
    """What the region template shows, from the two GetKpis answers."""
    def row_cells(f: pb.Figures, scope: str) -> list[figures.Cell]:
        return figures.cells(f, scope=scope, first=first, last=last, root=root, links=links)
    rows = [(f.court_code, figures.court_href(root, f.court_code, first, last),
             row_cells(f, f.court_code)) for f in courts.rows]
    whole = figures.scope_of(courts.total, region)
    return {"region": region, "first": first, "last": last, "headers": figures.headers(),
            "rows_of_table": rows, "total": row_cells(courts.total, whole),
            "headline": figures.headline(courts.total, scope=whole, first=first, last=last,
                                         root=root, links=links),
            "trend": trend(months.rows), "ranking": ranking(courts.rows),
            "targets": [target_text(t) for t in TARGETS]}


async def region(request: Request) -> Response:
    """/command/ — the viewer's region (or ?region=) over the period (?from=&to=)."""
    viewer = viewer_of(request)
    first, last = period_of(request)
    area = region_of(request, viewer.court)
    backend = backend_of(request)
    courts, months = await together(
        backend.call("GetKpis", pb.GetKpisRequest(region=area, from_month=first, to_month=last)),
        backend.call("GetKpis", pb.GetKpisRequest(region=area, from_month=first, to_month=last,
                                                  monthly=True)))
    view = region_view(courts, months, region=area, first=first, last=last,
                       root=figures.root_of(request), links=viewer.sees_cases)
    return render(request, "region.html", **view)


routes: list[BaseRoute] = [Route("/", region, methods=["GET", "HEAD"], name="region")]
