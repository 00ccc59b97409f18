"""R31's limits, counted on the statutory working calendar (R62–R64).

The decision is due within 10 working days of the complete application; the applicant is
told within 2 working days of the funds arriving. Counted from the next day (R62: the
event day never counts), make-up working days (调休) counting as working days (R64). A
count into a year with no official holiday schedule is flagged provisional (暂定).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.relief.domain.values import Step

DECISION_WORKING_DAYS = 10
"""R31: approve or reject within 10 working days of a complete application."""
NOTIFICATION_WORKING_DAYS = 2
"""R31: the applicant is told within 2 working days of the funds arriving."""
WORKING_DAYS = {Step.DECISION: DECISION_WORKING_DAYS,
                Step.NOTIFICATION: NOTIFICATION_WORKING_DAYS}


def decide_by(calendar: WorkingCalendar, applied_on: date) -> Deadline:
    """The last day to decide an application complete on `applied_on` (R31, R62, R64)."""
    return calendar.add_working_days(applied_on, DECISION_WORKING_DAYS)


def notify_by(calendar: WorkingCalendar, arrived_on: date) -> Deadline:
    """The last day to tell the applicant the funds arrived on `arrived_on` (R31)."""
    return calendar.add_working_days(arrived_on, NOTIFICATION_WORKING_DAYS)


def is_overdue(deadline: Deadline, today: date) -> bool:
    """A step is overdue the day after its last day (the last day itself is on time)."""
    return today > deadline.date


def count_again(starts: Mapping[Step, date], calendar: WorkingCalendar) -> dict[Step, Deadline]:
    """Each step's last day counted from its start with `calendar` as it is now — for
    the steps `ReliefCase.provisional_steps` gives, once a schedule was loaded (R64)."""
    return {step: calendar.add_working_days(start, WORKING_DAYS[Step(step)])
            for step, start in starts.items()}
