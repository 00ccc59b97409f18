"""Every role's probes: liveness is "the loops run", readiness is "can serve": stores
answer and consumers are caught up enough; /metrics is Prometheus text."""

from __future__ import annotations

import socket
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families

from testkit.notes import Note, Noted, NotesApp, NoteView, to_public
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.sources import NotificationLogSource
from zhixing.runtime.lag import ConsumerLag, LagCollector, Watermarks, kafka_ends, log_ends
from zhixing.runtime.probes import Liveness, OpsEndpoints, Readiness


@pytest.fixture
def notes(tmp_path):
    app = NotesApp(Settings(var_dir=tmp_path))
    yield app
    app.close()


@pytest.fixture
def store(tmp_path):
    views = SqlStore(sqlite_path=tmp_path / "views.db")
    yield views
    views.close()


@pytest.fixture
def projection(notes, store):
    """A note view fed by the notes' notification log, and the measure of its lag."""
    outbox = Outbox(notes, to_public, topic=Noted.topic, region="chengdu")
    consumer = TrackedConsumer(NotificationLogSource(outbox), NoteView(store), store,
                               group="notes.view")
    return consumer, ConsumerLag(consumer, log_ends([outbox]))


def write(notes: NotesApp, count: int) -> None:
    for n in range(count):
        notes.save(Note(f"note {n}"))


def drain(consumer: TrackedConsumer) -> None:
    while consumer.run_once(timeout=0.01):
        pass


class TestReadiness:
    def test_not_ready_when_a_projection_is_far_behind(self, notes, store, projection):
        _consumer, lag = projection
        write(notes, 30)
        problems = Readiness({"notes": store}, [lag], max_lag=10).problems()
        assert problems == ["consumer notes.view is 30 behind in notes/notifications "
                            "(bound 10, ZHIXING_READY_MAX_LAG)"]

    def test_ready_when_the_projection_has_caught_up(self, notes, store, projection):
        consumer, lag = projection
        write(notes, 30)
        drain(consumer)
        assert Readiness({"notes": store}, [lag], max_lag=10).problems() == []

    def test_ready_when_behind_by_no_more_than_the_bound(self, notes, store, projection):
        _consumer, lag = projection
        write(notes, 10)
        assert Readiness({"notes": store}, [lag], max_lag=10).problems() == []

    def test_not_ready_when_a_store_does_not_answer(self, tmp_path):
        gone = SqlStore(sqlite_path=tmp_path / "gone" / "views.db")
        (tmp_path / "gone").rmdir()  # SQLite cannot create a file in a missing folder
        assert Readiness({"cases": gone}).problems() == ["store cases unreachable"]


class TestStoreGone:
    def test_not_ready_when_the_sqlite_file_is_deleted_under_an_open_connection(self, tmp_path):
        # An open SQLite connection keeps answering from a deleted file (and the
        # service keeps writing into it, lost at the next start): SELECT 1 said ready.
        views = SqlStore(sqlite_path=tmp_path / "views.db")
        try:
            assert Readiness({"notes": views}).problems() == []
            for path in tmp_path.glob("views.db*"):
                path.unlink()
            assert Readiness({"notes": views}).problems() == ["store notes unreachable"]
        finally:
            views.close()


class TestBrokerDown:
    def test_ready_within_one_broker_timeout_when_the_broker_is_down_under_many_consumers(
            self, store, projection):
        # A worker follows about twenty groups; asking a silent broker once per
        # consumer (2 s each) made /readyz and /metrics take 40 s, past every deadline.
        consumer, _lag = projection
        with socket.socket() as closed:  # bound, never listening: connections refused
            closed.bind(("127.0.0.1", 0))
            watermarks = Watermarks(f"127.0.0.1:{closed.getsockname()[1]}", timeout=1.0)
            lags = [ConsumerLag(consumer, kafka_ends(watermarks, f"topic-{n}")) for n in range(8)]
            started = time.monotonic()
            problems = Readiness({"notes": store}, lags).problems()
            took = time.monotonic() - started
        assert problems == [] and took < 3.0


class TestEndpoints:
    def test_readyz_answers_503_naming_the_lag_when_behind(self, notes, store, projection, call):
        consumer, lag = projection
        write(notes, 30)
        endpoints = OpsEndpoints(Liveness(), Readiness({"notes": store}, [lag], max_lag=10))
        answer = call(endpoints, "/readyz")
        assert answer.status == 503 and "notes.view is 30 behind" in answer.text
        drain(consumer)
        assert call(endpoints, "/readyz").status == 200

    def test_metrics_are_prometheus_text_with_the_lag_when_scraped(
            self, notes, store, projection, call):
        from prometheus_client import REGISTRY

        _consumer, lag = projection
        write(notes, 3)
        collector = LagCollector([lag], [])
        REGISTRY.register(collector)
        try:
            answer = call(OpsEndpoints(Liveness(), Readiness({})), "/metrics")
        finally:
            REGISTRY.unregister(collector)
        families = {f.name: f for f in text_string_to_metric_families(answer.text)}
        [sample] = families["zhixing_consumer_lag"].samples
        assert sample.labels == {"group": "notes.view", "stream": "notes/notifications"}
        assert sample.value == 3
        assert {"zhixing_command_duration_seconds", "zhixing_events_appended",
                "zhixing_dead_letters"} <= set(families)

    def test_events_appended_counts_each_save_of_the_service_when_scraped(self, notes, call):
        from zhixing.eventstore.application import on_appended
        from zhixing.runtime.runners import count_appended

        def appended() -> float:
            answer = call(OpsEndpoints(Liveness(), Readiness({})), "/metrics")
            families = {f.name: f for f in text_string_to_metric_families(answer.text)}
            return sum(s.value for s in families["zhixing_events_appended"].samples
                       if s.labels == {"service": "notes"} and s.name.endswith("_total"))

        before = appended()
        on_appended(count_appended)
        try:
            write(notes, 3)
        finally:
            on_appended(None)
        assert appended() - before == 3
