"""Holiday schedules as each service receives them (R64), and the consumer that keeps
them and recounts the service's provisional deadlines.

`zhixing calendar load <file>` publishes `HolidayScheduleLoaded` on the calendar topic
(Kafka in a cluster, the injected-events store in embedded mode). Every service that
stores working-day deadlines follows that topic with a `ScheduleFollower`: it keeps the
schedule in the service's own database (so each of its processes — and a restart —
counts with it, `ScheduleTable.lookup` being the calendar's source), registers it with
the service's calendar, then lets the service recount what it counted provisionally.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date

from zhixing.contracts.events.calendar.v1 import HolidayScheduleLoaded
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.calendar import HolidaySchedule, WorkingCalendar
from zhixing.kernel.errors import RuleViolation
from zhixing.messaging.typed import Context, TypedHandler, UnreadableEvent, on

_DDL = """CREATE TABLE IF NOT EXISTS holiday_schedules (
    year INTEGER PRIMARY KEY, holidays TEXT NOT NULL, workdays TEXT NOT NULL)"""

RECOUNT_MARGIN_SECONDS = 5.0
"""Added to the calendar's recheck interval before the second recount (`catch_up`)."""
Recount = Callable[[HolidaySchedule, Cursor], int]
"""A service's recount of its provisional deadlines with a new schedule, reading its
views through the consumer's cursor; returns how many aggregates it changed."""


class ScheduleTable:
    """The schedules a service has received, one row per year (the last one wins)."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def migrate(self) -> None:
        self.store.migrate(_DDL)

    def save(self, cursor: Cursor, schedule: HolidaySchedule) -> None:
        """Keep `schedule` in the consumer's transaction (with its tracking row)."""
        cursor.execute(
            "INSERT INTO holiday_schedules (year, holidays, workdays) VALUES (%s, %s, %s) "
            "ON CONFLICT (year) DO UPDATE SET holidays = excluded.holidays, "
            "workdays = excluded.workdays",
            (schedule.year, _days(schedule.holidays), _days(schedule.workdays)))

    def lookup(self, year: int) -> HolidaySchedule | None:
        """The schedule received for `year`, or None: a `WorkingCalendar` source."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT holidays, workdays FROM holiday_schedules WHERE year = %s",
                        (year,))
            row = cur.fetchone()
        if row is None:
            return None
        return HolidaySchedule.of(year, json.loads(row[0]), json.loads(row[1]))


def calendar_over(store: SqlStore) -> WorkingCalendar:
    """A service's calendar: the bundled schedules, then those it has received.

    `store` should be a store of its own (not one a consumer writes through on the same
    thread): a calendar may be asked inside a consumer's transaction."""
    table = ScheduleTable(store)
    table.migrate()
    return WorkingCalendar.with_source(table.lookup)


class ScheduleFollower(TypedHandler):
    """Keeps each loaded schedule and recounts the service's provisional deadlines.

    In a cluster the service's other processes (its API) learn the schedule from the
    table when they next look the year up — at most a recheck interval later — and may
    count provisionally until then. `catch_up` (a job of the same process) therefore
    recounts once more when that interval has passed."""

    def __init__(self, table: ScheduleTable, calendar: WorkingCalendar, recount: Recount,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.table = table
        self.calendar = calendar
        self.recount = recount
        self._now = now
        self._again: tuple[float, HolidaySchedule] | None = None

    @on(HolidayScheduleLoaded)
    def loaded(self, event: HolidayScheduleLoaded, ctx: Context) -> None:
        try:
            schedule = HolidaySchedule.of(event.year, event.holidays, event.workdays)
        except RuleViolation as error:  # the publisher checked it; a bad one is parked
            raise UnreadableEvent(f"HolidayScheduleLoaded (ce_id {ctx.id}): {error}") from None
        self.table.save(ctx.cursor, schedule)
        self.calendar.register(schedule)
        # Recounting is idempotent (the same schedule gives the same dates), so a
        # redelivery after a crash between the recount and the tracking row is harmless.
        self.recount(schedule, ctx.cursor)
        self._again = (self._now() + self.calendar.recheck_seconds + RECOUNT_MARGIN_SECONDS,
                       schedule)

    def catch_up(self) -> int:
        """The second recount, once, after every process has seen the last schedule;
        nothing to do (and no I/O) otherwise. Returns how many aggregates changed."""
        again = self._again
        if again is None or self._now() < again[0]:
            return 0
        self._again = None
        with self.table.store.transaction(read_only=True) as cursor:
            return self.recount(again[1], cursor)


def _days(days: frozenset[date]) -> str:
    return json.dumps(sorted(d.isoformat() for d in days))
