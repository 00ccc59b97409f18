"""A tiny publishing service for pipeline tests: one aggregate, one public event."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import event

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.domain import Aggregate
from zhixing.eventstore.sql import Cursor, SqlStore


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
