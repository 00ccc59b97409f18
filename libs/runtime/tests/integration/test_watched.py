"""What alerts read at a scrape (DESIGN §9): `zhixing_ready` says what `/readyz` says,
and a blue/green rebuild under way shows how far it has replayed and how far it is
from the live consumer — and nothing when no rebuild is under way."""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry

from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.sources import NotificationLogSource
from zhixing.messaging.tracking import Tracking
from zhixing.runtime.probes import Readiness
from zhixing.runtime.watched import ReadinessCollector, RebuildCollector

GROUP = "notes.view"
STREAM = "notes/notifications"


class NoteTable(Versioned):
    """A versioned projection: what a rebuild can replace."""

    tables = VersionedTables("note_view", {
        "note_view": ["CREATE TABLE IF NOT EXISTS {note_view} (id TEXT PRIMARY KEY)"]})

    def handle(self, event: object, cursor: object) -> None:
        """Nothing to write: the registry and the trackings are what is measured."""


@pytest.fixture
def store(tmp_path):
    views = SqlStore(sqlite_path=tmp_path / "views.db")
    yield views
    views.close()


@pytest.fixture
def consumer(store):
    NoteTable.tables.install(store)
    return TrackedConsumer(NotificationLogSource(_Empty()), NoteTable(), store, group=GROUP)


class _Empty:
    """A notification log with nothing in it: the collector never reads it."""

    stream = STREAM
    name = STREAM

    def head(self) -> int:
        return 0


def scraped(collector, name: str, labels: dict[str, str] | None = None) -> float | None:
    registry = CollectorRegistry()
    registry.register(collector)
    return registry.get_sample_value(name, labels or {})


def at(store: SqlStore, consumer: str, position: int) -> None:
    tracking = Tracking(store, consumer)
    with store.transaction() as cur:
        tracking.record(cur, STREAM, position)


def building(store: SqlStore, version: int) -> None:
    with store.transaction() as cur:
        cur.execute("UPDATE projection_versions SET building = %s, builder = 'run-1' "
                    "WHERE projection = 'note_view'", (version,))


class TestReady:
    def test_one_when_every_store_answers(self, store):
        assert scraped(ReadinessCollector(Readiness({"notes": store})), "zhixing_ready") == 1

    def test_zero_when_a_store_does_not_answer(self, tmp_path):
        gone = SqlStore(sqlite_path=tmp_path / "gone" / "views.db")
        (tmp_path / "gone").rmdir()  # SQLite cannot create a file in a missing folder
        assert scraped(ReadinessCollector(Readiness({"notes": gone})), "zhixing_ready") == 0


class TestRebuildProgress:
    def test_nothing_when_no_rebuild_is_under_way(self, store, consumer):
        at(store, GROUP, 40)
        assert RebuildCollector([consumer]).progress() == []

    def test_replayed_and_behind_when_a_rebuild_is_under_way(self, store, consumer):
        at(store, GROUP, 40)
        building(store, 2)
        at(store, f"{GROUP}#v2", 15)
        labels = {"projection": "note_view", "group": GROUP}
        collector = RebuildCollector([consumer])
        assert scraped(collector, "zhixing_projection_rebuild_position", labels) == 15
        assert scraped(collector, "zhixing_projection_rebuild_behind", labels) == 25

    def test_all_behind_when_the_rebuild_has_replayed_nothing_yet(self, store, consumer):
        at(store, GROUP, 40)
        building(store, 2)
        [progress] = RebuildCollector([consumer]).progress()
        assert (progress.replayed, progress.behind) == (0, 41)  # positions 0..40

    def test_the_scrape_still_answers_when_the_store_is_gone(self, store, consumer, tmp_path):
        building(store, 2)
        consumer.store = SqlStore(sqlite_path=tmp_path / "gone" / "views.db")  # no folder
        assert scraped(RebuildCollector([consumer]), "zhixing_projection_rebuild_position",
                       {"projection": "note_view", "group": GROUP}) is None


class TestServedByEveryRole:
    def test_metrics_carry_readiness_and_rebuilds_when_a_role_serves_them(self, store, consumer):
        import asyncio
        from contextlib import AsyncExitStack

        from prometheus_client.parser import text_string_to_metric_families

        from zhixing.runtime.lag import ConsumerLag, log_ends
        from zhixing.runtime.loops import Following
        from zhixing.runtime.probes import Liveness
        from zhixing.runtime.runners import _endpoints

        at(store, GROUP, 40)
        building(store, 2)
        loops = [Following(consumer.run, ConsumerLag(consumer, log_ends([])))]

        async def scrape() -> str:
            async with AsyncExitStack() as stack:
                endpoints = _endpoints(Liveness(), Readiness({"notes": store}), loops, stack)
                sent: list[dict] = []

                async def receive() -> dict:
                    return {"type": "http.request", "body": b"", "more_body": False}

                async def send(message: dict) -> None:
                    sent.append(message)

                await endpoints({"type": "http", "method": "GET", "path": "/metrics",
                                 "headers": []}, receive, send)
                return b"".join(m.get("body", b"") for m in sent).decode()

        samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
                   for family in text_string_to_metric_families(asyncio.run(scrape()))
                   for s in family.samples}
        assert samples[("zhixing_ready", ())] == 1
        assert samples[("zhixing_projection_rebuild_behind",
                        (("group", GROUP), ("projection", "note_view")))] == 41
