"""A holiday schedule is checked before any deadline is counted with it (R64): each
refusal names the field, the bound and the rule, and never guesses."""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

import pytest

from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.holidays import MAX_FILE_BYTES, HolidaySchedule


def refusal(text: str, year: int | None = 2027) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        HolidaySchedule.parse(text, year)
    assert refused.value.rule == "R64"
    return refused.value


class TestScheduleFiles:
    def test_read_with_its_year_when_the_file_says_it(self) -> None:
        schedule = HolidaySchedule.parse(
            'year = 2027\n[holidays]\ndates = [2027-01-01, "2027-02-08"]\n'
            "[workdays]\ndates = [2027-02-20]\n")
        assert (schedule.year, schedule.holidays, schedule.workdays) == (
            2027, frozenset({date(2027, 1, 1), date(2027, 2, 8)}), frozenset({date(2027, 2, 20)}))

    def test_year_taken_from_the_file_name_when_the_file_does_not_say(
            self, tmp_path: Path) -> None:
        path = tmp_path / "2027.toml"
        path.write_text("[holidays]\ndates = [2027-10-04]\n", encoding="utf-8")
        assert HolidaySchedule.from_file(None, path).year == 2027

    def test_refused_naming_the_year_when_none_is_given(self) -> None:
        assert refusal("[holidays]\ndates = []\n", year=None).field == "year"

    @pytest.mark.parametrize("year", [2003, 2100, "2027", True])
    def test_refused_naming_the_bounds_when_the_year_is_outside_them(self, year: object) -> None:
        refused = refusal(f"year = {year!r}\n".replace("'", '"').replace("True", "true"),
                          year=None)
        assert refused.field == "year" and "2004 to 2099" in str(refused)

    def test_refused_when_the_file_and_the_option_disagree_on_the_year(self) -> None:
        assert refusal("year = 2028\n", year=2027).field == "year"

    def test_refused_naming_the_table_when_a_date_is_in_another_year(self) -> None:
        refused = refusal("[holidays]\ndates = [2028-01-01]\n")
        assert refused.field == "holidays" and "2028-01-01 is not in 2027" in str(refused)

    def test_refused_without_echoing_it_when_an_entry_is_not_a_date(self) -> None:
        refused = refusal('[workdays]\ndates = ["510104199803121234"]\n')
        assert refused.field == "workdays" and "510104" not in str(refused)

    def test_refused_naming_the_bound_when_there_are_too_many_holidays(self) -> None:
        days = ", ".join(f"2027-03-{d:02d}" for d in range(1, 32)) + ", " + ", ".join(
            f"2027-04-{d:02d}" for d in range(1, 31))
        refused = refusal(f"[holidays]\ndates = [{days}]\n")
        assert refused.field == "holidays" and "at most 60" in str(refused)

    def test_refused_when_a_make_up_working_day_is_a_weekday(self) -> None:
        refused = refusal("[workdays]\ndates = [2027-02-16]\n")
        assert refused.field == "workdays" and "2027-02-16 is a weekday" in str(refused)

    def test_refused_when_a_day_is_both_holiday_and_working_day(self) -> None:
        refused = refusal("[holidays]\ndates = [2027-02-20]\n[workdays]\ndates = [2027-02-20]\n")
        assert refused.field == "schedule"

    def test_refused_when_the_dates_are_not_a_list(self) -> None:
        assert refusal('[holidays]\ndates = "2027-01-01"\n').field == "holidays"

    def test_refused_when_the_text_is_not_toml(self) -> None:
        assert refusal("[holidays\n").field == "schedule"

    def test_refused_naming_the_size_when_the_file_is_too_large(self, tmp_path: Path) -> None:
        path = tmp_path / "2027.toml"
        path.write_text("#" * (MAX_FILE_BYTES + 1), encoding="utf-8")
        with pytest.raises(InvalidInput, match=f"at most {MAX_FILE_BYTES} bytes"):
            HolidaySchedule.from_file(None, path)

    def test_refused_naming_the_size_when_a_pipe_gives_more_than_a_file_may_hold(
            self, tmp_path: Path) -> None:
        # Issue 12 item 12: `zhixing calendar load /dev/stdin` (or a FIFO, /dev/zero)
        # has no size to stat; the read itself must stop at the bound, not at an end
        # that may never come.
        pipe = tmp_path / "2027.toml"
        os.mkfifo(pipe)
        release, released = threading.Event(), threading.Event()

        def write() -> None:
            with pipe.open("wb") as sink:
                sink.write(b"#" * (MAX_FILE_BYTES + 1))
                release.wait(10)  # the pipe stays open: no end of file to wait for
            released.set()

        writer = threading.Thread(target=write)
        writer.start()
        try:
            with pytest.raises(InvalidInput, match=f"at most {MAX_FILE_BYTES} bytes"):
                HolidaySchedule.from_file(None, pipe)
            assert not released.is_set()
        finally:
            release.set()
            writer.join()

    def test_refused_when_the_file_cannot_be_read(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidInput, match="cannot read"):
            HolidaySchedule.from_file(2027, tmp_path / "missing.toml")


class TestRegisteredSchedules:
    """A schedule received from the suite (not a file) ends the provisional answer."""

    def test_final_when_a_schedule_is_registered(self, tmp_path: Path) -> None:
        calendar = WorkingCalendar(schedule_dir=tmp_path)
        assert calendar.add_working_days(date(2026, 12, 30), 3).provisional
        calendar.register(HolidaySchedule.of(2027, ["2027-01-01", "2027-01-04"], []))
        assert calendar.add_working_days(date(2026, 12, 30), 3) == Deadline(date(2027, 1, 6))

    def test_final_when_the_source_has_the_year(self, tmp_path: Path) -> None:
        loaded = HolidaySchedule.of(2027, ["2027-01-01", "2027-01-04"], [])
        calendar = WorkingCalendar(schedule_dir=tmp_path,
                                   source=lambda year: loaded if year == 2027 else None)
        assert calendar.add_working_days(date(2026, 12, 30), 3) == Deadline(date(2027, 1, 6))

    def test_provisional_when_the_source_lacks_the_year(self, tmp_path: Path) -> None:
        calendar = WorkingCalendar(schedule_dir=tmp_path, source=lambda year: None)
        assert calendar.add_working_days(date(2026, 12, 30), 3) == Deadline(
            date(2027, 1, 5), provisional=True)
