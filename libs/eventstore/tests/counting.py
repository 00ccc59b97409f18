"""A counter aggregate with pydantic events, for the event store's unit and integration tests."""

from __future__ import annotations

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate


class Counter(Aggregate):
    @event("Opened")
    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0

    @event("Counted")
    def count_up(self, by: int) -> None:
        self.count += by
