"""The blue/green rebuild suite, written once and run on two backends (STYLE 10): the
importing module provides the fixtures `store` (an empty read-model store) and
`injected` (an `InjectedEvents` log), on SQLite or on PostgreSQL.

The projection counts events per subject — applying one twice, or losing one, shows.
"""

from __future__ import annotations

import threading
import uuid

import pytest

from testkit.waiting import wait_until
from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables, kind, registration
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.injected import InjectedEvents
from zhixing.messaging.rebuild import Rebuild, RebuildFailed, positions
from zhixing.messaging.sources import NotificationLogSource

TOPIC = "zhixing.test.tallied.v1"
GROUP = "test.tallies"
TALLY_DDL = "CREATE TABLE IF NOT EXISTS {tallies} (subject TEXT PRIMARY KEY, n BIGINT NOT NULL)"
TALLIES = VersionedTables("tallies", {"tallies": (
    TALLY_DDL, "CREATE INDEX IF NOT EXISTS {tallies}_n ON {tallies} (n)")})


class Counting:
    """Stands for a dispatching base (such as a typed handler) that writes with the
    cursor it is given."""

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        cursor.execute("INSERT INTO {tallies} (subject, n) VALUES (%s, 1) ON CONFLICT (subject) "
                       "DO UPDATE SET n = {tallies}.n + 1", (event.subject,))


class Tally(Versioned, Counting):
    """Events per subject: not idempotent on purpose."""

    tables = TALLIES


class Interrupted(Exception):
    """Stands for Ctrl-C (or a killed process) in the middle of a rebuild."""


class Rig:
    """A live consumer following an injected log into the tallies, and rebuilds of it."""

    def __init__(self, store: SqlStore, injected: InjectedEvents) -> None:
        self.store = store
        self.injected = injected
        TALLIES.install(store)
        self.live = TrackedConsumer(self.source(), Tally(), store, group=GROUP)
        self.appended: dict[str, int] = {}

    def source(self, group: str = "") -> NotificationLogSource:
        return NotificationLogSource(self.injected.log(TOPIC), batch=50)

    def append(self, n: int, subjects: int = 7) -> None:
        for i in range(n):
            subject = f"s{(len(self.appended) + i) % subjects}"
            self.injected.append(TOPIC, CloudEvent(
                id=uuid.uuid4().hex, source="/zhixing/chengdu/test", type="test.Tallied",
                time="2026-01-05T01:00:00Z", subject=subject, court="川0104",
                region="chengdu", sequence=0, position=0, data={}))
            self.appended[subject] = self.appended.get(subject, 0) + 1

    def drain(self) -> None:
        while self.live.run_once(timeout=0):
            pass

    def rebuild(self, progress=lambda done, total: None, **options) -> Rebuild:  # type: ignore[no-untyped-def]
        job = Rebuild(self.store, Tally(), self.source, GROUP, **options)
        job.run(progress)
        return job

    def rows(self, table: str = "tallies") -> list[tuple[str, int]]:
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT subject, n FROM {table} ORDER BY subject")
            return [(str(s), int(n)) for s, n in cur.fetchall()]

    def expected(self) -> list[tuple[str, int]]:
        return sorted(self.appended.items())

    def version(self) -> tuple[int, int | None]:
        with self.store.transaction(read_only=True) as cur:
            found = registration(cur, TALLIES.name)
        assert found is not None
        return found.version, found.building

    def kind(self, name: str) -> str | None:
        with self.store.transaction(read_only=True) as cur:
            return kind(cur, name)


@pytest.fixture
def rig(store, injected) -> Rig:
    return Rig(store, injected)


