"""Stored records recorded by an earlier version of a service (fixture bytes), put back
into an application's store as that version would have left them (STYLE 4, STYLE 10)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent

from testkit.stack import stack_settings
from zhixing.eventstore.settings import Settings

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.connected)]
"""The two event stores a suite runs on: SQLite here, the stack's PostgreSQL when
connected (`make test` starts it)."""


def backend_settings(backend: str, var_dir: Path) -> Settings:
    """A fresh store of the given backend (PostgreSQL: own schemas, a cipher key)."""
    return Settings(var_dir=var_dir) if backend == "sqlite" else stack_settings(var_dir)


def read_fixture(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def stored_records(app: Any, records: list[dict[str, Any]]) -> list[StoredEvent]:
    """The recorded bytes, sealed with the app's cipher when it has one — as the earlier
    version's mapper sealed the same JSON on PostgreSQL."""
    cipher = app.mapper.cipher
    return [StoredEvent(originator_id=UUID(r["originator_id"]),
                        originator_version=r["originator_version"], topic=r["topic"],
                        state=_sealed(base64.b64decode(r["state"]), cipher))
            for r in records]


def insert_recorded(app: Any, fixture: dict[str, Any], *, snapshots: bool) -> None:
    """Put the fixture's events (and, if asked, its snapshots) into the app's stores."""
    app.recorder.insert_events(stored_records(app, fixture["events"]))
    if snapshots:
        app.snapshots.recorder.insert_events(stored_records(app, fixture["snapshots"]))


def _sealed(state: bytes, cipher: Any) -> bytes:
    return cipher.encrypt(state) if cipher else state
