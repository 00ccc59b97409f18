"""`zhixing calendar load <file>` (R64): a checked schedule becomes one
`HolidayScheduleLoaded` on the calendar topic; a bad one is one line on stderr, exit 2,
and nothing published."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner, Result

from zhixing.contracts.events.calendar.v1 import HolidayScheduleLoaded
from zhixing.contracts.topics import CALENDAR_EVENTS
from zhixing.eventstore.settings import Settings
from zhixing.runtime.cli import app, mount
from zhixing.runtime.inject import injected_events


@pytest.fixture
def zhixing(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ZHIXING_VAR", str(tmp_path / "var"))
    monkeypatch.delenv("ZHIXING_PG_DSN", raising=False)
    monkeypatch.delenv("ZHIXING_KAFKA_BOOTSTRAP", raising=False)

    def run(*args: str) -> Result:
        return CliRunner().invoke(mount(app), list(args))

    return run


def published(tmp_path) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    store = injected_events(Settings(var_dir=tmp_path / "var"))
    try:
        return [e.data for entry in store.log(CALENDAR_EVENTS).read(0) for e in entry.events
                if e.type == HolidayScheduleLoaded.event_type]
    finally:
        store.close()


class TestCalendarLoad:
    def test_published_as_one_event_when_the_schedule_is_valid(self, zhixing, tmp_path):
        path = tmp_path / "2027.toml"
        path.write_text("[holidays]\ndates = [2027-01-04, 2027-01-01]\n[workdays]\n"
                        "dates = [2027-02-20]\n", encoding="utf-8")
        done = zhixing("calendar", "load", str(path))
        assert done.exit_code == 0, done.stderr
        assert done.stdout.startswith("loaded 2027: 2 holidays, 1 make-up working days")
        assert published(tmp_path) == [{"year": 2027, "holidays": ["2027-01-01", "2027-01-04"],
                                        "workdays": ["2027-02-20"]}]

    def test_exit_2_naming_the_field_and_nothing_published_when_a_date_is_wrong(
            self, zhixing, tmp_path):
        path = tmp_path / "2027.toml"
        path.write_text("[holidays]\ndates = [2028-01-01]\n", encoding="utf-8")
        done = zhixing("calendar", "load", str(path))
        assert done.exit_code == 2 and len(done.stderr.splitlines()) == 1
        assert "R64 [holidays]: 2028-01-01 is not in 2027" in done.stderr
        assert published(tmp_path) == []

    def test_exit_2_naming_the_bounds_when_the_year_option_is_outside_them(
            self, zhixing, tmp_path):
        path = tmp_path / "schedule.toml"
        path.write_text("[holidays]\ndates = []\n", encoding="utf-8")
        done = zhixing("calendar", "load", str(path), "--year", "2100")
        assert done.exit_code == 2 and "2004 to 2099" in done.stderr
