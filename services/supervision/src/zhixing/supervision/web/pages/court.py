"""One court (本院): its KPIs month by month (R33), its overdue nodes by team and by
officer (R26–R28), the oldest unanswered agency requests (R41), the measures expiring
within N working days (R20, R64) and its relief fund balance (R31).

GetKpis for the court and GetCourtBoard, both with the viewer's token. The board is
case-level work (STAFF, R46): for a viewer who sees figures only (procurator, congress,
discipline) the page shows the figures and leaves the board out rather than calling an
RPC the servicer would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.context import PageError, backend_of, period_of, render, viewer_of
from zhixing.supervision.web.pages import figures, formats, labels, region
from zhixing.supervision.web.pages.region import MAX_SCOPE

WITHIN_DEFAULT, WITHIN_MAX = 10, 60
"""?within=: measures expiring within this many working days (1..60, 10 by default)."""
BOARD_LIMIT = 20
"""Rows per list of the board."""


def within_of(request: Request) -> int:
    """?within=, an integer 1..60, or 10."""
    raw = request.query_params.get("within", "").strip()
    if not raw:
        return WITHIN_DEFAULT
    if not raw.isdigit() or not 1 <= int(raw) <= WITHIN_MAX:
        raise PageError(400, f"within（到期提醒的工作日数）须为 1 至 {WITHIN_MAX} 的整数（R20）")
    return int(raw)


@dataclass(frozen=True)
class Line:
    """One row of a board list: its cells as text, and the case it links to ("" for none)."""

    cells: list[str]
    href: str = ""


def board_view(board: pb.GetCourtBoardResponse, root: str) -> dict[str, Any]:
    """The board's lists, formatted, each case linked to its file."""
    def tally(rows: Any) -> list[Line]:
        return [Line([t.key or "未分案", formats.count(t.count)]) for t in rows]
    waits = [Line([w.case_number, labels.agency_kind(w.agency_kind), w.agency_id, w.sent_on,
                   w.due_on, formats.days(w.days_waiting)], figures.case_href(root, w.case_id))
             for w in board.oldest_unanswered]
    expiring = [Line([m.case_number, labels.measure(m.measure_kind), m.expires_on,
                      formats.working_days(m.working_days_left)],
                     figures.case_href(root, m.case_id)) for m in board.expiring]
    funds = [Line([f.court_code, str(f.fund_year), formats.yuan(f.credited_fen),
                   formats.yuan(f.reserved_fen), formats.yuan(f.released_fen),
                   formats.yuan(f.recovered_fen), formats.yuan(f.balance_fen)])
             for f in board.funds]
    return {"by_team": tally(board.overdue_by_team), "by_officer": tally(board.overdue_by_officer),
            "waits": waits, "expiring": expiring, "funds": funds}


def court_view(kpis: pb.GetKpisResponse, *, court: str, first: str, last: str, root: str,
               links: bool) -> dict[str, Any]:
    """The court's figures month by month and the period's total, and its trend."""
    def row_cells(f: pb.Figures) -> list[figures.Cell]:
        return figures.cells(f, scope=court, first=f.month or first, last=f.month or last,
                             root=root, links=links)
    months = [(f.month, "", row_cells(f)) for f in kpis.rows]
    trend = region.trend(kpis.rows, title=f"{court} 质效走势（按月）")
    return {"headline": figures.headline(kpis.total, scope=court, first=first, last=last,
                                         root=root, links=links),
            "court": court, "first": first, "last": last, "headers": figures.headers(),
            "rows_of_table": months, "total": row_cells(kpis.total), "trend": trend}


async def court(request: Request) -> Response:
    """/command/courts/{court} — the court's KPIs and, for staff, its board."""
    viewer = viewer_of(request)
    code = request.path_params["court"].strip()
    if not code or len(code) > MAX_SCOPE:
        raise PageError(400, f"court（法院代码）须为 1 至 {MAX_SCOPE} 个字符（R39）")
    first, last = period_of(request)
    within = within_of(request)
    backend, root = backend_of(request), figures.root_of(request)
    kpis_call = backend.call("GetKpis", pb.GetKpisRequest(court_code=code, from_month=first,
                                                          to_month=last))
    if viewer.is_staff:  # GetCourtBoard's policy (STAFF), mirrored to leave the board out
        kpis, board = await region.together(kpis_call, backend.call(
            "GetCourtBoard", pb.GetCourtBoardRequest(court_code=code, within_working_days=within,
                                                     limit=BOARD_LIMIT)))
        board_part: dict[str, Any] = {"board": board_view(board, root)}
    else:
        kpis, board_part = await kpis_call, {"board": None}
    view = court_view(kpis, court=code, first=first, last=last, root=root,
                      links=viewer.sees_cases)
    return render(request, "court.html", within=within, **view, **board_part)


routes: list[BaseRoute] = [Route("/courts/{court}", court, methods=["GET", "HEAD"],
                                 name="court")]
