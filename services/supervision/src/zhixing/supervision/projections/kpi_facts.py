"""The KPI figures (R33) computed from the dated facts at query time, by `domain.kpi` —
how `KpiQueries` read before issue 16. Too slow for a province (seconds at a million
events) but plain: it is the specification the fast path (`kpi_records`, `kpi_sums`)
is checked against in the tests, and the "before" of `tests/perf/command`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.supervision.domain.kpi import (
    ZHONGBEN,
    CaseRecord,
    ConclusionFacts,
    Figures,
    InquiryFact,
    NodeFact,
    Period,
    Timed,
    figures,
    selects,
    three_months_end,
    unmet_at_conclusion,
)
from zhixing.supervision.projections.kpi_drill import CaseRow
from zhixing.supervision.projections.kpi_queries import MAX_PAGE, drill_bounds, prefixes


class FactQueries:
    """The figures computed from the facts at query time (the read path before issue 16,
    kept as the reference the fast `KpiQueries` is checked against)."""

    def __init__(self, store: SqlStore, calendar: WorkingCalendar | None = None) -> None:
        self.store = store
        self.calendar = calendar

    def court_months(self, court_code: str, from_month: str, to_month: str) -> list[Figures]:
        """One court's figures for each month of the period, then the period's total."""
        period = Period.of_months(from_month, to_month)
        prefixes(court_code)
        facts = self._facts(period, "= %s", (court_code,))
        rows = [facts.figures(month, court_code=court_code, month=month.from_month)
                for month in period.months()]
        return [*rows, facts.figures(period, court_code=court_code)]

    def region(self, region: str, from_month: str, to_month: str) -> list[Figures]:
        """Each court of the region over the period, then the region's total."""
        period = Period.of_months(from_month, to_month)
        facts = self._facts(period, *_like(prefixes(region)))
        rows = [part.figures(period, court_code=court, region=region)
                for court, part in sorted(facts.by_court().items())]
        return [*rows, facts.figures(period, region=region)]

    def region_months(self, region: str, from_month: str, to_month: str) -> list[Figures]:
        """The region's totals for each month of the period (court_code ""), then the
        period's total — the same figures `region` totals, month by month."""
        period = Period.of_months(from_month, to_month)
        facts = self._facts(period, *_like(prefixes(region)))
        rows = [facts.figures(month, region=region, month=month.from_month)
                for month in period.months()]
        return [*rows, facts.figures(period, region=region)]

    def drill(self, scope: str, from_month: str, to_month: str, figure: str, *,
              page_size: int = MAX_PAGE, offset: int = 0) -> list[CaseRow]:
        """The cases behind `figure` (`domain.kpi.FIGURES`) in `scope` over the period,
        by court and 案号."""
        period = Period.of_months(from_month, to_month)
        drill_bounds(figure, page_size, offset)
        facts = self._facts(period, *_like(prefixes(scope)))
        found = sorted(facts.behind(figure, period),
                       key=lambda r: (r.court_code, r.case_number, r.case_id, r.detail))
        return found[offset:offset + page_size]

    def _facts(self, period: Period, court: str, params: Sequence[str]) -> Facts:
        """The facts of the courts `court_code <court>` that bear on `period`."""
        with self.store.transaction(read_only=True) as cur:
            return read_facts(cur, period, court, tuple(params), self.calendar)


