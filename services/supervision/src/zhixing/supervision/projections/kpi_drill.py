"""The cases behind a KPI figure (R33), one page in SQL: the rows `kpi_facts.Facts.behind`
gives, in its order (court, 案号, case id, detail — by code point: `COLLATE "C"` on
PostgreSQL, SQLite's binary order), without reading the scope's every fact.

A case figure selects per-case records (`kpi_records`) as `domain.kpi.selects` does;
overdue nodes, late removals and late relief select their own facts, each told with the
case's record when the case is among those the period counts (filed by its last day, not
closed before its first) — else with its court and id only, as the facts path tells it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from zhixing.eventstore.sql import Cursor
from zhixing.supervision.domain.kpi import Period

_CLOSED = ("closed_on >= %s AND closed_on <= %s AND filed_on <= %s", ("first", "last", "last"))
CASE_FIGURES = {
    "received": ("filed_on >= %s AND filed_on <= %s AND (closed_on IS NULL OR closed_on >= %s)",
                 ("first", "last", "first")),
    "closed": _CLOSED,
    "pending": ("filed_on < %s AND (closed_on IS NULL OR closed_on >= %s)", ("first", "first")),
    "zhongben": (f"{_CLOSED[0]} AND zhongben = 1", _CLOSED[1]),
    "zhongben_noncompliant": (f"{_CLOSED[0]} AND zhongben = 1 AND unmet <> ''", _CLOSED[1]),
    "closed_beyond_limit": (f"{_CLOSED[0]} AND first_enforcement = 1 AND within_limit = 0",
                            _CLOSED[1])}
"""Each case figure's selection over the records (`domain.kpi.selects`) and the period's
days it takes."""
FACT_FIGURES = {
    "overdue_nodes": ("supervision_kpi_overdue", "due_on",
                      "f.node || ' due ' || f.due_on", "1 = 1"),
    "removals_late": ("supervision_kpi_removals", "removed_on",
                      "'listing ' || f.listing_id || ' done ' || f.removed_on || ', due ' || "
                      "CASE WHEN f.remove_by = '' THEN 'unknown' ELSE f.remove_by END",
                      "NOT (f.remove_by <> '' AND f.removed_on <= f.remove_by)"),
    "relief_late": ("supervision_kpi_relief", "decided_on",
                    "'relief ' || f.application_id || ' done ' || f.decided_on || ', due ' || "
                    "CASE WHEN f.decide_by = '' THEN 'unknown' ELSE f.decide_by END",
                    "NOT (f.decide_by <> '' AND f.decided_on <= f.decide_by)")}
"""Each fact figure: its table, its day, its detail, what makes it late."""


@dataclass(frozen=True)
class CaseRow:
    """A case behind a figure: no names, no identity numbers."""

    case_id: str
    case_number: str
    court_code: str
    filed_on: date | None
    closed_on: date | None
    closure: str
    detail: str
    """Why it is behind the figure, e.g. the unmet R16 rules or the node overdue."""
    unmet: tuple[str, ...] = ()
    """For a case closed by 终本 (`KpiQueries.record`): the R16 preconditions that did not
    hold at the decision (`domain.kpi.unmet_at_conclusion`); empty otherwise."""


def behind(cur: Cursor, figure: str, period: Period, scope: str, params: Sequence[str], *,
           postgres: bool, limit: int, offset: int) -> list[CaseRow]:
    """One page of the CaseRows behind `figure` (a checked name of `domain.kpi.FIGURES`)
    for the courts `scope` selects (`court_code …`, `params` its parameters)."""
    named = {"first": period.first.isoformat(), "last": period.last.isoformat()}
    collate = ' COLLATE "C"' if postgres else ""
    if figure in CASE_FIGURES:
        selection, days = CASE_FIGURES[figure]
        order = ", ".join(f"{c}{collate}" for c in ("court_code", "case_number", "case_id"))
        sql = (f"SELECT case_id, case_number, court_code, filed_on, closed_on, closure, "
               f"unmet, close_by FROM supervision_kpi_records WHERE {scope} "
               f"AND {selection} ORDER BY {order} LIMIT %s OFFSET %s")
        cur.execute(sql, (*params, *(named[d] for d in days), limit, offset))
        return [CaseRow(str(r[0]), str(r[1]), str(r[2]), _maybe(r[3]), _maybe(r[4]),
                        str(r[5]), _detail(figure, str(r[6]), str(r[7])))
                for r in cur.fetchall()]
    table, day, detail, late = FACT_FIGURES[figure]
    court = "COALESCE(r.court_code, f.court_code)"
    order = ", ".join(f"{c}{collate}" for c in (court, "COALESCE(r.case_number, '')",
                                                 "f.case_id", detail))
    sql = (f"SELECT f.case_id, r.case_number, {court}, r.filed_on, r.closed_on, r.closure, "
           f"{detail} FROM {table} f LEFT JOIN supervision_kpi_records r "
           "ON r.case_id = f.case_id AND r.filed_on <= %s "
           "AND (r.closed_on IS NULL OR r.closed_on >= %s) "
           f"WHERE {_scope(scope, 'f.')} AND f.{day} >= %s AND f.{day} <= %s AND {late} "
           f"ORDER BY {order} LIMIT %s OFFSET %s")
    cur.execute(sql, (named["last"], named["first"], *params, named["first"], named["last"],
                      limit, offset))
    return [CaseRow(str(r[0]), str(r[1] or ""), str(r[2]), _maybe(r[3]), _maybe(r[4]),
                    str(r[5] or ""), str(r[6])) for r in cur.fetchall()]


def _scope(scope: str, alias: str) -> str:
    return scope.replace("court_code", f"{alias}court_code")


def _detail(figure: str, unmet: str, close_by: str) -> str:
    if figure == "zhongben_noncompliant":
        return "unmet " + ", ".join(filter(None, unmet.split(",")))
    if figure == "closed_beyond_limit":
        return f"close by {close_by}" if close_by else "no close limit known"
    return ""


def _maybe(text: Any) -> date | None:
    return date.fromisoformat(str(text)) if text else None
