"""The KPI figures (R33) as sums in SQL over the per-case records (`kpi_records`) and the
dated facts of nodes, removals and relief — a few grouped statements per query, whatever
the size of the period or region (issue 16: a year of a province in < 100 ms).

`tallies` counts every (court, month) of a scope and period at once, and from them the
courts' and the months' and the whole's: the keys are (court or None, month or None).
The arithmetic is `domain.kpi.figures`'s, over the same rows:

- the records counted are those `kpi_facts.read_facts` narrows to — filed by the period's
  last day and not closed before its first — so a case is received in its filing month,
  closed in its closure month, and pending at a month's start if filed before it and not
  closed before it: pending at the first month's start, then each month's received less
  those that ended in it (`ended_on`, the later of filing and closure);
- the 90th percentile by nearest rank: `percentile_disc(0.9)` on PostgreSQL (it takes the
  ⌈0.9·n⌉-th row in double precision, as `domain.kpi.nearest_rank_p90` does), the days
  themselves on SQLite (embedded: a court's few cases);
- overdue nodes distinct (case, node) per key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from zhixing.eventstore.sql import Cursor
from zhixing.supervision.domain.kpi import Period, nearest_rank_p90
from zhixing.supervision.domain.kpi_tally import Tally

Key = tuple[str | None, str | None]
"""(court code or None for every court, YYYY-MM or None for the whole period)."""

RECORDS_SQL = """SELECT court_code,
    CASE WHEN filed_on < %s THEN '' ELSE substr(filed_on, 1, 7) END,
    CASE WHEN closed_on IS NULL OR closed_on > %s THEN '' ELSE substr(closed_on, 1, 7) END,
    CASE WHEN ended_on IS NULL OR ended_on > %s THEN '' ELSE substr(ended_on, 1, 7) END,
    COUNT(*), SUM(claim_total_fen), SUM(received_fen), SUM(days), SUM(zhongben),
    SUM(compliant), SUM(first_enforcement), SUM(first_enforcement * within_limit)
    FROM supervision_kpi_records WHERE {scope} AND filed_on <= %s
    AND (closed_on IS NULL OR closed_on >= %s) GROUP BY 1, 2, 3, 4"""
_P90_PG = """SELECT {court}, {month},
    percentile_disc(0.9) WITHIN GROUP (ORDER BY days) FROM supervision_kpi_records
    WHERE {scope} AND closed_on >= %s AND closed_on <= %s AND filed_on <= %s
    GROUP BY GROUPING SETS ({sets})"""
GROUPINGS = {"court_month": "(court_code, {month})", "court": "(court_code)",
             "month": "({month})", "all": "()"}
"""The rows a query shows: per court × month, court, month, the whole (`tallies`' keys
(court, month), (court, None), (None, month), (None, None))."""
_DAYS = """SELECT court_code, substr(closed_on, 1, 7), days FROM supervision_kpi_records
    WHERE {scope} AND closed_on >= %s AND closed_on <= %s AND filed_on <= %s"""
_NODES = """SELECT DISTINCT court_code, substr(due_on, 1, 7), case_id, node
    FROM supervision_kpi_overdue WHERE {scope} AND due_on >= %s AND due_on <= %s"""
_NODES_PG = """SELECT {court}, {month},
    COUNT(DISTINCT (length(case_id) || ':' || case_id || node) COLLATE "C")
    FROM supervision_kpi_overdue WHERE {scope} AND due_on >= %s AND due_on <= %s
    GROUP BY GROUPING SETS ({sets})"""
"""PostgreSQL counts the distinct (case, node) of each wanted grouping itself: no row of
a node comes back to Python (issue 16: the region page's two calls share one process).
A pair as one text, its case id's length first (so no two pairs make the same text),
compared byte by byte: twice as fast as a distinct row of two columns."""
_REMOVALS = """SELECT court_code, substr(removed_on, 1, 7), COUNT(*),
    SUM(CASE WHEN remove_by <> '' AND removed_on <= remove_by THEN 1 ELSE 0 END)
    FROM supervision_kpi_removals WHERE {scope} AND removed_on >= %s AND removed_on <= %s
    GROUP BY 1, 2"""
_RELIEF = """SELECT court_code, substr(decided_on, 1, 7), COUNT(*),
    SUM(CASE WHEN decide_by <> '' AND decided_on <= decide_by THEN 1 ELSE 0 END)
    FROM supervision_kpi_relief WHERE {scope} AND decided_on >= %s AND decided_on <= %s
    GROUP BY 1, 2"""


def tallies(cur: Cursor, period: Period, scope: str, params: Sequence[str], *,
            postgres: bool, wanted: Sequence[str] = tuple(GROUPINGS)) -> dict[Key, Tally]:
    """The counts of every (court, month), (court, None), (None, month) and (None, None)
    of `period` for the courts `scope` selects (`court_code = %s` or LIKE prefixes,
    `params` its parameters); the 90th percentile and the overdue nodes only for the
    `wanted` groupings (`GROUPINGS`: each costs a sort). A court with nothing in the
    period has no key."""
    first, last = period.first.isoformat(), period.last.isoformat()
    months = [m.from_month for m in period.months()]
    found: dict[Key, Tally] = defaultdict(Tally)
    filed_less_ended: dict[Key, int] = defaultdict(int)
    cur.execute(RECORDS_SQL.format(scope=scope), (first, last, last, *params, last, first))
    for court, filed, closed, ended, n, claimed, recovered, days, *counts in cur.fetchall():
        count = int(n)
        if filed:
            found[(court, filed)].received += count
            filed_less_ended[(court, filed)] += count
        else:
            found[(court, months[0])].pending_at_start += count
        if ended:
            filed_less_ended[(court, ended)] -= count
        if closed:
            _closed(found[(court, closed)], count, claimed, recovered, days, counts)
    _pending(found, filed_less_ended, months)
    if postgres:
        p90 = _p90_pg(cur, scope, (*params, first, last, last), wanted)
    else:
        p90 = _p90_days(cur, scope, (*params, first, last, last))
    for key, day in p90.items():
        found[key].p90_days = day
    _timed(cur, scope, (*params, first, last), found)
    _wholes(found, months)
    if postgres:
        _nodes_pg(cur, scope, (*params, first, last), found, wanted)
    else:
        _nodes(cur, scope, (*params, first, last), found, wanted)
    return dict(found)


def _closed(tally: Tally, count: int, claimed: Any, recovered: Any, days: Any,
            counts: Sequence[Any]) -> None:
    zhongben, compliant, first, within = (int(c or 0) for c in counts)
    tally.closed += count
    tally.claimed_fen += int(claimed or 0)
    tally.recovered_fen += int(recovered or 0)
    tally.days += int(days or 0)
    tally.zhongben += zhongben
    tally.zhongben_compliant += compliant
    tally.first_closed += first
    tally.first_closed_within_limit += within


def _pending(found: dict[Key, Tally], change: dict[Key, int], months: list[str]) -> None:
    """Each court's pending at each month's start: the first month's as counted, then the
    previous month's plus its filings less the cases that ended in it."""
    for court in {court for court, _ in (*found, *change)}:
        pending = found[(court, months[0])].pending_at_start if (court, months[0]) in found \
            else 0
        for month in months:
            if pending:
                found[(court, month)].pending_at_start = pending
            pending += change.get((court, month), 0)


def _timed(cur: Cursor, scope: str, params: tuple[str, ...], found: dict[Key, Tally]) -> None:
    """Listing removals by their R8 deadline, relief decided by its R31 deadline."""
    cur.execute(_REMOVALS.format(scope=scope), params)
    for court, month, n, in_time in cur.fetchall():
        found[(court, month)].removals += int(n)
        found[(court, month)].removals_within_limit += int(in_time or 0)
    cur.execute(_RELIEF.format(scope=scope), params)
    for court, month, n, in_time in cur.fetchall():
        found[(court, month)].relief_decided += int(n)
        found[(court, month)].relief_within_limit += int(in_time or 0)


def _wholes(found: dict[Key, Tally], months: list[str]) -> None:
    """Each court's, each month's and the whole's additive counts from the (court, month)
    ones; pending at the period's start is the first month's."""
    for (court, month), tally in list(found.items()):
        if court is None or month is None:
            continue
        for key in ((court, None), (None, month), (None, None)):
            found[key].add(tally)
        if month == months[0]:
            found[(court, None)].pending_at_start += tally.pending_at_start
            found[(None, None)].pending_at_start += tally.pending_at_start
        found[(None, month)].pending_at_start += tally.pending_at_start


def _keys(court: str, month: str, wanted: Sequence[str]) -> list[Key]:
    every: dict[str, Key] = {"court_month": (court, month), "court": (court, None),
                             "month": (None, month), "all": (None, None)}
    return [every[name] for name in wanted]


def _nodes(cur: Cursor, scope: str, params: tuple[str, ...], found: dict[Key, Tally],
           wanted: Sequence[str]) -> None:
    """R26–R28: distinct (case, node) with a missed day in the month, court, period."""
    cur.execute(_NODES.format(scope=scope), params)
    seen: dict[Key, set[tuple[str, str]]] = defaultdict(set)
    for court, month, case_id, node in cur.fetchall():
        for key in _keys(court, month, wanted):
            seen[key].add((case_id, node))
    for key, nodes in seen.items():
        found[key].overdue_nodes = len(nodes)


def _nodes_pg(cur: Cursor, scope: str, params: tuple[str, ...], found: dict[Key, Tally],
              wanted: Sequence[str]) -> None:
    """`_nodes` counted by PostgreSQL, one row per wanted key."""
    cur.execute(_NODES_PG.format(scope=scope, **_grouping(wanted, "due_on")), params)
    for court, month, count in cur.fetchall():
        found[(court, month)].overdue_nodes = int(count)


def _grouping(wanted: Sequence[str], day: str) -> dict[str, str]:
    """The GROUPING SETS of `wanted` over the month of column `day`, and the key's two
    columns (NULL where no wanted grouping keeps them)."""
    month = f"substr({day}, 1, 7)"
    return {"sets": ", ".join(GROUPINGS[name].format(month=month) for name in wanted),
            "court": "court_code" if {"court_month", "court"} & set(wanted) else "NULL",
            "month": month if {"court_month", "month"} & set(wanted) else "NULL"}


def _p90_pg(cur: Cursor, scope: str, params: tuple[str, ...],
            wanted: Sequence[str]) -> dict[Key, int]:
    cur.execute(_P90_PG.format(scope=scope, **_grouping(wanted, "closed_on")), params)
    return {(court, month): int(day) for court, month, day in cur.fetchall()
            if day is not None}


def _p90_days(cur: Cursor, scope: str, params: tuple[str, ...]) -> dict[Key, int]:
    cur.execute(_DAYS.format(scope=scope), params)
    days: dict[Key, list[int]] = defaultdict(list)
    for court, month, day in cur.fetchall():
        for key in ((court, month), (court, None), (None, month), (None, None)):
            days[key].append(int(day))
    return {key: found for key, values in days.items()
            if (found := nearest_rank_p90(values)) is not None}

