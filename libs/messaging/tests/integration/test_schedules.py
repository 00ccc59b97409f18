"""A service keeps each holiday schedule it receives and recounts with it (R64): the
schedule lands in its store with the consumer's transaction, its calendar counts with
it at once, and every other process of the service finds it there."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.calendar.v1 import HolidayScheduleLoaded
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.calendar import HolidaySchedule, WorkingCalendar
from zhixing.messaging.schedules import ScheduleFollower, ScheduleTable, calendar_over
from zhixing.messaging.typed import UnreadableEvent

SCHEDULE = {"year": 2027, "holidays": ["2027-01-01", "2027-01-04"], "workdays": []}


def loaded(data: dict[str, object]) -> CloudEvent:
    return CloudEvent(id="ce-1", source="/zhixing/chengdu/injected",
                      type=HolidayScheduleLoaded.event_type, time="2026-12-30T02:00:00Z",
                      subject="2027", court="", region="chengdu", sequence=0, position=1,
                      data=data)


@pytest.fixture
def store(tmp_path):
    opened = SqlStore(sqlite_path=tmp_path / "views.db")
    yield opened
    opened.close()


@pytest.fixture
def other_process_store(tmp_path):
    """The same database as another process of the service opens it."""
    opened = SqlStore(sqlite_path=tmp_path / "views.db")
    yield opened
    opened.close()


class TestScheduleFollower:
    def test_the_calendar_counts_with_the_schedule_and_the_service_recounts_when_received(
            self, store, tmp_path):
        calendar, recounted = WorkingCalendar(schedule_dir=tmp_path), []
        table = ScheduleTable(store)
        table.migrate()
        follower = ScheduleFollower(table, calendar,
                                    lambda schedule, _cursor: recounted.append(schedule) or 1)
        with store.transaction() as cur:
            follower.handle(loaded(SCHEDULE), cur)
        assert [s.year for s in recounted] == [2027]
        assert calendar.add_working_days(date(2026, 12, 30), 3).date == date(2027, 1, 6)

    def test_another_process_of_the_service_finds_the_schedule_when_received(
            self, store, other_process_store, tmp_path):
        other = calendar_over(other_process_store)
        assert other.add_working_days(date(2026, 12, 30), 3).provisional
        table = ScheduleTable(store)
        follower = ScheduleFollower(table, WorkingCalendar(schedule_dir=tmp_path),
                                    lambda _schedule, _cursor: 0)
        with store.transaction() as cur:
            follower.handle(loaded(SCHEDULE), cur)
        assert ScheduleTable(other_process_store).lookup(2027) == HolidaySchedule.of(
            2027, ["2027-01-01", "2027-01-04"], [])
        assert ScheduleTable(other_process_store).lookup(2028) is None

    def test_parked_naming_the_field_when_a_make_up_day_is_a_weekday(self, store, tmp_path):
        table = ScheduleTable(store)
        table.migrate()
        follower = ScheduleFollower(table, WorkingCalendar(schedule_dir=tmp_path),
                                    lambda _schedule, _cursor: 0)
        with pytest.raises(UnreadableEvent, match=r"\[workdays\]"), store.transaction() as cur:
            follower.handle(loaded({**SCHEDULE, "workdays": ["2027-02-16"]}), cur)

    def test_parked_naming_the_bound_when_the_year_is_outside_the_calendar(
            self, store, tmp_path):
        follower = ScheduleFollower(ScheduleTable(store), WorkingCalendar(schedule_dir=tmp_path),
                                    lambda _schedule, _cursor: 0)
        with pytest.raises(UnreadableEvent, match="year"), store.transaction() as cur:
            follower.handle(loaded({**SCHEDULE, "year": 2100}), cur)


class TestCatchUp:
    """A cluster's API process learns the schedule at most a recheck interval after the
    worker: what it counted meanwhile is recounted once that interval has passed."""

    @pytest.fixture
    def follower(self, store, tmp_path):  # type: ignore[no-untyped-def]
        self.now, self.recounted = 1000.0, []
        table = ScheduleTable(store)
        table.migrate()
        calendar = WorkingCalendar(schedule_dir=tmp_path, recheck_missing_seconds=60)
        follower = ScheduleFollower(
            table, calendar, lambda schedule, _cursor: self.recounted.append(schedule.year) or 0,
            now=lambda: self.now)
        with store.transaction() as cur:
            follower.handle(loaded(SCHEDULE), cur)
        return follower

    def test_nothing_is_recounted_again_before_the_interval_has_passed(self, follower):
        self.now += 60
        assert (follower.catch_up(), self.recounted) == (0, [2027])

    def test_recounted_once_more_when_the_interval_has_passed(self, follower):
        self.now += 66
        follower.catch_up()
        follower.catch_up()
        assert self.recounted == [2027, 2027]
