"""One year's official holiday schedule (放假安排), read and checked (R64).

The State Council publishes each year's schedule late in the year before; until then a
year's working-day deadlines are provisional (`calendar.Deadline.provisional`). A schedule
reaches the suite as a TOML file (`zhixing calendar load <file>`, or a ``<year>.toml`` in
the schedule directory) and travels between services as the `HolidayScheduleLoaded`
integration event; both are checked here, so a bad schedule is refused before any
deadline is recounted with it::

    year = 2027                          # optional when the file is named 2027.toml
    [holidays]
    dates = [2027-01-01, "2027-02-08"]   # TOML dates or "YYYY-MM-DD" strings
    [workdays]
    dates = [2027-02-20]                 # 调休: make-up working days on a weekend
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from zhixing.kernel.errors import InvalidInput

FIRST_YEAR, LAST_YEAR = 2004, 2099
"""Years the calendar answers at all; outside them it refuses (R64: never guess)."""
MAX_HOLIDAYS = 60
"""No year has had more than ~35 statutory rest days on weekdays; more is a broken file."""
MAX_WORKDAYS = 20
MAX_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class HolidaySchedule:
    """One year's official schedule: extra rest days and make-up working days."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]

    def __post_init__(self) -> None:
        check_year(self.year)
        _check_days(self.holidays, self.year, "holidays", MAX_HOLIDAYS)
        _check_days(self.workdays, self.year, "workdays", MAX_WORKDAYS)
        if self.holidays & self.workdays:
            raise InvalidInput("a date is both a holiday and a working day", rule="R64",
                               field="schedule")
        weekdays = sorted(d.isoformat() for d in self.workdays if d.weekday() < 5)
        if weekdays:
            raise InvalidInput(f"{weekdays[0]} is a weekday; make-up working days "
                               "(调休) fall on a Saturday or Sunday", rule="R64",
                               field="workdays")

    def is_working_day(self, day: date) -> bool:
        """Make-up days work; listed holidays rest; otherwise Monday–Friday."""
        if day in self.workdays:
            return True
        return day not in self.holidays and day.weekday() < 5

    @classmethod
    def of(cls, year: int, holidays: Iterable[object], workdays: Iterable[object]) -> HolidaySchedule:
        """A schedule from dates or ISO strings, each checked (named in the error)."""
        check_year(year)
        return cls(year, _dates(holidays, year, "holidays", MAX_HOLIDAYS),
                   _dates(workdays, year, "workdays", MAX_WORKDAYS))

    @classmethod
    def parse(cls, text: str, year: int | None = None) -> HolidaySchedule:
        """A schedule from TOML text; `year` (e.g. from the file name) must agree with a
        ``year`` key when both are given."""
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            raise InvalidInput(f"a schedule file is at most {MAX_FILE_BYTES} bytes",
                               rule="R64", field="schedule")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise InvalidInput(f"not a TOML schedule: {error}", rule="R64",
                               field="schedule") from None
        return cls.of(_year(data.get("year"), year), _table(data, "holidays"),
                      _table(data, "workdays"))

    @classmethod
    def from_file(cls, year: int | None, path: Path) -> HolidaySchedule:
        """Read and check a schedule file (``<year>.toml`` names its year)."""
        if year is None and path.stem.isdigit():
            year = int(path.stem)
        try:
            # One byte past the bound, never more: a pipe or a device (/dev/stdin) has
            # no size to ask beforehand, and may never end.
            with path.open("rb") as source:
                head = source.read(MAX_FILE_BYTES + 1)
            if len(head) > MAX_FILE_BYTES:
                raise InvalidInput(f"a schedule file is at most {MAX_FILE_BYTES} bytes",
                                   rule="R64", field="schedule")
            text = head.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InvalidInput(f"cannot read the schedule file: {type(error).__name__}",
                               rule="R64", field="schedule") from None
        return cls.parse(text, year)


def check_year(year: object) -> int:
    """`year` as a year the calendar covers, else `InvalidInput` naming the bounds."""
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput(f"year must be a whole number from {FIRST_YEAR} to {LAST_YEAR}",
                           rule="R64", field="year")
    return year


def _year(stated: object, named: int | None) -> int:
    if stated is None and named is None:
        raise InvalidInput("the schedule names no year: add `year = 2027` or name the "
                           "file 2027.toml", rule="R64", field="year")
    if stated is not None and named is not None and stated != named:
        raise InvalidInput(f"the file says year {check_year(stated)} but is loaded for "
                           f"{named}", rule="R64", field="year")
    return check_year(stated if stated is not None else named)


def _table(data: dict[str, object], name: str) -> list[object]:
    table = data.get(name, {})
    dates = table.get("dates", []) if isinstance(table, dict) else None
    if not isinstance(dates, list):
        raise InvalidInput("dates must be a list of dates", rule="R64", field=name)
    return dates


def _dates(raw: Iterable[object], year: int, table: str, most: int) -> frozenset[date]:
    values = list(raw)
    if len(values) > most:
        raise InvalidInput(f"at most {most} dates", rule="R64", field=table)
    return frozenset(_one_date(value, year, table) for value in values)


def _check_days(days: frozenset[date], year: int, table: str, most: int) -> None:
    if len(days) > most:
        raise InvalidInput(f"at most {most} dates", rule="R64", field=table)
    outside = sorted(d for d in days if d.year != year)
    if outside:
        raise InvalidInput(f"{outside[0]} is not in {year}", rule="R64", field=table)


def _one_date(value: object, year: int, table: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        day = value
    else:
        text = str(value)[:10] if isinstance(value, str) and len(value) == 10 else None
        try:
            day = date.fromisoformat(text or "")
        except ValueError:
            raise InvalidInput("an entry is not a YYYY-MM-DD date", rule="R64",
                               field=table) from None
    if day.year != year:
        raise InvalidInput(f"{day} is not in {year}", rule="R64", field=table)
    return day
