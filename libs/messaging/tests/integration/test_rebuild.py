"""Blue/green rebuilds on SQLite (the same suite runs on PostgreSQL in tests/connected)."""

from __future__ import annotations

import pytest

from testkit.rebuild_suite import TestFirstStartOnAnEarlierStore, TestRebuild, rig
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.injected import InjectedEvents

__all__ = ["TestFirstStartOnAnEarlierStore", "TestRebuild", "rig"]


@pytest.fixture
def store(tmp_path):
    views = SqlStore(sqlite_path=tmp_path / "views.db")
    yield views
    views.close()


@pytest.fixture
def injected(tmp_path):
    events = InjectedEvents(SqlStore(sqlite_path=tmp_path / "injected.db"),
                            FieldCipher(KeyRing.from_text(new_key())))
    yield events
    events.close()
