"""How background loops pace themselves (issue 12, items 1 and 13): a transient store
error is retried after a bounded backoff and never stops the loop; a defect does; an
idle follower polls less and less often, and a local append wakes it at once. Virtual
time: the waits are recorded, never slept."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from confluent_kafka import KafkaError, KafkaException

from zhixing.eventstore.sql import is_transient
from zhixing.messaging.kafka import broker_answers
from zhixing.messaging.pacing import Backoff, Faults, Pacing, Wakeup, follow


class RecordedWakeup(Wakeup):
    """Returns from every wait at once, recording it; sets `stop` after `budget` seconds
    of virtual waiting."""

    def __init__(self, stop: threading.Event, budget: float) -> None:
        super().__init__()
        self.stop, self.budget, self.waits = stop, budget, []

    def wait(self, seen: int, timeout: float) -> None:
        self.waits.append(timeout)
        if sum(self.waits) >= self.budget:
            self.stop.set()


class RecordedStop(threading.Event):
    """A stop event whose waits are recorded instead of slept."""

    def __init__(self, after_waits: int) -> None:
        super().__init__()
        self.after_waits, self.waits = after_waits, []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout)
        if len(self.waits) >= self.after_waits:
            self.set()
        return self.is_set()


def locked() -> sqlite3.OperationalError:
    error = sqlite3.OperationalError("database is locked")
    error.sqlite_errorcode = sqlite3.SQLITE_BUSY  # type: ignore[attr-defined]
    return error


class TestBackoff:
    def test_waits_double_up_to_the_cap_when_nothing_succeeds(self):
        backoff = Backoff(0.05, 2.0)
        assert [backoff.next() for _ in range(8)] == [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 2.0, 2.0]

    def test_waits_start_again_from_the_first_when_reset(self):
        backoff = Backoff(0.2, 30.0)
        backoff.next(), backoff.next()
        backoff.reset()
        assert (backoff.engaged, backoff.next()) == (False, 0.2)


class TestTransientErrors:
    def test_store_busy_is_transient_when_wrapped_by_eventsourcing(self):
        from eventsourcing.persistence import OperationalError

        try:
            try:
                raise locked()
            except sqlite3.OperationalError as error:
                raise OperationalError(error) from error
        except OperationalError as wrapped:
            assert is_transient(wrapped)

    def test_serialization_failure_is_transient_when_postgresql_reports_it(self):
        import psycopg

        assert is_transient(psycopg.errors.SerializationFailure("could not serialize"))

    def test_pool_wait_is_transient_when_every_connection_is_taken(self):
        from eventsourcing.persistence import ConnectionUnavailableError

        assert is_transient(ConnectionUnavailableError("Timed out waiting for return of writer"))

    def test_missing_table_is_not_transient_when_sqlite_says_so(self):
        error = sqlite3.OperationalError("no such table: x")
        error.sqlite_errorcode = sqlite3.SQLITE_ERROR  # type: ignore[attr-defined]
        assert not is_transient(error)


class TestFollowOnStoreErrors:
    def test_loop_keeps_running_and_catches_up_when_the_store_fails_for_a_while(self):
        stop, done = RecordedStop(after_waits=10**6), []
        failures = iter([locked(), locked(), locked()])

        def step() -> int:
            failure = next(failures, None)
            if failure is not None:
                raise failure
            done.append(1)
            stop.set()
            return 1

        pacing = Pacing(retry=Backoff(0.2, 30.0))
        follow("views", step, stop, pacing)
        assert (done, stop.waits) == ([1], [0.2, 0.4, 0.8])

    def test_failing_loop_shows_on_readiness_until_its_store_answers(self):
        pacing = Pacing(faults=Faults(clock=lambda: 100.0))

        def failing() -> int:
            raise locked()

        follow("assets.inbox", failing, RecordedStop(after_waits=1), pacing)
        shown = pacing.faults.problems()
        stop = RecordedStop(after_waits=10**6)
        follow("assets.inbox", lambda: stop.set() or 1, stop, pacing)
        assert (shown, pacing.faults.problems()) == (
            ["assets.inbox: its store is failing, retrying with backoff for 0 s"], [])

    def test_loop_keeps_running_when_the_broker_does_not_answer_in_time(self):
        # The relay publishing while the broker restarts or is paused (issue 13).
        stop, done = RecordedStop(after_waits=10**6), []
        failures = iter([TimeoutError(), TimeoutError()])

        def step() -> int:
            with broker_answers("3 records to zhixing.cases.events.v1", 60):
                failure = next(failures, None)
                if failure is not None:
                    raise failure
            done.append(1)
            stop.set()
            return 1

        follow("relay cases", step, stop, Pacing(retry=Backoff(0.2, 30.0)))
        assert (done, stop.waits) == ([1], [0.2, 0.4])

    def test_readiness_names_the_broker_when_the_broker_is_what_fails(self):
        pacing = Pacing(faults=Faults(clock=lambda: 100.0))

        def failing() -> int:
            with broker_answers("3 records to zhixing.cases.events.v1", 60):
                raise TimeoutError()

        follow("relay cases", failing, RecordedStop(after_waits=1), pacing)
        assert pacing.faults.problems() == [
            "relay cases: its broker is failing, retrying with backoff for 0 s"]

    def test_loop_stops_when_the_broker_client_fails_fatally(self):
        fatal = KafkaError(KafkaError._FATAL, "producer fenced", fatal=True)

        def step() -> int:
            with broker_answers("a dead letter", 60):
                raise KafkaException(fatal)

        with pytest.raises(KafkaException):
            follow("relay cases", step, RecordedStop(after_waits=1), Pacing())

    def test_loop_stops_when_the_acls_refuse_the_topic(self):
        refused = KafkaError(KafkaError.TOPIC_AUTHORIZATION_FAILED, "Topic authorization failed")

        def step() -> int:
            with broker_answers("1 records to zhixing.assets.requests.v1.tax", 60):
                raise KafkaException(refused)

        with pytest.raises(KafkaException, match="authorization"):
            follow("relay cases", step, RecordedStop(after_waits=1), Pacing())

    def test_loop_stops_when_the_error_is_a_defect(self):
        def step() -> int:
            raise KeyError("a bug")

        with pytest.raises(KeyError):
            follow("views", step, RecordedStop(after_waits=1), Pacing())


class TestIdleFollower:
    def test_idle_follower_polls_a_few_times_a_minute_when_nothing_comes(self):
        stop = threading.Event()
        wakeup, polls = RecordedWakeup(stop, budget=60.0), []

        def step() -> int:
            polls.append(1)
            return 0

        follow("views", step, stop, Pacing(idle=Backoff(0.05, 2.0), wakeup=wakeup))
        # 20 polls a second before (a fixed 50 ms pause): 1,200 in a minute.
        assert len(polls) <= 40 and max(wakeup.waits) == 2.0

    def test_follower_polls_again_at_once_when_it_found_work(self):
        stop = threading.Event()
        wakeup = RecordedWakeup(stop, budget=0.5)
        found = iter([0, 0, 0, 5, 0, 0])

        follow("views", lambda: next(found), stop, Pacing(idle=Backoff(0.05, 2.0),
                                                         wakeup=wakeup))
        assert wakeup.waits == [0.05, 0.1, 0.2, 0.05, 0.1]

    def test_waiter_returns_at_once_when_an_append_came_since_it_last_looked(self):
        wakeup = Wakeup()
        seen = wakeup.generation
        wakeup.notify()
        woke = threading.Event()
        waiter = threading.Thread(target=lambda: (wakeup.wait(seen, 60.0), woke.set()))
        waiter.start()
        assert woke.wait(10.0), "the notice given before the wait was lost"
        waiter.join()
