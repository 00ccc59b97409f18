"""A service keeps each holiday schedule it receives and recounts with it (R64): the
schedule lands in its store with the consumer's transaction and its calendar counts with
it at once; the follower's job recounts — at its next run, and once more after every
process of the service has seen the schedule — and takes over what a restart left."""

from __future__ import annotations

import sqlite3
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


class Service:
    """A follower with a recount that records what it was asked, on a clock of its own."""

    def __init__(self, store: SqlStore, calendar: WorkingCalendar) -> None:
        self.now, self.recounted = 1000.0, []
        self.table = ScheduleTable(store)
        self.table.migrate()
        self.store = store
        self.follower = ScheduleFollower(self.table, calendar, self._recount,
                                         now=lambda: self.now)

    def _recount(self, schedule: HolidaySchedule) -> int:
        self.recounted.append(schedule.year)
        return 1

    def receive(self, data: dict[str, object]) -> None:
        with self.store.transaction() as cur:
            self.follower.handle(loaded(data), cur)


@pytest.fixture
def calendar(tmp_path) -> WorkingCalendar:
    return WorkingCalendar(schedule_dir=tmp_path, recheck_missing_seconds=60)


@pytest.fixture
def service(store, calendar) -> Service:
    return Service(store, calendar)


class TestReceived:
    def test_the_calendar_counts_with_the_schedule_when_received(self, service, calendar):
        service.receive(SCHEDULE)
        assert calendar.add_working_days(date(2026, 12, 30), 3).date == date(2027, 1, 6)

    def test_nothing_is_recounted_inside_the_consumers_transaction(self, service):
        service.receive(SCHEDULE)
        assert service.recounted == []

    def test_another_process_of_the_service_finds_the_schedule_when_received(
            self, service, other_process_store):
        other = calendar_over(other_process_store)
        service.receive(SCHEDULE)
        assert ScheduleTable(other_process_store).lookup(2027) == HolidaySchedule.of(
            2027, ["2027-01-01", "2027-01-04"], [])
        assert ScheduleTable(other_process_store).lookup(2028) is None
        assert other.recheck_seconds == 60

    def test_parked_naming_the_field_when_a_make_up_day_is_a_weekday(self, service):
        with pytest.raises(UnreadableEvent, match=r"\[workdays\]"):
            service.receive({**SCHEDULE, "workdays": ["2027-02-16"]})

    def test_parked_naming_the_bound_when_the_year_is_outside_the_calendar(self, service):
        with pytest.raises(UnreadableEvent, match="year"):
            service.receive({**SCHEDULE, "year": 2100})


class TestRecount:
    def test_recounted_at_the_jobs_next_run_when_received(self, service):
        service.receive(SCHEDULE)
        assert (service.follower.catch_up(), service.recounted) == (1, [2027])

    def test_not_recounted_again_before_the_recheck_interval_has_passed(self, service):
        service.receive(SCHEDULE)
        service.follower.catch_up()
        service.now += 60
        assert (service.follower.catch_up(), service.recounted) == (0, [2027])

    def test_recounted_once_more_when_the_recheck_interval_has_passed(self, service):
        service.receive(SCHEDULE)
        service.follower.catch_up()
        service.now += 66
        service.follower.catch_up()
        service.follower.catch_up()
        assert (service.recounted, service.table.pending()) == ([2027, 2027], [])

    def test_a_restarted_service_recounts_what_was_pending_when_it_stopped(
            self, service, store, tmp_path):
        service.receive(SCHEDULE)  # then the process stops before its job runs
        restarted = Service(store, WorkingCalendar(schedule_dir=tmp_path))
        assert (restarted.follower.catch_up(), restarted.recounted) == (1, [2027])

    def test_a_restarted_service_recounts_what_was_pending_when_its_first_look_failed(
            self, service, store, tmp_path, monkeypatch):
        # Issue 12 items 1 and 12: at start-up under load the store may not answer (a
        # lost PostgreSQL connection, SQLite locked); the job is retried after a backoff
        # and must still take over what the restart left pending.
        service.receive(SCHEDULE)  # then the process stops before its job runs
        restarted = Service(store, WorkingCalendar(schedule_dir=tmp_path))
        answers = restarted.table.pending

        def not_yet() -> list[int]:
            monkeypatch.setattr(restarted.table, "pending", answers)
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(restarted.table, "pending", not_yet)
        with pytest.raises(sqlite3.OperationalError):
            restarted.follower.catch_up()
        assert (restarted.follower.catch_up(), restarted.recounted) == (1, [2027])


class TestCorrected:
    def test_another_process_counts_with_a_corrected_schedule_when_it_is_loaded_again(
            self, service, other_process_store, tmp_path):
        # Issue 12 item 12 (R64): a year loaded again (a corrected schedule) must reach
        # every process of the service, not only the one whose consumer received it; an
        # API process that had found the first one kept it until it restarted.
        other = WorkingCalendar(schedule_dir=tmp_path, recheck_missing_seconds=0,
                                source=ScheduleTable(other_process_store).lookup)
        service.receive(SCHEDULE)
        assert other.add_working_days(date(2026, 12, 30), 3).date == date(2027, 1, 6)
        with service.store.transaction() as cur:
            service.follower.handle(CloudEvent(**{**loaded({}).__dict__, "id": "ce-2", "data": {
                **SCHEDULE, "holidays": ["2027-01-01"]}}), cur)
        assert other.add_working_days(date(2026, 12, 30), 3).date == date(2027, 1, 5)
