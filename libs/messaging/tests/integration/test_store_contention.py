"""The tracked consumer on a SQLite store another writer holds (issue 12, item 1): it
backs off and catches up instead of stopping, and a policy's work never holds the
store's write lock that the other consumers of that store wait on."""

from __future__ import annotations

import sqlite3
import threading

from testkit.notes import NoteView
from testkit.waiting import wait_until
from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.pacing import Backoff, Pacing
from zhixing.messaging.sources import NotificationLogSource


def hold_write_lock(path) -> sqlite3.Connection:
    """Another connection in the middle of a long write transaction."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


class TestConsumerUnderContention:
    def test_consumer_keeps_running_and_catches_up_when_the_store_stays_locked(
            self, tmp_path, outbox, write_notes):
        store = SqlStore(sqlite_path=tmp_path / "busy.db", busy_timeout=0.05)
        view = NoteView(store)
        consumer = TrackedConsumer(NotificationLogSource(outbox), view, store, group="v",
                                   pacing=Pacing(retry=Backoff(0.02, 0.1)))
        holder = hold_write_lock(tmp_path / "busy.db")
        write_notes("a", "b", "c")
        stop = threading.Event()
        loop = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
        loop.start()
        try:
            wait_until(consumer.pacing.faults.problems, timeout=30, what="the failure shown")
            holder.execute("COMMIT")
            # The fault clears just after the batch's commit, so both are waited for.
            wait_until(lambda: view.texts() == ["a", "b", "c"]
                       and consumer.pacing.faults.problems() == [], timeout=30,
                       what="every note applied and the failure cleared once the lock is gone")
            assert loop.is_alive()
        finally:
            stop.set()
            loop.join(10)
            holder.close()
            store.close()


class Policy:
    """A policy whose effect lands elsewhere; it records whether another writer could
    take the consumer store's write lock while it worked."""

    effect_elsewhere = True

    def __init__(self, path) -> None:
        self.path = path
        self.others_could_write: list[bool] = []

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        other = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            self.others_could_write.append(True)
        except sqlite3.OperationalError:
            self.others_could_write.append(False)
        finally:
            other.close()


class TestPolicyOutsideTheWriteLock:
    def test_other_writers_proceed_when_a_policy_is_working(self, tmp_path, outbox,
                                                            write_notes):
        store = SqlStore(sqlite_path=tmp_path / "views.db")
        policy = Policy(tmp_path / "views.db")
        consumer = TrackedConsumer(NotificationLogSource(outbox), policy, store, group="p")
        write_notes("a", "b")
        while consumer.run_once(0):
            pass
        assert policy.others_could_write == [True, True]
        assert consumer.tracking.position(outbox.stream) == outbox.head()
        store.close()

    def test_policy_sees_each_event_once_when_the_batch_comes_again(self, tmp_path, outbox,
                                                                    write_notes):
        store = SqlStore(sqlite_path=tmp_path / "views.db")
        policy = Policy(tmp_path / "views.db")
        write_notes("a")
        for _ in range(2):  # a restart: a new consumer from the tracked position
            consumer = TrackedConsumer(NotificationLogSource(outbox), policy, store, group="p")
            while consumer.run_once(0):
                pass
        consumer.source.start(lambda stream: 0)  # redelivered from the start
        while consumer.run_once(0):
            pass
        assert policy.others_could_write == [True]
        store.close()
