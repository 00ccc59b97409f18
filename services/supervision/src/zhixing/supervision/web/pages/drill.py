"""The cases behind a figure (案件明细): DrillDown for a court's or a region's figure over
a period, one page at a time, each case linked to its file (R33).

A viewer who sees aggregates only (congress, discipline) is told so with R46 before any
call: the servicer refuses them too, this only says it in words they read. A procurator
sees only the cases its matters name — the servicer filters them (R46).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.context import PageError, backend_of, period_of, render, viewer_of
from zhixing.supervision.web.pages import figures, labels
from zhixing.supervision.web.pages.region import MAX_SCOPE

PAGE_SIZE = 50
"""Cases per page."""
MAX_TOKEN = 64
"""The longest page token accepted (DrillDownRequest.page_token's bound)."""
AGGREGATES_ONLY = "您的角色仅可查看汇总数据，不能查看案件明细（R46：执行信息按角色、法院和案件授权）"
"""What a congress or discipline viewer reads instead of a case list or a case file."""


def refuse_aggregates_only(sees_cases: bool) -> None:
    """403 for a viewer who sees aggregates only (R46)."""
    if not sees_cases:
        raise PageError(403, AGGREGATES_ONLY)


def drill_request(scope: str, figure: str, first: str, last: str, token: str) -> pb.DrillDownRequest:
    """The DrillDown request for `scope` (a court, or `region:<prefix>`), bounded."""
    if figure not in figures.DRILL_LABELS:
        raise PageError(400, f"figure（指标）须为 {'、'.join(figures.DRILL_LABELS)} 之一（R33）")
    if len(scope) > MAX_SCOPE + len(figures.REGION_SCOPE):
        raise PageError(400, f"scope（范围）至多 {MAX_SCOPE} 个字符（R39）")
    if len(token) > MAX_TOKEN:
        raise PageError(400, f"page（页码标记）至多 {MAX_TOKEN} 个字符")
    region = scope.removeprefix(figures.REGION_SCOPE) if scope.startswith(figures.REGION_SCOPE) else ""
    court = "" if region else scope
    return pb.DrillDownRequest(court_code=court, region=region, from_month=first, to_month=last,
                               figure=figure, page_size=PAGE_SIZE, page_token=token)


@dataclass(frozen=True)
class CaseLine:
    """One case behind the figure, as the table shows it."""

    case_number: str
    href: str
    court_code: str
    filed_on: str
    closed_on: str
    closure: str
    detail: str


def drill_view(answer: pb.DrillDownResponse, request: pb.DrillDownRequest, *, scope: str,
               root: str) -> dict[str, Any]:
    """The page's cases and the link to the next page."""
    cases = [CaseLine(c.case_number, figures.case_href(root, c.case_id), c.court_code, c.filed_on,
                      c.closed_on or "—", labels.closure(c.closure), c.detail or "—")
             for c in answer.cases]
    more = ""
    if answer.next_page_token:
        more = figures.drill_href(root, scope, request.figure, request.from_month,
                                  request.to_month) + "&" + urlencode({"page": answer.next_page_token})
    place = request.court_code or f"{request.region}（全辖）"
    return {"cases": cases, "next": more, "place": place, "scope": scope,
            "figure_label": figures.DRILL_LABELS[request.figure],
            "first": request.from_month, "last": request.to_month}


async def drill(request: Request) -> Response:
    """/command/drill?scope=&figure=&from=&to=[&page=]."""
    viewer = viewer_of(request)
    refuse_aggregates_only(viewer.sees_cases)
    first, last = period_of(request)
    params = request.query_params
    scope = params.get("scope", "").strip() or viewer.court
    ask = drill_request(scope, params.get("figure", "").strip(), first, last,
                        params.get("page", "").strip())
    answer = await backend_of(request).call("DrillDown", ask)
    return render(request, "drill.html",
                  **drill_view(answer, ask, scope=scope, root=figures.root_of(request)))


routes: list[BaseRoute] = [Route("/drill", drill, methods=["GET", "HEAD"], name="drill")]
