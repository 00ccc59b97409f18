"""The partners' list as it changes: read from the application's own log, so every API
process answers from an index that follows the decisions, and `Follow` streams the same
records as the compacted topic (embedded mode has no Kafka).

Each `DebtorRecord.Changed` is one record: the identity and its new state, or None when
nothing is in force any more (the topic's tombstone).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventsourcing.utils import get_topic

from zhixing.credit.domain.record import DebtorRecord
from zhixing.credit.domain.restriction import conduct_mask
from zhixing.credit.index import U64, CreditIndex, State

log = logging.getLogger(__name__)
_EPOCH = date(1970, 1, 1)
_BATCH = 1000
"""At most the notification log's section size."""


@dataclass(frozen=True)
class Change:
    position: int
    identity_number: str
    state: dict[str, Any] | None
    """`DebtorCreditState`'s fields, or None for a tombstone."""


class ListFeed:
    def __init__(self, app: Any) -> None:
        self.app = app
        self._topics = [get_topic(DebtorRecord.Changed)]  # type: ignore[attr-defined]

    def changes(self, after: int, limit: int = _BATCH) -> list[Change]:
        batch = self.app.notification_log.select(start=after, limit=limit, topics=self._topics,
                                                 inclusive_of_start=False)
        changes = []
        for notification in batch:
            event = self.app.mapper.to_domain_event(notification)
            state = event.state if event.state["listed"] or event.state["restricted"] else None
            changes.append(Change(notification.id, event.identity_number, state))
        return changes


    def head(self) -> int:
        """The log's last position now: every change before it exists already."""
        return int(self.app.max_notification_id())


def index_state(state: dict[str, Any]) -> State:
    """The index's compact form of a list record (R13 conduct as a bitmask)."""
    since = date.fromisoformat(state["since"]) if state["since"] else _EPOCH
    return State(listed=state["listed"], restricted=state["restricted"],
                 codes=conduct_mask(state["conduct"]), since=(since - _EPOCH).days,
                 cases=len(state["cases"]))


class ListView:
    """A `CreditIndex` that follows the feed: `refresh()` applies what is new; a
    background thread does it every `every` seconds from the first lookup on (so only
    the processes that answer checks follow the list). `also` runs on the same beat
    (e.g. writing the partners' check counts). Lookups and changes take turns."""

    def __init__(self, feed: ListFeed, index: CreditIndex | None = None, *,
                 every: float = 0.2, also: tuple[Callable[[], object], ...] = ()) -> None:
        self.feed = feed
        self.index = index if index is not None else CreditIndex()
        self.position = 0
        self._every, self._also = every, also
        self._lock = threading.Lock()
        self._starting = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        """Loaded, and following."""
        return self._thread is not None

    def load(self) -> None:
        """Load the list and start following it (once; lookups do it when needed)."""
        self._started()

    def get(self, identity: str) -> State | None:
        self._started()
        with self._lock:
            return self.index.get(identity)

    def check_many(self, identities: Iterable[str]) -> list[State | None]:
        self._started()
        with self._lock:
            return self.index.check_many(identities)

    def packed_many(self, identities: Sequence[str]) -> U64:
        """`check_many` as packed states (`CreditIndex.packed_many`)."""
        self._started()
        with self._lock:
            return self.index.packed_many(identities)

    def refresh(self) -> int:
        """Apply every change after the last one applied; returns how many."""
        applied = 0
        while True:
            changes = self.feed.changes(self.position)
            with self._lock:
                for change in changes:
                    if change.state is None:
                        self.index.remove(change.identity_number)
                    else:
                        self.index.put(change.identity_number, index_state(change.state))
                    self.position = change.position
            applied += len(changes)
            if len(changes) < _BATCH:
                return applied

    def stop(self) -> None:
        self._stop.set()
        for work in self._also:
            work()

    def _started(self) -> None:
        if self._thread is not None:
            return
        with self._starting:
            if self._thread is not None:
                return
            self.refresh()
            thread = threading.Thread(target=self._follow, daemon=True, name="credit-list-view")
            thread.start()
            self._thread = thread

    def _follow(self) -> None:
        while not self._stop.wait(self._every):
            try:
                self.refresh()
                for work in self._also:
                    work()
            except Exception:  # the store is down: keep answering from the index, try again
                log.warning("the credit list view could not catch up", exc_info=True)
