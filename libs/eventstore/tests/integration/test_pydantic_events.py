"""Pydantic domain events through a real SQLite event store: validation, snapshots,
trace context in event metadata."""

from __future__ import annotations

from datetime import datetime

import pytest

from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.settings import Settings

from ..counting import Counter


class Counters(ServiceApplication):
    name = service_name = "counters"
    snapshotting_intervals = {Counter: 10}  # noqa: RUF012


@pytest.fixture
def app(tmp_path):
    application = Counters(Settings(var_dir=tmp_path), traceparent=lambda: TRACEPARENT)
    yield application
    application.close()


TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def test_state_is_rebuilt_from_stored_events(app):
    counter = Counter("a")
    counter.count_up(by=2)
    app.save(counter)
    assert app.repository.get(counter.id).count == 2


def test_snapshot_restores_state_and_timestamps(app):
    counter = Counter("a")
    for _ in range(24):
        counter.count_up(by=1)
    app.save(counter)
    assert app.snapshots is not None
    [snapshot] = list(app.snapshots.get(counter.id, desc=True, limit=1))
    assert snapshot.originator_version == 20
    restored = app.repository.get(counter.id)
    assert (restored.count, restored.version) == (24, 25)
    assert isinstance(restored.created_on, datetime)


def test_traceparent_of_the_command_is_kept_with_each_stored_event(app):
    app.save(Counter("a"))
    [(_, stored)] = list(app.read_notifications(0))
    assert stored.traceparent == TRACEPARENT


class TestDataAtRest:
    def test_cluster_settings_without_a_cipher_key_are_refused_citing_r60(self):
        from zhixing.eventstore.settings import MissingCipherKey

        with pytest.raises(MissingCipherKey, match="R60"):
            Settings(postgres_dsn="postgresql://nobody@127.0.0.1:1/none").eventsourcing_env("x")

    def test_events_are_unreadable_without_the_key_when_a_key_is_set(self, tmp_path):
        from zhixing.eventstore.settings import new_cipher_key

        app = Counters(Settings(var_dir=tmp_path, cipher_key=new_cipher_key()))
        app.save(Counter("secret-name"))
        app.close()
        assert b"secret-name" not in (tmp_path / "counters" / "events.db").read_bytes()
