"""KPI queries (R33) over what `CaseKpiView` keeps: figures per court × month, per region
and per region × month, the cases behind a figure and a case's record (no names), and the
R18 re-queries due.

Figures are sums in SQL over the per-case records (`kpi_records`) and the dated facts of
nodes, removals and relief (`kpi_sums`), with `domain.kpi`'s arithmetic: the same figures
as computing them from every fact (`kpi_facts`, checked by the tests) in a few grouped
statements (issue 16). Every input is bounded: months as YYYY-MM, at most 60 of them; a
scope is a court code or a named region; drill-down pages.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.domain.kpi import FIGURES, Figures, Period, missing_requeries
from zhixing.supervision.domain.kpi_tally import Tally
from zhixing.supervision.domain.values import REGIONS
from zhixing.supervision.projections import kpi_drill
from zhixing.supervision.projections.kpi_drill import CaseRow as CaseRow
from zhixing.supervision.projections.kpi_flight import SingleFlight
from zhixing.supervision.projections.kpi_records import COLUMNS, record_of
from zhixing.supervision.projections.kpi_sums import Key, tallies

MAX_PAGE = 500
MAX_OFFSET = 999_999_999
MAX_SCOPE = 16
MAX_CASE_ID = 128
REGION_WANTED = ("court", "month", "all")
"""What `region` and `region_months` both compute (each shows two of them), so that the
region page's two concurrent calls share one computation (`SingleFlight`)."""


@dataclass(frozen=True)
class RequeryDue:
    """R18: a re-query of a 终本 case that was due and is not recorded."""

    case_id: str
    case_number: str
    court_code: str
    due_on: date


def prefixes(scope: str) -> tuple[str, ...]:
    """The court-code prefixes of `scope`: a named region's (`domain.values.REGIONS`), or
    the code itself (R39: court codes nest)."""
    if not 1 <= len(scope) <= MAX_SCOPE or any(c in scope for c in "%_\\ "):
        raise InvalidInput(f"scope must be a court code or region of 1..{MAX_SCOPE} characters",
                           rule="R39", field="scope")
    return REGIONS.get(scope, (scope,))


