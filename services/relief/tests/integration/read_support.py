"""Feeding contract events to the relief read side as its consumers would (one
transaction per delivery), on SQLite and, in the connected run, PostgreSQL (STYLE 10)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from testkit.assets import cloud_event
from testkit.stack import stack_settings
from zhixing.contracts.events import IntegrationEvent
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.consumer import Handler

BACKENDS = ["sqlite", "postgres"]


def settings_for(backend: str, var_dir: Path) -> Settings:
    if backend == "sqlite":
        return Settings(var_dir=var_dir)
    return stack_settings(var_dir)


def subject_of(event: IntegrationEvent) -> str:
    """The Kafka key its publisher gives it: the aggregate the event is about."""
    return str(getattr(event, "application_id", "") or getattr(event, "fund_id", "")
               or getattr(event, "case_id", ""))


def feed(store: SqlStore, handler: Handler, events: Iterable[IntegrationEvent],
         first: int = 1) -> None:
    """Each event in its own transaction, at positions from `first`."""
    for position, event in enumerate(events, first):
        deliver(store, handler, event, position)


def deliver(store: SqlStore, handler: Handler, event: IntegrationEvent, position: int) -> None:
    """One delivery (the same `position` gives the same notification, `ce_id` and all)."""
    with store.transaction() as cursor:
        handler.handle(cloud_event(event.event_type, subject_of(event),
                                   event.model_dump(mode="json"), position), cursor)


def rows(store: SqlStore, *tables: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the views named, in a fixed order."""
    found = {}
    with store.transaction(read_only=True) as cur:
        for table in tables:
            cur.execute(f"SELECT * FROM {table} ORDER BY 1, 2")
            found[table] = sorted(map(tuple, cur.fetchall()), key=repr)
    return found


class FakeRelief:
    """`repay_from_case` as the application keeps it: idempotent by recovery id."""

    def __init__(self, refuse: Exception | None = None) -> None:
        self.repaid: dict[str, tuple[str, int, date]] = {}
        self.calls = 0
        self.refuse = refuse

    def repay_from_case(self, case_id: str, recovery_id: str, amount_fen: int,
                        on: date) -> int:
        self.calls += 1
        if self.refuse is not None:
            raise self.refuse
        if recovery_id in self.repaid:
            return 0
        self.repaid[recovery_id] = (case_id, amount_fen, on)
        return amount_fen