@dataclass(frozen=True)
class Facts:
    """What bears on a period in a scope: the cases, overdue nodes, removals, relief."""

    records: list[CaseRecord]
    nodes: list[tuple[str, NodeFact]]
    removals: list[tuple[str, Timed]]
    reliefs: list[tuple[str, Timed]]
    """Each (court code, fact)."""

    def by_court(self) -> dict[str, Facts]:
        """The facts of each court that has any (one pass over each list)."""
        parts: dict[str, Facts] = defaultdict(lambda: Facts([], [], [], []))
        for record in self.records:
            parts[record.court_code].records.append(record)
        for court, node in self.nodes:
            parts[court].nodes.append((court, node))
        for court, removal in self.removals:
            parts[court].removals.append((court, removal))
        for court, relief in self.reliefs:
            parts[court].reliefs.append((court, relief))
        return dict(parts)

    def figures(self, period: Period, **names: str) -> Figures:
        return figures(self.records, period, nodes=[n for _, n in self.nodes],
                       removals=[t for _, t in self.removals],
                       reliefs=[t for _, t in self.reliefs], **names)

    def behind(self, figure: str, period: Period) -> list[CaseRow]:
        cases = {r.case_id: r for r in self.records}
        if figure == "overdue_nodes":
            return [_row(cases.get(n.case_id), n.case_id, court, f"{n.node} due {n.due_on}")
                    for court, n in self.nodes if period.holds(n.due_on)]
        timed = {"removals_late": ("listing", self.removals),
                 "relief_late": ("relief", self.reliefs)}.get(figure)
        if timed is not None:
            what, items = timed
            return [_row(cases.get(t.case_id), t.case_id, court,
                         f"{what} {t.key} done {t.done_on}, due {t.due_on or 'unknown'}")
                    for court, t in items if period.holds(t.done_on) and not t.in_time]
        return [_row(r, r.case_id, r.court_code, _detail(figure, r))
                for r in self.records if selects(figure, r, period)]


def _row(record: CaseRecord | None, case_id: str, court: str, detail: str) -> CaseRow:
    if record is None:
        return CaseRow(case_id, "", court, None, None, "", detail)
    return CaseRow(record.case_id, record.case_number, record.court_code, record.filed_on,
                   record.closed_on, record.closure, detail)


def _detail(figure: str, record: CaseRecord) -> str:
    if figure == "zhongben_noncompliant":
        return "unmet " + ", ".join(record.unmet)
    if figure == "closed_beyond_limit":
        return f"close by {record.close_by}" if record.close_by else "no close limit known"
    return ""


def _like(codes: Sequence[str]) -> tuple[str, list[str]]:
    """`court_code <this>` for a set of prefixes (checked by `prefixes`: no wildcards)."""
    return "LIKE %s", [f"{code}%" for code in codes]


def read_facts(cur: Cursor, period: Period, court: str, params: tuple[str, ...],
               calendar: WorkingCalendar | None) -> Facts:
    """`court` is "= %s" or "LIKE %s" (its parameters: one or several prefixes, ORed)."""
    first, last = period.first.isoformat(), period.last.isoformat()

    def where(column: str) -> str:
        return "(" + " OR ".join(f"{column} {court}" for _ in params) + ")"

    cur.execute(
        "SELECT c.case_id, c.case_number, c.court_code, c.case_type, c.filed_on, "
        "c.claim_total_fen, x.closed_on, x.closure, (SELECT COALESCE(SUM(r.amount_fen), 0) "
        "FROM supervision_kpi_receipts r WHERE r.case_id = c.case_id "
        "AND r.received_on <= x.closed_on), CASE WHEN l.extended_by > l.counted_by "
        "THEN l.extended_by ELSE l.counted_by END FROM supervision_kpi_cases c "
        "LEFT JOIN supervision_kpi_closures x ON x.case_id = c.case_id "
        "LEFT JOIN supervision_kpi_limits l ON l.case_id = c.case_id "
        f"WHERE {where('c.court_code')} AND c.filed_on <= %s "
        "AND (x.closed_on IS NULL OR x.closed_on >= %s)", (*params, last, first))
    rows = cur.fetchall()
    zhongben = f"""SELECT x.case_id FROM supervision_kpi_closures x JOIN supervision_kpi_cases c
        ON c.case_id = x.case_id WHERE x.closure = %s AND x.closed_on >= %s
        AND x.closed_on <= %s AND {where('c.court_code')}"""
    unmet = _unmet(cur, zhongben, (ZHONGBEN, first, last, *params), rows, calendar)
    records = [CaseRecord(
        case_id=str(r[0]), case_number=str(r[1]), court_code=str(r[2]), case_type=str(r[3]),
        filed_on=_day(r[4]), claim_total_fen=int(r[5]), closed_on=_maybe(r[6]),
        closure=str(r[7] or ""), received_fen=int(r[8] or 0), close_by=_maybe(r[9]),
        unmet=unmet.get(str(r[0]), ())) for r in rows]
    cur.execute("SELECT court_code, case_id, node, due_on FROM supervision_kpi_overdue "
                f"WHERE {where('court_code')} AND due_on >= %s AND due_on <= %s",
                (*params, first, last))
    nodes = [(str(r[0]), NodeFact(str(r[1]), str(r[2]), _day(r[3]))) for r in cur.fetchall()]
    cur.execute("SELECT court_code, listing_id, case_id, removed_on, remove_by "
                f"FROM supervision_kpi_removals WHERE {where('court_code')} "
                "AND removed_on >= %s AND removed_on <= %s", (*params, first, last))
    removals = [(str(r[0]), Timed(str(r[1]), str(r[2]), _day(r[3]), _maybe(r[4])))
                for r in cur.fetchall()]
    cur.execute("SELECT court_code, application_id, case_id, decided_on, decide_by "
                f"FROM supervision_kpi_relief WHERE {where('court_code')} "
                "AND decided_on >= %s AND decided_on <= %s", (*params, first, last))
    reliefs = [(str(r[0]), Timed(str(r[1]), str(r[2]), _day(r[3]), _maybe(r[4])))
               for r in cur.fetchall()]
    return Facts(records, nodes, removals, reliefs)


