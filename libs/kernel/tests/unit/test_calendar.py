from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.errors import InvalidInput, PreconditionFailed

# 2026 per chinese_calendar 1.11 (State Council schedule): Mid-Autumn 25–27 Sep,
# National Day 1–7 Oct; make-up working days Sun 20 Sep and Sat 10 Oct.


@pytest.fixture
def calendar(tmp_path: Path) -> WorkingCalendar:
    return WorkingCalendar(schedule_dir=tmp_path)


def write_2027(path: Path) -> Path:
    path.write_text(
        '[holidays]\ndates = [2027-02-08, "2027-02-09"]\n[workdays]\ndates = [2027-02-20]\n',
        encoding="utf-8",
    )
    return path


class TestNationalDay2026:
    def test_first_working_day_after_holiday_when_one_day_added(
        self, calendar: WorkingCalendar
    ) -> None:
        assert calendar.add_working_days(date(2026, 9, 30), 1) == Deadline(date(2026, 10, 8))

    def test_make_up_saturday_counts_when_adding_working_days(
        self, calendar: WorkingCalendar
    ) -> None:
        assert calendar.add_working_days(date(2026, 10, 7), 3).date == date(2026, 10, 10)

    def test_make_up_sunday_is_working_when_checked(self, calendar: WorkingCalendar) -> None:
        assert calendar.is_working_day(date(2026, 9, 20))

    def test_holiday_weekday_is_rest_when_checked(self, calendar: WorkingCalendar) -> None:
        assert not calendar.is_working_day(date(2026, 10, 5))

    def test_counts_make_up_days_when_measuring_between(self, calendar: WorkingCalendar) -> None:
        assert calendar.working_days_between(date(2026, 9, 30), date(2026, 10, 12)) == 4

    def test_negative_when_measuring_backwards(self, calendar: WorkingCalendar) -> None:
        assert calendar.working_days_between(date(2026, 10, 12), date(2026, 9, 30)) == -4

    def test_start_day_not_counted_when_adding(self, calendar: WorkingCalendar) -> None:
        assert calendar.add_working_days(date(2026, 10, 12), 1).date == date(2026, 10, 13)

    def test_not_provisional_when_package_covers_year(self, calendar: WorkingCalendar) -> None:
        assert not calendar.is_provisional(date(2026, 10, 1))

    def test_refused_when_negative_count(self, calendar: WorkingCalendar) -> None:
        with pytest.raises(InvalidInput, match="R62"):
            calendar.add_working_days(date(2026, 10, 12), -1)


class TestProvisionalYears:
    def test_provisional_when_year_has_no_schedule(self, calendar: WorkingCalendar) -> None:
        deadline = calendar.add_working_days(date(2027, 2, 5), 1)
        assert deadline == Deadline(date(2027, 2, 8), provisional=True)

    def test_fixed_date_holidays_rest_when_provisional(self, calendar: WorkingCalendar) -> None:
        assert not calendar.is_working_day(date(2027, 10, 1))

    def test_exact_when_schedule_file_added_later(self, tmp_path: Path) -> None:
        calendar = WorkingCalendar(schedule_dir=tmp_path, recheck_missing_seconds=0)
        assert calendar.add_working_days(date(2027, 2, 5), 1).provisional
        write_2027(tmp_path / "2027.toml")
        assert calendar.add_working_days(date(2027, 2, 5), 1) == Deadline(date(2027, 2, 10))

    def test_a_missing_year_is_not_looked_for_again_within_the_minute(
        self, tmp_path: Path, calendar: WorkingCalendar
    ) -> None:
        assert calendar.add_working_days(date(2027, 2, 5), 1).provisional
        write_2027(tmp_path / "2027.toml")
        assert calendar.add_working_days(date(2027, 2, 5), 1).provisional

    def test_exact_when_schedule_loaded_explicitly(self, tmp_path: Path) -> None:
        calendar = WorkingCalendar(schedule_dir=None)
        schedule = write_2027(tmp_path / "schedule-2027.toml")
        assert calendar.add_working_days(date(2027, 2, 5), 1).provisional
        calendar.load_schedule(2027, schedule)
        assert calendar.add_working_days(date(2027, 2, 5), 1) == Deadline(date(2027, 2, 10))

    def test_make_up_saturday_works_when_schedule_lists_it(
        self, tmp_path: Path, calendar: WorkingCalendar
    ) -> None:
        write_2027(tmp_path / "2027.toml")
        assert calendar.is_working_day(date(2027, 2, 20))

    def test_shows_provisional_when_printed(self) -> None:
        assert str(Deadline(date(2027, 1, 4), True)) == "2027-01-04 (暂定 provisional)"

    def test_refused_when_schedule_date_in_another_year(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.toml"
        path.write_text("[holidays]\ndates = [2028-01-01]\n", encoding="utf-8")
        with pytest.raises(InvalidInput, match="not in 2027"):
            WorkingCalendar().load_schedule(2027, path)

    def test_default_ships_no_2027_schedule_when_bundled(self) -> None:
        assert WorkingCalendar.default().is_provisional(date(2027, 3, 1))


class TestOutsideCoverage:
    @pytest.mark.parametrize("day", [date(2003, 12, 31), date(2100, 1, 4)])
    def test_refused_citing_r64_when_year_not_covered(
        self, calendar: WorkingCalendar, day: date
    ) -> None:
        with pytest.raises(PreconditionFailed) as caught:
            calendar.is_working_day(day)
        assert caught.value.rule == "R64"
