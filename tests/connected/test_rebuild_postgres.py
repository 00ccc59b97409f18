"""Blue/green rebuilds on PostgreSQL: the same suite as on SQLite (STYLE 10), where the
swap's registry lock is what keeps a running live consumer from writing across it."""

from __future__ import annotations

import pytest

from testkit.rebuild_suite import TestFirstStartOnAnEarlierStore, TestRebuild, rig
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.injected import InjectedEvents

pytestmark = pytest.mark.connected
__all__ = ["TestFirstStartOnAnEarlierStore", "TestRebuild", "rig"]


@pytest.fixture
def store(settings):
    settings.ensure_schema("views")
    views = SqlStore(dsn=settings.postgres_dsn, schema=settings.schema("views"))
    yield views
    views.close()


@pytest.fixture
def injected(settings):
    settings.ensure_schema("injected")
    events = InjectedEvents(SqlStore(dsn=settings.postgres_dsn, schema=settings.schema("injected")),
                            settings.field_cipher)
    yield events
    events.close()
