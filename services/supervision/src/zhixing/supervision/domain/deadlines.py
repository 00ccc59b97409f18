"""R34's and R37's limits, counted by R62–R64 with the kernel's `period_end`.

R62: the day of receipt never counts. R63: a period of months ends on the corresponding
day, or the month's last day when there is none (received 30 Nov → 28 Feb). R64: a last
day on a holiday or rest day moves to the next working day. A count into a year with no
official holiday schedule is flagged provisional (暂定) by the calendar.
"""

from __future__ import annotations

from datetime import date

from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.periods import period_end
from zhixing.supervision.domain.errors import InvalidSupervision
from zhixing.supervision.domain.values import MatterKind

SUGGESTION_REPLY_MONTHS = 3
"""R34: a procuratorial suggestion (检察建议) is replied to within 3 months."""
EXTENSION_MONTHS = 1
"""R34: one more month, once, with the president's approval."""
INQUIRY_REPLY_DAYS = 15
"""R34: a written inquiry about suspected inaction is answered within 15 days."""
SUGGESTION_HANDLE_MONTHS = 2
"""R37: the handling a judicial suggestion asks for, when it names no other time."""
HANDLE_MONTHS_MAX = 12


def suggestion_reply_by(calendar: WorkingCalendar, received_on: date) -> Deadline:
    """The last day to reply to a suggestion received on `received_on` (R34, R62–R64)."""
    return period_end(received_on, months=SUGGESTION_REPLY_MONTHS, calendar=calendar)


def extended_reply_by(calendar: WorkingCalendar, received_on: date) -> Deadline:
    """The last day once the president approved one more month: 4 months from receipt,
    counted the same way (R34, R62–R64)."""
    return period_end(received_on, months=SUGGESTION_REPLY_MONTHS + EXTENSION_MONTHS,
                      calendar=calendar)


def inquiry_reply_by(calendar: WorkingCalendar, received_on: date) -> Deadline:
    """The last day to answer a written inquiry received on `received_on` (R34, R62,
    R64)."""
    return period_end(received_on, days=INQUIRY_REPLY_DAYS, calendar=calendar)


def reply_by(calendar: WorkingCalendar, kind: MatterKind | str, received_on: date,
             extended: bool = False) -> Deadline:
    """The last day of a matter's reply by its kind (and its approved extension)."""
    if MatterKind(kind) is MatterKind.INQUIRY:
        return inquiry_reply_by(calendar, received_on)
    if extended:
        return extended_reply_by(calendar, received_on)
    return suggestion_reply_by(calendar, received_on)


def suggestion_handle_by(calendar: WorkingCalendar, sent_on: date,
                         months: int = SUGGESTION_HANDLE_MONTHS) -> Deadline:
    """The day by which the recipient's handling of a suggestion sent on `sent_on` is
    expected (R37: the time the suggestion names; 2 months when it names none)."""
    if isinstance(months, bool) or not isinstance(months, int) or not (
            1 <= months <= HANDLE_MONTHS_MAX):
        raise InvalidSupervision(f"must be 1–{HANDLE_MONTHS_MAX} months", rule="R37",
                                 field="months")
    return period_end(sent_on, months=months, calendar=calendar)


def is_overdue(deadline: Deadline, today: date) -> bool:
    """Overdue the day after the last day (the last day itself is on time)."""
    return today > deadline.date
