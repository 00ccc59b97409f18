"""Specification of R34's and R37's limits counted by R62–R64: a suggestion's reply in 3
months (4 with the extension), an inquiry's in 15 days, a judicial suggestion's handling
in the months it names (2 by default)."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.holidays import HolidaySchedule
from zhixing.supervision.domain import deadlines
from zhixing.supervision.domain.errors import InvalidSupervision

from .supervision_fixtures import CALENDAR

RECEIVED_30_NOV = date(2026, 11, 30)
R63_END = date(2027, 2, 28)
"""3 months from 30 Nov: 30 Feb does not exist, so the month's last day (R63); a Sunday."""


def calendar_2027(holidays: list[str], workdays: list[str]) -> WorkingCalendar:
    """A calendar with a 2027 schedule made up for the test (not the official one)."""
    calendar = WorkingCalendar()
    calendar.register(HolidaySchedule.of(2027, holidays, workdays))
    return calendar


class TestSuggestionReply:
    """R34: a procuratorial suggestion is replied to within 3 months."""

    def test_r63_end_moved_off_the_rest_day_when_received_on_30_november(self):
        # The bundled calendar has no 2027 schedule (the package ends in 2026), so 2027 is
        # counted provisionally — weekends and fixed-date holidays: Sunday 28 Feb rests,
        # Monday 1 March works.
        assert CALENDAR.is_provisional(R63_END) and not CALENDAR.is_working_day(R63_END)
        due = deadlines.suggestion_reply_by(CALENDAR, RECEIVED_30_NOV)
        assert due.date == date(2027, 3, 1)
        assert due.provisional is True

    def test_due_on_the_r63_end_itself_when_a_schedule_makes_it_a_working_day(self):
        due = deadlines.suggestion_reply_by(calendar_2027([], ["2027-02-28"]),
                                            RECEIVED_30_NOV)
        assert (due.date, due.provisional) == (R63_END, False)

    def test_moved_past_a_holiday_when_the_next_day_is_one(self):
        due = deadlines.suggestion_reply_by(calendar_2027(["2027-03-01"], []),
                                            RECEIVED_30_NOV)
        assert (due.date, due.provisional) == (date(2027, 3, 2), False)

    def test_the_corresponding_day_when_it_exists_and_works(self):
        # Mon 2 March 2026 + 3 months = Tue 2 June 2026, a working day.
        due = deadlines.suggestion_reply_by(CALENDAR, date(2026, 3, 2))
        assert (due.date, due.provisional) == (date(2026, 6, 2), False)

    def test_four_months_counted_the_same_way_when_extended(self):
        # 30 March 2027 is a Tuesday: no move, still provisional (no 2027 schedule).
        due = deadlines.extended_reply_by(CALENDAR, RECEIVED_30_NOV)
        assert (due.date, due.provisional) == (date(2027, 3, 30), True)


class TestInquiryReply:
    """R34: a written inquiry about suspected inaction is answered within 15 days."""

    def test_fifteen_days_later_when_the_last_day_works(self):
        # Mon 2 March 2026, the day itself not counted (R62): Tue 17 March.
        assert deadlines.inquiry_reply_by(CALENDAR, date(2026, 3, 2)).date == date(2026, 3, 17)

    def test_moved_after_national_day_when_the_fifteenth_day_falls_in_it(self):
        # Sun 20 Sept 2026 + 15 = Mon 5 Oct, inside the 1–7 Oct holiday: Thu 8 Oct (R64).
        assert deadlines.inquiry_reply_by(CALENDAR, date(2026, 9, 20)).date == date(2026, 10, 8)

    def test_inquiry_counted_in_days_when_chosen_by_kind(self):
        assert deadlines.reply_by(CALENDAR, "inquiry", date(2026, 3, 2)).date == date(2026, 3, 17)
        assert deadlines.reply_by(CALENDAR, "suggestion", date(2026, 3, 2)).date == date(2026, 6, 2)


class TestSuggestionHandling:
    """R37: the recipient's handling is expected by the time the suggestion names."""

    def test_two_months_when_no_time_is_named(self):
        # Mon 2 March 2026 + 2 months = Sat 2 May 2026, in the 劳动节 holiday (1–5 May):
        # Wed 6 May 2026.
        assert deadlines.suggestion_handle_by(CALENDAR, date(2026, 3, 2)).date == date(2026, 5, 6)

    def test_the_months_named_when_named(self):
        assert deadlines.suggestion_handle_by(CALENDAR, date(2026, 3, 2), months=3).date == \
            date(2026, 6, 2)

    @pytest.mark.parametrize("months", [0, 13, True])
    def test_refused_naming_r37_when_the_months_are_out_of_bounds(self, months):
        with pytest.raises(InvalidSupervision, match=r"R37 \[months\]"):
            deadlines.suggestion_handle_by(CALENDAR, date(2026, 3, 2), months=months)


class TestOverdue:
    def test_on_time_on_the_last_day_and_overdue_the_day_after(self):
        due = deadlines.inquiry_reply_by(CALENDAR, date(2026, 3, 2))
        assert not deadlines.is_overdue(due, date(2026, 3, 17))
        assert deadlines.is_overdue(due, date(2026, 3, 18))