class TestFirstStartOnAnEarlierStore:
    def test_rows_are_kept_when_a_plain_table_becomes_version_1(self, store, injected):
        store.migrate(TALLY_DDL.format(tallies="tallies"),
                      "CREATE INDEX IF NOT EXISTS tallies_n ON tallies (n)")
        with store.transaction() as cur:
            cur.execute("INSERT INTO tallies (subject, n) VALUES ('old', 3)")
        rig = Rig(store, injected)
        assert (rig.rows(), rig.kind("tallies"), rig.version()) == (
            [("old", 3)], "view", (1, None))
        assert rig.rows("tallies__v1") == [("old", 3)]

    def test_nothing_changes_when_installed_again(self, rig):
        rig.append(5)
        rig.drain()
        TALLIES.install(rig.store)
        assert (rig.rows(), rig.version()) == (rig.expected(), (1, None))


class TestRebuild:
    def test_rebuilt_table_equals_the_live_one_when_swapped(self, rig):
        rig.append(300)
        rig.drain()
        live = rig.rows()
        job = rig.rebuild()
        assert (rig.rows(), rig.rows("tallies__v2"), rig.version()) == (live, live, (2, None))
        assert (job.replayed >= 300, rig.kind("tallies__v1")) == (True, None)

    def test_old_table_serves_while_the_rebuild_runs(self, rig):
        rig.append(300)
        rig.drain()
        live, seen = rig.rows(), []

        def look(done: int, total: int) -> None:
            if 0 < done < total:
                seen.append((rig.rows(), rig.version()[0]))

        rig.rebuild(look, swap_within=0)
        assert seen and all(served == (live, 1) for served in seen)

    def test_rebuild_resumes_when_interrupted(self, rig):
        rig.append(300)
        rig.drain()

        def stop_half_way(done: int, total: int) -> None:
            if done > total // 2:
                raise Interrupted

        with pytest.raises(Interrupted):
            rig.rebuild(stop_half_way, swap_within=0)
        assert (rig.version(), rig.rows()) == ((1, 2), rig.expected())
        job = rig.rebuild()
        assert (rig.rows(), rig.version()) == (rig.expected(), (2, None))
        assert 0 < job.replayed < 300

    def test_events_during_the_rebuild_count_once_when_the_live_consumer_goes_on(self, rig):
        rig.append(200)
        rig.drain()

        def meanwhile(done: int, total: int) -> None:
            rig.append(3)
            rig.drain()  # the live consumer keeps feeding the old table

        rig.rebuild(meanwhile, swap_within=20)
        rig.append(11)
        rig.drain()  # now into the new table
        assert (rig.rows(), rig.version()) == (rig.expected(), (2, None))

    def test_nothing_is_lost_or_doubled_when_swapped_under_a_running_consumer(self, rig):
        rig.append(400)
        stop = threading.Event()
        live = threading.Thread(target=rig.live.run, args=(stop, 0.01))
        live.start()
        try:
            rig.rebuild(lambda done, total: rig.append(2), swap_within=10)
            rig.append(20)
            wait_until(lambda: _caught_up(rig), timeout=60, what="the live consumer")
        finally:
            stop.set()
            live.join(timeout=30)
        assert (rig.rows(), rig.version()) == (rig.expected(), (2, None))

    def test_a_run_taken_over_stops_without_writing_when_another_resumes_it(self, rig):
        rig.append(300)
        rig.drain()
        taken_over = []

        def resume_elsewhere(done: int, total: int) -> None:
            if 0 < done < total and not taken_over:
                taken_over.append(rig.rebuild())  # e.g. the same command in another shell
                rig.append(9)
                rig.drain()  # the live consumer, now into the table that run swapped in

        with pytest.raises(RebuildFailed, match="took it over"):
            rig.rebuild(resume_elsewhere, swap_within=0)
        assert (rig.rows(), rig.version()) == (rig.expected(), (2, None))

    def test_a_second_rebuild_swaps_to_version_3_when_run_again(self, rig):
        rig.append(120)
        rig.drain()
        rig.rebuild()
        rig.rebuild()
        assert (rig.rows(), rig.version(), rig.kind("tallies__v2")) == (
            rig.expected(), (3, None), None)


def _caught_up(rig: Rig) -> bool:
    with rig.store.transaction(read_only=True) as cur:
        done = positions(cur, GROUP)
    return done.get(rig.injected.log(TOPIC).stream, 0) >= rig.injected.log(TOPIC).head()
