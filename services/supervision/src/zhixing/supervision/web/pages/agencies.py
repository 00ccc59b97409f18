"""Assisting agencies (协助执行单位, R41): how many requests each answered, how late, how
many are overdue or unanswered, ranked — ListAgencyAnswers for the viewer's region (or
?region=) over the period. Aggregates only, so every role that sees figures may read it
(congress included, R46)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision import charts
from zhixing.supervision.web.context import backend_of, period_of, render, viewer_of
from zhixing.supervision.web.pages import formats, labels
from zhixing.supervision.web.pages.region import region_of
from zhixing.supervision.web.targets import ratio

CHART_ROWS = 10
"""Agencies in each ranking chart (the table lists them all)."""


@dataclass(frozen=True)
class AgencyLine:
    """One agency's row, formatted."""

    agency_id: str
    kind: str
    requests: str
    answered: str
    overdue: str
    unanswered: str
    overdue_rate: str
    avg_days: str
    p90_days: str


def _avg(a: pb.AgencyAnswers) -> float | None:
    return a.avg_answer_days if a.HasField("avg_answer_days") else None


def by_overdue(rows: Sequence[pb.AgencyAnswers]) -> list[pb.AgencyAnswers]:
    """Most overdue first, then most unanswered, then the slowest; ties by id."""
    return sorted(rows, key=lambda a: (-a.overdue, -a.unanswered, -(_avg(a) or 0.0), a.agency_id))


def by_answer_time(rows: Sequence[pb.AgencyAnswers]) -> list[pb.AgencyAnswers]:
    """The slowest on average first; an agency that never answered has no time and is last."""
    return sorted(rows, key=lambda a: (_avg(a) is None, -(_avg(a) or 0.0), a.agency_id))


def _name(a: pb.AgencyAnswers) -> str:
    """The chart's label: the agency's kind in Chinese when known, and its id."""
    return f"{labels.agency_kind(a.agency_kind)} {a.agency_id}" if a.agency_kind else a.agency_id


def charts_of(rows: Sequence[pb.AgencyAnswers]) -> tuple[Markup, Markup]:
    """The two rankings: overdue requests, and the average days to answer."""
    overdue = charts.bars([(_name(a), float(a.overdue)) for a in by_overdue(rows)[:CHART_ROWS]],
                          title="超期未答复最多的协助单位", unit="件")
    slow = charts.bars([(_name(a), _avg(a)) for a in by_answer_time(rows)[:CHART_ROWS]],
                       title="平均答复用时最长的协助单位", unit="天")
    return overdue, slow


def agencies_view(answer: pb.ListAgencyAnswersResponse, *, region: str, first: str,
                  last: str) -> dict[str, Any]:
    """The table (ranked by overdue) and the two ranking charts."""
    lines = [AgencyLine(a.agency_id, labels.agency_kind(a.agency_kind), formats.count(a.requests),
                        formats.count(a.answered), formats.count(a.overdue),
                        formats.count(a.unanswered), formats.percent(ratio(a.overdue, a.requests)),
                        formats.days(_avg(a)),
                        formats.days(a.p90_answer_days if a.HasField("p90_answer_days") else None))
             for a in by_overdue(answer.rows)]
    overdue_chart, slow_chart = charts_of(answer.rows)
    return {"region": region, "first": first, "last": last, "lines": lines,
            "overdue_chart": overdue_chart, "slow_chart": slow_chart}


async def agencies(request: Request) -> Response:
    """/command/agencies[?region=&from=&to=]."""
    viewer = viewer_of(request)
    first, last = period_of(request)
    area = region_of(request, viewer.court)
    answer = await backend_of(request).call("ListAgencyAnswers", pb.ListAgencyAnswersRequest(
        region=area, from_month=first, to_month=last))
    return render(request, "agencies.html",
                  **agencies_view(answer, region=area, first=first, last=last))


routes: list[BaseRoute] = [Route("/agencies", agencies, methods=["GET", "HEAD"],
                                 name="agencies")]
