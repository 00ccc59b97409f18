"""Holiday schedules as each service receives them (R64), and the consumer that keeps
them and has the service recount its provisional deadlines.

`zhixing calendar load <file>` publishes `HolidayScheduleLoaded` on the calendar topic
(Kafka in a cluster, the injected-events store in embedded mode). Every service that
stores working-day deadlines follows that topic with a `ScheduleFollower`: it keeps the
schedule in the service's own database (so each of its processes — and a restart —
counts with it, `ScheduleTable.lookup` being the calendar's source) and registers it with
the service's calendar. The recount itself runs in the follower's job (`catch_up`), not
in the consumer's transaction: it may touch many aggregates and take minutes, and must
not hold the lock of the service's views meanwhile.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from datetime import date

from zhixing.contracts.events.calendar.v1 import HolidayScheduleLoaded
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.calendar import HolidaySchedule, WorkingCalendar
from zhixing.kernel.errors import RuleViolation
from zhixing.messaging.typed import Context, TypedHandler, UnreadableEvent, on

log = logging.getLogger(__name__)
_DDL = """CREATE TABLE IF NOT EXISTS holiday_schedules (
    year INTEGER PRIMARY KEY, holidays TEXT NOT NULL, workdays TEXT NOT NULL,
    pending INTEGER NOT NULL)"""
RECOUNT_MARGIN_SECONDS = 5.0
"""Added to the calendar's recheck interval before the second recount."""
Recount = Callable[[HolidaySchedule], int]
"""A service's recount of its provisional deadlines with a new schedule; returns how
many aggregates it changed. Idempotent: the same schedule gives the same dates."""


class ScheduleTable:
    """The schedules a service has received, one row per year (the last one wins), each
    `pending` until the service has recounted with it."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def migrate(self) -> None:
        self.store.migrate(_DDL)

    def save(self, cursor: Cursor, schedule: HolidaySchedule) -> None:
        """Keep `schedule`, pending, in the consumer's transaction (with its tracking row)."""
        cursor.execute(
            "INSERT INTO holiday_schedules (year, holidays, workdays, pending) "
            "VALUES (%s, %s, %s, 1) ON CONFLICT (year) DO UPDATE SET "
            "holidays = excluded.holidays, workdays = excluded.workdays, pending = 1",
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

    def pending(self) -> list[int]:
        """Years received but not yet recounted with (e.g. before a restart)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT year FROM holiday_schedules WHERE pending = 1 ORDER BY year")
            return [int(row[0]) for row in cur.fetchall()]

    def recounted(self, year: int) -> None:
        with self.store.transaction() as cur:
            cur.execute("UPDATE holiday_schedules SET pending = 0 WHERE year = %s", (year,))


def calendar_over(store: SqlStore) -> WorkingCalendar:
    """A service's calendar: the bundled schedules, then those it has received.

    `store` should be a store of its own (not one a consumer writes through on the same
    thread): a calendar may be asked inside a consumer's transaction."""
    table = ScheduleTable(store)
    table.migrate()
    return WorkingCalendar.with_source(table.lookup)


class ScheduleFollower(TypedHandler):
    """Keeps each loaded schedule; its job recounts the service's provisional deadlines.

    The job recounts twice: at its first run after the schedule arrived, and again a
    recheck interval later — in a cluster the service's API processes learn the schedule
    from the table when they next look the year up, and may count provisionally until
    then."""

    def __init__(self, table: ScheduleTable, calendar: WorkingCalendar, recount: Recount,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.table = table
        self.calendar = calendar
        self.recount = recount
        self._now = now
        self._lock = threading.Lock()
        self._due: dict[int, tuple[float, int]] = {}
        """Year → (when to recount next, recounts left)."""
        self._recovered = False

    @on(HolidayScheduleLoaded)
    def loaded(self, event: HolidayScheduleLoaded, ctx: Context) -> None:
        try:
            schedule = HolidaySchedule.of(event.year, event.holidays, event.workdays)
        except RuleViolation as error:  # the publisher checked it; a bad one is parked
            raise UnreadableEvent(f"HolidayScheduleLoaded (ce_id {ctx.id}): {error}") from None
        self.table.save(ctx.cursor, schedule)
        self.calendar.register(schedule)
        with self._lock:
            self._due[schedule.year] = (self._now(), 2)

    def catch_up(self) -> int:
        """Recount with each schedule whose time has come; no I/O while none is due
        (after the first run, which takes over what a restart left pending)."""
        if not self._recovered:
            pending = self.table.pending()  # a store that fails now: asked again next run
            with self._lock:
                for year in pending:
                    self._due.setdefault(year, (self._now(), 2))
            self._recovered = True
        now = self._now()
        with self._lock:
            due = sorted(year for year, (at, _) in self._due.items() if at <= now)
        return sum(self._recount(year) for year in due)

    def _recount(self, year: int) -> int:
        schedule = self.table.lookup(year)
        if schedule is None:
            return 0
        self.calendar.register(schedule)
        changed = self.recount(schedule)
        with self._lock:
            _, left = self._due[year]
            if left > 1:
                self._due[year] = (self._now() + self.calendar.recheck_seconds
                                   + RECOUNT_MARGIN_SECONDS, left - 1)
            else:
                del self._due[year]
        if left <= 1:
            self.table.recounted(year)
        log.info("provisional deadlines recounted with a holiday schedule",
                 extra={"year": year, "changed": changed, "recounts_left": left - 1})
        return changed


def _days(days: frozenset[date]) -> str:
    return json.dumps(sorted(d.isoformat() for d in days))
