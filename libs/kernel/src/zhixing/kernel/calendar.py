"""The statutory working calendar (R62–R64) with 调休 make-up working days.

Sources, most specific first: a schedule registered with ``register``/``load_schedule``
(a service registers each `HolidayScheduleLoaded` it receives), then the calendar's
``source`` (a service's table of loaded schedules), then a ``<year>.toml`` in the schedule
directory, then the ``chinese_calendar`` package (2004–2026 in the pinned version). A later
year with none of them is answered *provisionally* — weekends plus fixed-date holidays —
and every result built on it is flagged, never silently final. Before 2004 or after 2099
the calendar refuses to guess (R64 says fail loudly). The schedule format is in
`zhixing.kernel.holidays`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from pathlib import Path

import chinese_calendar

from zhixing.kernel.errors import InvalidInput, PreconditionFailed
from zhixing.kernel.holidays import FIRST_YEAR, LAST_YEAR, HolidaySchedule

__all__ = ["Deadline", "HolidaySchedule", "ScheduleSource", "WorkingCalendar"]

ScheduleSource = Callable[[int], HolidaySchedule | None]
"""Where a calendar finds a loaded schedule for a year (None: not loaded)."""
# Provisional fallback: only holidays fixed in the Gregorian calendar (元旦, 劳动节,
# 国庆); lunar holidays and 调休 are unknown until the State Council publishes them.
FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)})
MISS_TTL_SECONDS = 60.0
_MAX_SEARCH_DAYS = 60  # no real holiday run is this long; guards a broken schedule


@dataclass(frozen=True)
class Deadline:
    """The last day of a period, flagged when the calendar for it is provisional."""

    date: date
    provisional: bool = False

    def __str__(self) -> str:
        suffix = " (暂定 provisional)" if self.provisional else ""
        return f"{self.date.isoformat()}{suffix}"


class WorkingCalendar:
    """Working days per the statutory calendar; see the module docstring for sources."""

    def __init__(self, schedule_dir: Path | None = None,
                 recheck_missing_seconds: float = MISS_TTL_SECONDS,
                 source: ScheduleSource | None = None) -> None:
        self._dir = schedule_dir
        self._source = source
        self._recheck = recheck_missing_seconds
        # Only found schedules are kept: a missing year is looked up again (at most once
        # a minute), so a file added later replaces the provisional answer.
        self._schedules: dict[int, HolidaySchedule] = {}
        self._missed: dict[int, float] = {}
        self._asked: dict[int, float] = {}
        """When `source` was last asked for a year it had: a year loaded again (a
        corrected schedule) reaches every process of a service within `_recheck`."""

    @staticmethod
    def default() -> WorkingCalendar:
        """A shared calendar over the bundled ``schedules/`` directory."""
        return _default_calendar()

    @property
    def recheck_seconds(self) -> float:
        """How long a year found missing stays missing before it is looked up again."""
        return self._recheck

    def load_schedule(self, year: int, path: Path) -> HolidaySchedule:
        """Register the official schedule for ``year`` (e.g. 2027 once published)."""
        return self.register(HolidaySchedule.from_file(year, path))

    def register(self, schedule: HolidaySchedule) -> HolidaySchedule:
        """Use ``schedule`` for its year from now on (it replaces an earlier one)."""
        self._schedules[schedule.year] = schedule
        self._missed.pop(schedule.year, None)
        self._asked[schedule.year] = time.monotonic()
        return schedule

    @staticmethod
    def with_source(source: ScheduleSource) -> WorkingCalendar:
        """A calendar over the bundled ``schedules/`` directory that also asks ``source``
        (a service's loaded schedules) for a year it has no schedule for."""
        return WorkingCalendar(_bundled_dir(), source=source)

    def is_working_day(self, day: date) -> bool:
        """True on a working day, including make-up working days (调休)."""
        schedule = self._schedule(day.year)
        if schedule is not None:
            return schedule.is_working_day(day)
        if self._covered_by_package(day.year):
            return bool(chinese_calendar.is_workday(day))
        return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS

    def is_provisional(self, day: date) -> bool:
        """True when no official schedule covers ``day``'s year yet."""
        if self._schedule(day.year) is not None:
            return False
        return not self._covered_by_package(day.year)

    def next_working_day(self, day: date) -> Deadline:
        """``day`` itself if it is a working day, else the first working day after."""
        provisional = False
        for offset in range(_MAX_SEARCH_DAYS):
            candidate = day + timedelta(days=offset)
            provisional |= self.is_provisional(candidate)
            if self.is_working_day(candidate):
                return Deadline(candidate, provisional)
        raise PreconditionFailed(
            f"no working day within {_MAX_SEARCH_DAYS} days of {day}", rule="R64", field="date"
        )

    def add_working_days(self, start: date, n: int) -> Deadline:
        """The ``n``-th working day after ``start`` (R62: the start day never counts)."""
        if n < 0:
            raise InvalidInput(
                "working days must not be negative", rule="R62", field="working_days"
            )
        day, provisional = start, False
        for _ in range(n):
            found = self.next_working_day(day + timedelta(days=1))
            day, provisional = found.date, provisional or found.provisional
        return Deadline(day, provisional)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative when ``b`` is before ``a``."""
        if b < a:
            return -self.working_days_between(b, a)
        days = (a + timedelta(days=i) for i in range(1, (b - a).days + 1))
        return sum(1 for day in days if self.is_working_day(day))

    def _schedule(self, year: int) -> HolidaySchedule | None:
        if year in self._schedules:
            if self._source is not None and self._ask_again(year):
                self._schedules[year] = self._source(year) or self._schedules[year]
        elif self._look_again(year):
            found = self._source(year) if self._source is not None else None
            if found is not None:
                self._asked[year] = time.monotonic()
            path = self._dir / f"{year}.toml" if self._dir is not None else None
            if found is None and path is not None and path.is_file():
                found = HolidaySchedule.from_file(year, path)
            if found is not None:
                self._schedules[year] = found
        return self._schedules.get(year)

    def _ask_again(self, year: int) -> bool:
        """A year `source` had is asked for again at most once per recheck interval
        (another process of the service may have received a corrected schedule)."""
        now = time.monotonic()
        if year in self._asked and now - self._asked[year] < self._recheck:
            return False
        self._asked[year] = now
        return True

    def _look_again(self, year: int) -> bool:
        """A missing year is looked for at most once a minute: a deadline touches many
        days, and a stat per day was a sixth of filing a case (tests/perf/cases)."""
        now = time.monotonic()
        if year in self._missed and now - self._missed[year] < self._recheck:
            return False
        self._missed[year] = now
        return True

    def _covered_by_package(self, year: int) -> bool:
        first, last = _package_years()
        if first <= year <= last:
            return True
        if FIRST_YEAR <= year <= LAST_YEAR and year > last:
            return False
        raise PreconditionFailed(
            f"the working calendar does not cover {year}: add a schedule file",
            rule="R64",
            field="date",
        )


@cache
def _package_years() -> tuple[int, int]:
    years = {day.year for day in chinese_calendar.holidays}
    return max(min(years), FIRST_YEAR), max(years)


@cache
def _default_calendar() -> WorkingCalendar:
    return WorkingCalendar(_bundled_dir())


def _bundled_dir() -> Path:
    return Path(str(resources.files("zhixing.kernel").joinpath("schedules")))
