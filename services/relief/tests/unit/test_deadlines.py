"""Specification of R31's limits on the statutory calendar (R62–R64): the decision within
10 working days of the complete application, the notice within 2 working days of the
funds arriving; an overdue step is reported once."""

from __future__ import annotations

from datetime import date

from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.holidays import HolidaySchedule
from zhixing.relief.domain import deadlines
from zhixing.relief.domain.values import Step

from .relief_fixtures import CALENDAR, approved, filed, wage

# The 2026 schedule the kernel calendar bundles (the chinese-calendar package):
# 中秋 25–27 Sept (Fri–Sun) off; 国庆 1–7 Oct (Thu–Wed) off; Sun 20 Sept and Sat 10 Oct
# are make-up working days (调休). Applied on Thu 24 Sept 2026, counted from the next day
# (R62): 25, 26, 27 Sept off; Mon 28 Sept = 1, Tue 29 = 2, Wed 30 = 3; 1–7 Oct off;
# Thu 8 Oct = 4, Fri 9 = 5, Sat 10 (调休) = 6; Sun 11 off; Mon 12 = 7, Tue 13 = 8,
# Wed 14 = 9, Thu 15 Oct = 10 → the 10th working day; Fri 16 Oct is the 11th.
APPLIED_BEFORE_NATIONAL_DAY = date(2026, 9, 24)
TENTH_WORKING_DAY = date(2026, 10, 15)
ELEVENTH_WORKING_DAY = date(2026, 10, 16)


class TestDecisionDeadline:
    """R31: approve or reject within 10 working days of the complete application."""

    def test_due_on_the_tenth_working_day_when_counted_across_national_day(self):
        due = deadlines.decide_by(CALENDAR, APPLIED_BEFORE_NATIONAL_DAY)
        assert due.date == TENTH_WORKING_DAY and not due.provisional

    def test_on_time_when_decided_on_the_tenth_working_day(self):
        case = filed(applied_on=APPLIED_BEFORE_NATIONAL_DAY)
        assert case.overdue_steps(TENTH_WORKING_DAY) == []
        case.review(50_000_00, "符合救助条件", "officer-1")
        case.approve(50_000_00, TENTH_WORKING_DAY, "president-1", None, 2026, wage())
        assert case.overdue_steps(ELEVENTH_WORKING_DAY) == []

    def test_overdue_when_undecided_on_the_eleventh_working_day(self):
        case = filed(applied_on=APPLIED_BEFORE_NATIONAL_DAY)
        assert case.overdue_steps(ELEVENTH_WORKING_DAY) == [Step.DECISION]

    def test_counted_from_the_next_day_when_applied_on_a_monday(self):
        # Mon 2 March 2026: Tue 3 = 1 … Fri 6 = 4, Mon 9 = 5 … Fri 13 = 9, Mon 16 = 10.
        assert deadlines.decide_by(CALENDAR, date(2026, 3, 2)).date == date(2026, 3, 16)


class TestNotificationDeadline:
    """R31: the applicant is told within 2 working days of the funds arriving."""

    def test_due_two_working_days_later_when_paid_on_a_friday(self):
        # Fri 6 March 2026: Sat 7 and Sun 8 off; Mon 9 = 1, Tue 10 = 2.
        assert deadlines.notify_by(CALENDAR, date(2026, 3, 6)).date == date(2026, 3, 10)

    def test_due_after_the_holiday_when_paid_just_before_national_day(self):
        # Wed 30 Sept 2026: 1–7 Oct off; Thu 8 Oct = 1, Fri 9 Oct = 2.
        assert deadlines.notify_by(CALENDAR, date(2026, 9, 30)).date == date(2026, 10, 9)

    def test_overdue_when_not_notified_after_the_second_working_day(self):
        case = approved()
        paid_on = date(2026, 3, 6)
        case.disburse(paid_on, deadlines.notify_by(CALENDAR, paid_on), "finance-1")
        assert case.overdue_steps(date(2026, 3, 10)) == []
        assert case.overdue_steps(date(2026, 3, 11)) == [Step.NOTIFICATION]

    def test_not_overdue_when_notified_in_time(self):
        case = approved()
        paid_on = date(2026, 3, 6)
        case.disburse(paid_on, deadlines.notify_by(CALENDAR, paid_on), "finance-1")
        case.notify(date(2026, 3, 10), "finance-1")
        assert case.overdue_steps(date(2026, 4, 1)) == []


class TestCountedAgain:
    """R64: a limit counted in a year with no official schedule is provisional (暂定) and
    counted again once the schedule is loaded."""

    # An invented 2027 schedule for the test (not the State Council's): Fri 5 Feb and
    # Mon 8 – Fri 12 Feb 2027 off.
    SCHEDULE = HolidaySchedule.of(2027, [date(2027, 2, 5)] + [date(2027, 2, d)
                                                            for d in range(8, 13)], [])

    def test_provisional_when_no_schedule_covers_the_year(self):
        # Thu 28 Jan 2027, weekends only: Fri 29 Jan = 1, 1–5 Feb = 2–6, 8–11 Feb = 7–10.
        due = deadlines.decide_by(WorkingCalendar(), date(2027, 1, 28))
        assert due == Deadline(date(2027, 2, 11), provisional=True)

    def test_moved_when_counted_again_with_the_loaded_schedule(self):
        case = filed(applied_on=date(2027, 1, 28),
                     decide_by=deadlines.decide_by(WorkingCalendar(), date(2027, 1, 28)))
        assert case.provisional_steps() == {Step.DECISION: date(2027, 1, 28)}
        loaded = WorkingCalendar()
        loaded.register(self.SCHEDULE)
        counted = deadlines.count_again(case.provisional_steps(), loaded)
        # 29 Jan = 1, 1–4 Feb = 2–5, 5 and 8–12 Feb off, 15–19 Feb = 6–10.
        assert counted == {Step.DECISION: Deadline(date(2027, 2, 19))}
        assert case.count_again(Step.DECISION, counted[Step.DECISION]) is True
        assert case.decide_by == Deadline(date(2027, 2, 19))
        assert case.provisional_steps() == {}
        assert case.count_again(Step.DECISION, counted[Step.DECISION]) is False

    def test_no_longer_overdue_when_the_last_day_moved_later(self):
        case = filed(applied_on=date(2027, 1, 28),
                     decide_by=deadlines.decide_by(WorkingCalendar(), date(2027, 1, 28)))
        case.mark_overdue(Step.DECISION, date(2027, 2, 12))
        case.count_again(Step.DECISION, Deadline(date(2027, 2, 19)))
        assert case.overdue_steps(date(2027, 2, 19)) == []
        assert case.overdue_steps(date(2027, 2, 22)) == [Step.DECISION]

    def test_decision_moved_when_the_step_is_named_as_text(self):
        case = filed(applied_on=date(2027, 1, 28),
                     decide_by=deadlines.decide_by(WorkingCalendar(), date(2027, 1, 28)))
        assert case.count_again("decision", Deadline(date(2027, 2, 19))) is True
        assert (case.decide_by, case.notify_by) == (Deadline(date(2027, 2, 19)), None)
