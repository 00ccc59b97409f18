"""What the sweep must look at, followed from the application's own notification log.

A `LogWatch` keeps, per aggregate, a small view of it (e.g. the next instant something
is due) for the aggregates whose events of the given classes appear in the log. It reads
only those events (filtered by topic in the store), catches up from where it left off,
and reloads an aggregate only when one of its watched events is new — so a sweep costs
nothing when nothing is due, and never misses an aggregate whose events have not reached
a read model yet. Each process keeps its own watch in memory.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar
from uuid import UUID

from eventsourcing.utils import get_topic

V = TypeVar("V")
_BATCH = 500


class LogWatch(Generic[V]):
    def __init__(self, app: Any, event_classes: list[type],
                 view: Callable[[Any], V | None]) -> None:
        """`view(aggregate)` is what to keep of it, or None to stop watching it."""
        self.app = app
        self.view = view
        self.position = 0
        self.views: dict[UUID, V] = {}
        self._topics = [get_topic(cls) for cls in event_classes]
        self._lock = threading.Lock()

    def select(self, wanted: Callable[[V], bool]) -> list[UUID]:
        """Ids whose view is `wanted`, after catching up with the log."""
        with self._lock:
            self._catch_up()
            return sorted(i for i, v in self.views.items() if wanted(v))

    def refresh(self, aggregate_id: UUID) -> None:
        """Look at the aggregate again now (e.g. right after the sweep changed it)."""
        with self._lock:
            self._refresh(aggregate_id)

    def _catch_up(self) -> None:
        while True:
            batch = self.app.notification_log.select(
                start=self.position, limit=_BATCH, topics=self._topics, inclusive_of_start=False)
            for originator in {n.originator_id for n in batch}:
                self._refresh(originator)
            if batch:
                self.position = batch[-1].id
            if len(batch) < _BATCH:
                return

    def _refresh(self, aggregate_id: UUID) -> None:
        found = self.app.get_or_none(aggregate_id)
        kept = self.view(found) if found is not None else None
        if kept is None:
            self.views.pop(aggregate_id, None)
        else:
            self.views[aggregate_id] = kept


def watch_of(app: Any, name: str, make: Callable[[], LogWatch[Any]]) -> LogWatch[Any]:
    """The app's watch called `name`, made on first use (one per process)."""
    found = app.__dict__.get(name)
    if found is None:
        found = app.__dict__.setdefault(name, make())
    return found  # type: ignore[no-any-return]
