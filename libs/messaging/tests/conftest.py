"""A tiny publishing service for the pipeline tests: one aggregate, one public event."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.domain import Aggregate, event

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.messaging.outbox import Outbox


class Noted(IntegrationEvent):
    event_type = "test.Noted"
    topic = "zhixing.test.events.v1"
    text: str


class Note(Aggregate):
    @event("Written")
    def __init__(self, text: str) -> None:
        self.text = text


class NotesApp(ServiceApplication):
    name = "notes"
    service_name = "notes"


def to_public(domain_event: Any) -> list[IntegrationEvent]:
    return [Noted(text=domain_event.text)] if type(domain_event).__name__ == "Written" else []


class NoteView:
    """A read model: one row per note; refuses text 'poison'."""

    def __init__(self, store: SqlStore) -> None:
        store.migrate("CREATE TABLE IF NOT EXISTS notes (ce_id TEXT, text TEXT)")
        self.store = store

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        if event.data["text"] == "poison":
            raise ValueError("cannot show poison")
        cursor.execute("INSERT INTO notes (ce_id, text) VALUES (%s, %s)",
                       (event.id, event.data["text"]))

    def texts(self) -> list[str]:
        with self.store.transaction() as cur:
            cur.execute("SELECT text FROM notes ORDER BY rowid")
            return [row[0] for row in cur.fetchall()]


@pytest.fixture
def notes_app(tmp_path):
    app = NotesApp(Settings(var_dir=tmp_path))
    yield app
    app.close()


@pytest.fixture
def outbox(notes_app):
    return Outbox(notes_app, to_public, topic=Noted.topic, region="chengdu")


@pytest.fixture
def view_store(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    yield store
    store.close()


@pytest.fixture
def write_notes(notes_app):
    def write(*texts: str) -> None:
        for text in texts:
            notes_app.save(Note(text))

    return write


@pytest.fixture
def note_view(view_store):
    return NoteView(view_store)
