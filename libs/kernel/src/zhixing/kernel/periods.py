"""Counting periods 期间 (R62–R64): the one function every service uses."""

from __future__ import annotations

from datetime import date, timedelta

from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.errors import InvalidInput


def period_end(
    event_date: date,
    *,
    days: int = 0,
    months: int = 0,
    years: int = 0,
    working_days: int = 0,
    procedural: bool = True,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """Last day of a period running from ``event_date``.

    R62: the event day does not count. R63: months and years end on the corresponding
    day, clipped to the month end. R64: a procedural period whose last day is a holiday
    or rest day ends on the next working day; control terms (R20) pass
    ``procedural=False`` and run on calendar dates. ``working_days`` counts working days
    and cannot be mixed with the other units.
    """
    _check_lengths(days=days, months=months, years=years, working_days=working_days)
    cal = calendar or WorkingCalendar.default()
    if working_days:
        return cal.add_working_days(event_date, working_days)
    last = add_months(event_date, years * 12 + months) + timedelta(days=days)
    if not procedural:
        return Deadline(last)
    return cal.next_working_day(last)


def add_months(day: date, months: int) -> date:
    """R63: the corresponding day ``months`` later, or that month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _days_in_month(year, month + 1)))


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _check_lengths(**lengths: int) -> None:
    for name, value in lengths.items():
        if value < 0:
            raise InvalidInput("a period length must not be negative", rule="R62", field=name)
    if not any(lengths.values()):
        raise InvalidInput("a period needs a length", rule="R62", field="period")
    if lengths["working_days"] and any(v for k, v in lengths.items() if k != "working_days"):
        raise InvalidInput(
            "working days cannot be combined with other units", rule="R62", field="working_days"
        )
