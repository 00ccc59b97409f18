"""The R33 figures as a leader reads them: one column per figure, with its Chinese label,
its formatted value and — unless the viewer sees only aggregates (congress, R46) — a link
to the cases behind it (`/command/drill`).

A drill link names its scope as `scope=<court code>` for one court's own cases or
`scope=region:<prefix>` for every court nested in a region (R39): a court code such as
川01 is both the intermediate court and the prefix of its basic courts, so the two must
be told apart (`DrillDownRequest.court_code` versus `.region`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from starlette.requests import Request

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.pages import formats
from zhixing.supervision.web.targets import TARGETS, ratio, shortfall, value_of

REGION_SCOPE = "region:"
"""The drill scope's marker of a region (a court code prefix, or 成渝)."""


@dataclass(frozen=True)
class Column:
    """A figure of R33: its label, how it is read from `pb.Figures` and written, and the
    DrillDown figure behind it — for a rate, an amount or a duration, the cases it is
    computed over (结案率, 执行到位率 and the days: the cases closed; 终本率: the 终本)."""

    key: str
    label: str
    text: Callable[[pb.Figures], str]
    drill: str = ""


def _opt(f: pb.Figures, name: str) -> float | None:
    return float(getattr(f, name)) if f.HasField(name) else None


COLUMNS: tuple[Column, ...] = (
    Column("received", "收案", lambda f: formats.count(f.received), "received"),
    Column("pending_at_start", "旧存", lambda f: formats.count(f.pending_at_start), "pending"),
    Column("closed", "结案", lambda f: formats.count(f.closed), "closed"),
    Column("closure_rate", "结案率", lambda f: formats.percent(_opt(f, "closure_rate")),
           "closed"),
    Column("recovered_rate", "执行到位率",
           lambda f: formats.percent(_opt(f, "recovered_rate")), "closed"),
    Column("claimed_fen", "申请标的额", lambda f: formats.yuan(f.claimed_fen), "closed"),
    Column("recovered_fen", "实际到位额", lambda f: formats.yuan(f.recovered_fen), "closed"),
    Column("avg_days", "平均用时", lambda f: formats.days(_opt(f, "avg_days")), "closed"),
    Column("p90_days", "九成案件用时", lambda f: formats.days(_opt(f, "p90_days")), "closed"),
    Column("zhongben", "终本", lambda f: formats.count(f.zhongben), "zhongben"),
    Column("zhongben_rate", "终本率", lambda f: formats.percent(_opt(f, "zhongben_rate")),
           "zhongben"),
    Column("zhongben_compliance", "终本合规率",
           lambda f: formats.percent(_opt(f, "zhongben_compliance")), "zhongben_noncompliant"),
    Column("overdue_nodes", "超期节点", lambda f: formats.count(f.overdue_nodes),
           "overdue_nodes"),
    Column("within_limit_rate", "法定期限内结案率",
           lambda f: formats.percent(ratio(f.first_closed_within_limit, f.first_closed)),
           "closed_beyond_limit"),
    Column("removals_rate", "失信名单按期删除率",
           lambda f: formats.percent(ratio(f.removals_within_limit, f.removals)),
           "removals_late"),
    Column("relief_rate", "司法救助按期决定率",
           lambda f: formats.percent(ratio(f.relief_within_limit, f.relief_decided)),
           "relief_late"),
)
"""Every R33 figure, in the order of the tables (the congress report's order)."""

DRILL_LABELS: dict[str, str] = {
    "received": "收案", "closed": "结案", "pending": "旧存（期初未结）", "zhongben": "终本",
    "zhongben_noncompliant": "终本不合规（R16）", "overdue_nodes": "节点超期（R26–R28）",
    "closed_beyond_limit": "超法定期限结案（R26）", "removals_late": "失信名单逾期删除（R8）",
    "relief_late": "司法救助逾期决定（R31）",
}
"""DrillDown's figures (`DrillDownRequest.figure`) and what the drill page calls them."""


@dataclass(frozen=True)
class Cell:
    """One formatted figure; `href` is "" when it links nowhere."""

    label: str
    text: str
    href: str


def root_of(request: Request) -> str:
    """Where the command centre is mounted ("/command"), for the links a page writes."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def court_href(root: str, court: str, first: str, last: str) -> str:
    """A court's page over the months first..last."""
    return f"{root}/courts/{quote(court, safe='')}?{urlencode({'from': first, 'to': last})}"


def case_href(root: str, case_id: str) -> str:
    """A case file's page."""
    return f"{root}/cases/{quote(case_id, safe='')}"


def drill_href(root: str, scope: str, figure: str, first: str, last: str) -> str:
    """The drill page's address for `figure` in `scope` over the months first..last."""
    query = urlencode({"scope": scope, "figure": figure, "from": first, "to": last})
    return f"{root}/drill?{query}"


def scope_of(figures: pb.Figures, region: str) -> str:
    """A row's drill scope: its court, or the region for a region's total."""
    return figures.court_code or f"{REGION_SCOPE}{region}"


def cells(figures: pb.Figures, *, scope: str, first: str, last: str, root: str,
          links: bool, columns: Sequence[Column] = COLUMNS) -> list[Cell]:
    """The row's figures, formatted; linked to their cases when `links` (not congress)."""
    return [Cell(c.label, c.text(figures),
                 drill_href(root, scope, c.drill, first, last) if links and c.drill else "")
            for c in columns]


def headers(columns: Sequence[Column] = COLUMNS) -> list[str]:
    """The tables' column labels."""
    return [c.label for c in columns]


HEADLINE = ("received", "closed", "closure_rate", "recovered_rate", "zhongben_compliance",
            "overdue_nodes")
"""The figures a leader sees first, as cards above the table."""


@dataclass(frozen=True)
class Headline:
    """A card: the figure, and "ok"/"bad" when it has a target it meets or misses."""

    cell: Cell
    state: str


def headline(figures: pb.Figures, *, scope: str, first: str, last: str, root: str,
             links: bool) -> list[Headline]:
    """The period's headline figures with their standing against `targets.TARGETS`."""
    columns = [c for key in HEADLINE for c in COLUMNS if c.key == key]
    goals = {t.figure: t for t in TARGETS}
    out = []
    for column, cell in zip(columns, cells(figures, scope=scope, first=first, last=last,
                                           root=root, links=links, columns=columns), strict=True):
        goal = goals.get(column.key)
        gap = shortfall(goal, value_of(figures, goal.figure)) if goal else None
        out.append(Headline(cell, "" if gap is None else ("ok" if gap == 0 else "bad")))
    return out
