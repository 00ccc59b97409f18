from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.periods import add_months, period_end


@pytest.fixture
def calendar(tmp_path: Path) -> WorkingCalendar:
    return WorkingCalendar(schedule_dir=tmp_path)


class TestCountingRules:
    def test_starts_next_day_when_counted_in_days(self, calendar: WorkingCalendar) -> None:
        # R62: 10 days from Mon 2 Mar 2026 ends Thu 12 Mar.
        assert period_end(date(2026, 3, 2), days=10, calendar=calendar).date == date(2026, 3, 12)

    def test_clipped_to_month_end_when_no_corresponding_day(self) -> None:
        assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)

    def test_ends_29_february_when_leap_year(self) -> None:
        assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)

    def test_corresponding_day_when_counted_in_years(self, calendar: WorkingCalendar) -> None:
        end = period_end(date(2024, 2, 29), years=1, procedural=False, calendar=calendar)
        assert end == Deadline(date(2025, 2, 28))

    def test_one_month_from_31_january_ends_28_february_when_make_up_day(
        self, calendar: WorkingCalendar
    ) -> None:
        # 28 Feb 2026 is a Saturday but a make-up working day, so it stays.
        assert period_end(date(2026, 1, 31), months=1, calendar=calendar).date == date(2026, 2, 28)


class TestHolidayShift:
    def test_moves_to_8_october_when_last_day_is_national_day(
        self, calendar: WorkingCalendar
    ) -> None:
        end = period_end(date(2026, 9, 1), months=1, calendar=calendar)
        assert end == Deadline(date(2026, 10, 8))

    def test_stays_on_calendar_date_when_not_procedural(self, calendar: WorkingCalendar) -> None:
        end = period_end(date(2026, 9, 30), days=1, procedural=False, calendar=calendar)
        assert end == Deadline(date(2026, 10, 1))

    def test_counts_working_days_when_given(self, calendar: WorkingCalendar) -> None:
        end = period_end(date(2026, 9, 30), working_days=3, calendar=calendar)
        assert end.date == date(2026, 10, 10)

    def test_provisional_when_last_day_in_unscheduled_year(self, calendar: WorkingCalendar) -> None:
        assert period_end(date(2026, 12, 1), months=2, calendar=calendar).provisional

    def test_exact_when_schedule_loaded_for_that_year(
        self, tmp_path: Path, calendar: WorkingCalendar
    ) -> None:
        (tmp_path / "2027.toml").write_text("[holidays]\ndates = [2027-02-01]\n", "utf-8")
        end = period_end(date(2026, 12, 1), months=2, calendar=calendar)
        assert end == Deadline(date(2027, 2, 2))


class TestInvalidPeriods:
    def test_refused_when_no_length(self) -> None:
        with pytest.raises(InvalidInput, match="R62"):
            period_end(date(2026, 3, 2))

    def test_refused_naming_unit_when_negative(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            period_end(date(2026, 3, 2), days=-1)
        assert caught.value.field == "days"

    def test_refused_when_working_days_mixed_with_months(self) -> None:
        with pytest.raises(InvalidInput, match="combined"):
            period_end(date(2026, 3, 2), months=1, working_days=2)