class KpiQueries:
    """Reads the KPI records and facts. `calendar` is accepted for the callers that pass
    one: R16(4)'s three months are counted without it (R62, R63;
    `domain.kpi.three_months_end`)."""

    def __init__(self, store: SqlStore, calendar: WorkingCalendar | None = None) -> None:
        self.store = store
        self.calendar = calendar
        self.flight: SingleFlight[dict[Key, Tally]] = SingleFlight()

    def court_months(self, court_code: str, from_month: str, to_month: str) -> list[Figures]:
        """One court's figures for each month of the period, then the period's total."""
        period = Period.of_months(from_month, to_month)
        prefixes(court_code)
        found = self._tallies(period, "court_code = %s", (court_code,),
                              ("court_month", "court"))
        rows = [found.get((court_code, month.from_month), Tally()).figures(
            month, court_code=court_code, month=month.from_month) for month in period.months()]
        return [*rows, found.get((court_code, None), Tally()).figures(period,
                                                                      court_code=court_code)]

    def region(self, region: str, from_month: str, to_month: str) -> list[Figures]:
        """Each court of the region over the period (those with anything in it), then the
        region's total."""
        period = Period.of_months(from_month, to_month)
        found = self._region_tallies(period, region)
        courts = sorted({court for court, _ in found if court is not None})
        rows = [found[(court, None)].figures(period, court_code=court, region=region)
                for court in courts]
        return [*rows, found.get((None, None), Tally()).figures(period, region=region)]

    def region_months(self, region: str, from_month: str, to_month: str) -> list[Figures]:
        """The region's totals for each month of the period (court_code ""), then the
        period's total — the same figures `region` totals, month by month."""
        period = Period.of_months(from_month, to_month)
        found = self._region_tallies(period, region)
        rows = [found.get((None, month.from_month), Tally()).figures(
            month, region=region, month=month.from_month) for month in period.months()]
        return [*rows, found.get((None, None), Tally()).figures(period, region=region)]

    def drill(self, scope: str, from_month: str, to_month: str, figure: str, *,
              page_size: int = MAX_PAGE, offset: int = 0) -> list[CaseRow]:
        """The cases behind `figure` (`domain.kpi.FIGURES`) in `scope` over the period,
        by court and 案号."""
        period = Period.of_months(from_month, to_month)
        drill_bounds(figure, page_size, offset)
        scope_sql, params = _like(prefixes(scope))
        with self.store.transaction(read_only=True) as cur:
            return kpi_drill.behind(cur, figure, period, scope_sql, params,
                                    postgres=not self.store.is_sqlite, limit=page_size,
                                    offset=offset)

    def record(self, case_id: str) -> CaseRow | None:
        """The case as the figures count it (for a case file): its closure and, for a
        终本, the unmet R16 rules (`detail` names them, `unmet` lists them); None when its
        filing was not seen."""
        if not 1 <= len(case_id) <= MAX_CASE_ID:
            raise InvalidInput(f"case_id must be 1..{MAX_CASE_ID} characters", rule="R33",
                               field="case_id")
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {', '.join(COLUMNS)} FROM supervision_kpi_records "
                        "WHERE case_id = %s", (case_id,))
            row = cur.fetchone()
        if row is None:
            return None
        found = record_of(row)
        return CaseRow(found.case_id, found.case_number, found.court_code, found.filed_on,
                       found.closed_on, found.closure,
                       "unmet " + ", ".join(found.unmet) if found.unmet else "", found.unmet)

    def case_number(self, case_id: str) -> str:
        """The case's 案号, "" when its filing was not seen."""
        return self._one("SELECT case_number FROM supervision_kpi_cases WHERE case_id = %s",
                         case_id)

    def court_of(self, case_id: str) -> str:
        """The case's court, "" when its filing was not seen."""
        return self._one("SELECT court_code FROM supervision_kpi_cases WHERE case_id = %s",
                         case_id)

    def requeries_due(self, today: date) -> list[RequeryDue]:
        """R18: each re-query date up to `today` of a 终本 case still in 终本 (not resumed,
        not closed by then) with no re-query completed since the date before it."""
        day = today.isoformat()
        with self.store.transaction(read_only=True) as cur:
            cur.execute(
                "SELECT k.case_id, COALESCE(c.case_number, ''), COALESCE(c.court_code, ''), "
                "k.concluded_on, k.requery_dates FROM supervision_kpi_conclusions k "
                "LEFT JOIN supervision_kpi_cases c ON c.case_id = k.case_id "
                "LEFT JOIN supervision_kpi_finished f ON f.case_id = k.case_id "
                "WHERE k.first_requery <= %s AND (f.finished_on IS NULL OR f.finished_on > %s)",
                (day, day))
            running = cur.fetchall()
            cur.execute(
                "SELECT i.case_id, i.completed_on FROM supervision_kpi_inquiries i "
                "JOIN supervision_kpi_conclusions k ON k.case_id = i.case_id "
                "WHERE i.requery = 1 AND k.first_requery <= %s", (day,))
            done = _grouped(cur.fetchall())
        return [RequeryDue(str(r[0]), str(r[1]), str(r[2]), due)
                for r in running
                for due in missing_requeries(_day(r[3]), map(_day, json.loads(str(r[4]))),
                                             done.get(str(r[0]), ()), today)]

    def _one(self, sql: str, case_id: str) -> str:
        with self.store.transaction(read_only=True) as cur:
            cur.execute(sql, (case_id,))
            row = cur.fetchone()
        return "" if row is None else str(row[0])

    def _region_tallies(self, period: Period, region: str) -> dict[Key, Tally]:
        """A region's tallies by court, by month and in all; one computation for the
        identical calls that overlap (the region page's two, issue 16)."""
        scope, params = _like(prefixes(region))
        return self.flight.run((period.from_month, period.to_month, scope, tuple(params)),
                               lambda: self._tallies(period, scope, params, REGION_WANTED))

    def _tallies(self, period: Period, scope: str, params: Sequence[str],
                 wanted: Sequence[str]) -> dict[Key, Tally]:
        with self.store.transaction(read_only=True) as cur:
            return tallies(cur, period, scope, params, postgres=not self.store.is_sqlite,
                           wanted=wanted)


def drill_bounds(figure: str, page_size: int, offset: int) -> None:
    """A drill-down asks for one of the figures, a page of 1..MAX_PAGE rows and an offset
    in range (R33); anything else is refused naming its field."""
    if figure not in FIGURES:
        raise InvalidInput(f"figure must be one of {', '.join(FIGURES)}", rule="R33",
                           field="figure")
    if not 1 <= page_size <= MAX_PAGE:
        raise InvalidInput(f"page_size must be 1..{MAX_PAGE}", rule="R33", field="page_size")
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidInput("offset out of range", rule="R33", field="offset")


def _like(codes: Sequence[str]) -> tuple[str, list[str]]:
    """`court_code LIKE` any of a set of prefixes (checked by `prefixes`: no wildcards)."""
    return "(" + " OR ".join(["court_code LIKE %s"] * len(codes)) + ")", [f"{c}%" for c in codes]


def _grouped(pairs: Iterable[tuple[Any, ...]]) -> dict[str, list[date]]:
    found: dict[str, list[date]] = defaultdict(list)
    for case_id, day in pairs:
        found[str(case_id)].append(_day(day))
    return found


def _day(text: Any) -> date:
    return date.fromisoformat(str(text))