def _unmet(cur: Cursor, zhongben: str, params: tuple[str, ...], rows: list[tuple[Any, ...]],
           calendar: WorkingCalendar | None) -> dict[str, tuple[str, ...]]:
    first, last = params[1], params[2]
    """R16 at the decision of each 终本 case closed in the period (`zhongben` selects them)."""
    facts: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"respondents": set(), "restricted": {}, "listing_decided": {}, "inquiries": []})
    cur.execute(f"SELECT case_id, served_on FROM supervision_kpi_notices "
                f"WHERE case_id IN ({zhongben})", params)
    for case_id, served_on in cur.fetchall():
        facts[str(case_id)]["notice_served_on"] = _day(served_on)
    cur.execute(f"SELECT case_id, debtor FROM supervision_kpi_respondents "
                f"WHERE case_id IN ({zhongben})", params)
    for case_id, debtor in cur.fetchall():
        facts[str(case_id)]["respondents"].add(str(debtor))
    cur.execute(f"SELECT case_id, debtor, kind, decided_on FROM supervision_kpi_decisions "
                f"WHERE case_id IN ({zhongben})", params)
    for case_id, debtor, kind, decided_on in cur.fetchall():
        key = "restricted" if kind == "restricted" else "listing_decided"
        facts[str(case_id)][key][str(debtor)] = _day(decided_on)
    cur.execute(f"SELECT case_id, inquiry_id, revision, completed_on, agency_kinds, "
                f"property_found, requery FROM supervision_kpi_inquiries "
                f"WHERE case_id IN ({zhongben})", params)
    for r in cur.fetchall():
        facts[str(r[0])]["inquiries"].append(InquiryFact(
            str(r[1]), int(r[2]), _day(r[3]), frozenset(filter(None, str(r[4]).split(","))),
            bool(r[5]), bool(r[6])))
    found, ends = {}, {}
    for r in rows:
        if r[7] != ZHONGBEN or r[6] is None or not first <= str(r[6]) <= last:
            continue
        told, filed_on = facts[str(r[0])], _day(r[4])
        if filed_on not in ends:  # one count per filing day, not per case
            ends[filed_on] = three_months_end(filed_on)
        found[str(r[0])] = tuple(unmet_at_conclusion(ConclusionFacts(
            filed_on=filed_on, concluded_on=_day(r[6]), three_months_end=ends[filed_on],
            notice_served_on=told.get("notice_served_on"),
            respondents=frozenset(told["respondents"]), restricted=told["restricted"],
            listing_decided=told["listing_decided"], inquiries=tuple(told["inquiries"])),
            calendar))
    return found


def _day(text: Any) -> date:
    return date.fromisoformat(str(text))


def _maybe(text: Any) -> date | None:
    return date.fromisoformat(str(text)) if text else None
