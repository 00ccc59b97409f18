"""续行 reminders (R20) on a read: which effective measures end within the court's
reminder window (`control.expiry_reminder_working_days`, in working days). Computed by
the service, so that every client flags the same measures."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from zhixing.assets.domain.control import EFFECTIVE, ControlMeasure
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.errors import RuleViolation

REMINDER_POLICY = "control.expiry_reminder_working_days"


def expiring_soon(measures: Iterable[ControlMeasure], on: date, calendar: WorkingCalendar,
                  window: int) -> list[str]:
    """Ids of the effective measures whose last day is `on` or within `window` working
    days after it."""
    return [str(m.id) for m in measures if _ends_within(m, on, calendar, window)]


def _ends_within(measure: ControlMeasure, on: date, calendar: WorkingCalendar,
                 window: int) -> bool:
    if measure.status != EFFECTIVE or not measure.expires_on:
        return False
    expires = date.fromisoformat(measure.expires_on)
    # Beyond twice the window plus two weeks no run of holidays can bring it in: no
    # calendar needed (nor its years loaded).
    if not on <= expires <= on + timedelta(days=2 * window + 14):
        return False
    try:
        return calendar.working_days_between(on, expires) <= window
    except RuleViolation:
        return True  # no calendar for that year: better a reminder too many


def window_provisional(on: date, calendar: WorkingCalendar, window: int) -> bool:
    """Whether the reminder window from `on` reaches into a year with no official holiday
    schedule (R64): its working days, and so which measures it flags, may change when the
    schedule is loaded (the next read or sweep counts with it)."""
    try:
        return calendar.add_working_days(on, window).provisional
    except RuleViolation:
        return True  # no calendar for that year at all: certainly not final
