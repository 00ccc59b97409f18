"""Fixtures for the pipeline tests, built on the notes service in testkit."""

from __future__ import annotations

import pytest

from testkit.notes import Note, Noted, NotesApp, NoteView, to_public
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.outbox import Outbox


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
