"""The public figures (issue 17): per court and per region — listed, removed, restricted,
终本, cases closed and filed — counted from the public read models themselves, so a
figure never disagrees with the lists it sums up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zhixing.eventstore.sql import Cursor
from zhixing.publicity.application.queries import court_name

CLOSED = ("executed_in_full", "terminated", "not_enforced", "rejected", "withdrawn",
          "bankruptcy", "delegated")
"""How a case closes (CaseClosed.closure; 委托执行 closes it at this court): 已结案件.
终本 is counted on its own."""
_COUNTS = {
    "listed_now": ("SELECT court_code, COUNT(*) FROM dishonest_list GROUP BY court_code", ()),
    "removed_total": ("SELECT court_code, SUM(n) FROM dishonest_court_stats "
                      "WHERE metric LIKE %s GROUP BY court_code", ("removed%",)),
    "restricted_now": ("SELECT court_code, COUNT(*) FROM restricted_list "
                       "WHERE published_on <> '' GROUP BY court_code", ()),
    "zhongben_now": ("SELECT court_code, COUNT(*) FROM zhongben_library GROUP BY court_code",
                     ()),
    "closed_total": ("SELECT court_code, COUNT(*) FROM case_progress WHERE status IN ("
                     + ", ".join(["%s"] * len(CLOSED)) + ") GROUP BY court_code", CLOSED),
    "filed_total": ("SELECT court_code, COUNT(*) FROM case_progress GROUP BY court_code", ()),
}
"""Each figure's per-court count; every court that has any figure gets a row."""
METRICS = tuple(_COUNTS)


@dataclass(frozen=True)
class PublicFigures:
    """One court's or one region's public figures; `scope` is the court code, a province
    prefix (川) or "" for the whole deployment."""

    scope: str
    name: str
    listed_now: int = 0
    removed_total: int = 0
    restricted_now: int = 0
    zhongben_now: int = 0
    closed_total: int = 0
    filed_total: int = 0


@dataclass(frozen=True)
class PublicStatistics:
    """Per-court rows (by code), then per-region rows and the whole deployment's."""

    courts: list[PublicFigures]
    regions: list[PublicFigures]


CourtCounts = dict[str, dict[str, int]]
"""Each court's figures by metric, as counted from the read models."""


def figures(cur: Cursor, scope: str) -> PublicStatistics:
    """Every court's figures when `scope` is "", with each region and the total; one
    region's courts and its total for a province prefix; exactly one court otherwise."""
    return figures_of(court_counts(cur), scope)


def court_counts(cur: Cursor) -> CourtCounts:
    """Every court's figures, counted from the read models (whole-table counts: costly
    on a large list, so the caller keeps them a while)."""
    counts: CourtCounts = {}
    for metric, (sql, params) in _COUNTS.items():
        cur.execute(sql, params)
        for court, n in cur.fetchall():
            counts.setdefault(str(court), {})[metric] = int(n or 0)
    return counts


def figures_of(counts: CourtCounts, scope: str) -> PublicStatistics:
    """The figures of `scope` (see `figures`) from the courts' counts."""
    region = len(scope) == 1
    courts = sorted(c for c in counts if not scope or (c.startswith(scope) if region
                                                       else c == scope))
    rows = [PublicFigures(c, court_name(c), **counts[c]) for c in courts]
    if scope and not region:
        return PublicStatistics(rows, [])
    prefixes = sorted({c[:1] for c in courts})
    regions = [_summed(p, _region_name(p), (r for r in rows if r.scope.startswith(p)))
               for p in prefixes]
    if not scope:
        regions.append(_summed("", "全部法院", rows))
    return PublicStatistics(rows, regions)


def _summed(scope: str, name: str, rows: Iterable[PublicFigures]) -> PublicFigures:
    rows = list(rows)
    return PublicFigures(scope, name, **{m: sum(getattr(r, m) for r in rows) for m in METRICS})


def _region_name(prefix: str) -> str:
    """The region by its high court's name (e.g. 四川省高级人民法院辖区)."""
    name = court_name(prefix)
    return f"{name}辖区" if name != prefix else prefix
