"""One load–act–save unit for the commands of every service (DESIGN §2).

A command loads the aggregates it needs through a `Work` (each one once), changes them,
and the unit saves all that changed in one `save()` — one transaction, so aggregates that
must agree (a case and its account, a listing and its restriction) never disagree. A
command that raises saves nothing.

Two processes may act on one aggregate at once: the later save raises eventsourcing's
`RecordConflictError` (optimistic concurrency on the aggregate's version) and the unit
runs the command again on fresh state, a bounded number of times. Within one process,
commands on one aggregate first queue on a striped lock (the id's hash picks one of N
locks), so they do not spend those retries racing each other.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, Repository
from eventsourcing.persistence import RecordConflictError

from zhixing.kernel.errors import AlreadyExists, RuleViolation

T = TypeVar("T")
A = TypeVar("A")
W = TypeVar("W", bound="Work")

DEFAULT_STRIPES = 64
DEFAULT_ATTEMPTS = 50
log = logging.getLogger(__name__)


class ConflictsExhausted(RuleViolation):
    """Other writers changed the command's aggregates every time it was tried: nothing
    was saved, and the caller may simply try again."""


class Work:
    """The aggregates one command loads and changes: each loaded once, saved together.

    Services subclass it to add their own accessors (credit's `record(...)`)."""

    def __init__(self, repository: Repository[UUID]) -> None:
        self.repository = repository
        self._tracked: dict[UUID, Any] = {}

    def get(self, aggregate_id: UUID | str) -> Any:
        """By id (text ids too); raises `AggregateNotFoundError` for an unknown one."""
        key = aggregate_id if isinstance(aggregate_id, UUID) else UUID(str(aggregate_id))
        if key not in self._tracked:
            self._tracked[key] = self.repository.get(key)
        return self._tracked[key]

    def find(self, aggregate_id: UUID | str) -> Any:
        """By id, or None when there is none."""
        try:
            return self.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def add(self, aggregate: A) -> A:
        """A new aggregate, saved with the rest when the command succeeds."""
        self._tracked[aggregate.id] = aggregate  # type: ignore[attr-defined]
        return aggregate

    def changed(self) -> list[Any]:
        """The tracked aggregates with events still to save, in the order first seen."""
        return [a for a in self._tracked.values() if a.pending_events]


class CommandUnit(Generic[W]):
    """Runs commands on an application: striped in-process locks, then load–act–save,
    retried on an optimistic-concurrency conflict up to `attempts` times."""

    def __init__(self, app: Application[UUID], work: Callable[[Repository[UUID]], W], *,
                 stripes: int = DEFAULT_STRIPES, attempts: int = DEFAULT_ATTEMPTS) -> None:
        if stripes < 1 or attempts < 1:
            raise ValueError("a command unit needs at least one stripe and one attempt")
        self.app = app
        self.attempts = attempts
        self._work = work
        self._stripes = tuple(threading.RLock() for _ in range(stripes))

    def run(self, command: Callable[[W], T], *, lock: Iterable[UUID | str] = ()) -> T:
        """`command` on a fresh `Work`; what it changed is saved in one transaction.

        `lock`: the ids whose in-process commands must queue behind each other (the
        aggregates it changes, or a key standing for them, such as a number sequence).
        """
        with self.locked(lock):
            for attempt in range(1, self.attempts + 1):
                work = self._work(self.app.repository)
                result = command(work)
                changed = work.changed()
                try:
                    if changed:
                        self.app.save(*changed)
                except RecordConflictError:
                    log.debug("conflict on attempt %d; acting again on fresh state", attempt)
                    continue
                return result
        raise ConflictsExhausted(
            f"other writers changed the same records {self.attempts} times in a row; "
            "nothing was saved, try again")

    @contextlib.contextmanager
    def locked(self, ids: Iterable[UUID | str]) -> Iterator[None]:
        """Hold the stripes of `ids`, always taken in stripe order so two commands
        locking two ids each never deadlock."""
        with contextlib.ExitStack() as stack:
            for stripe in sorted({self.stripe_of(i) for i in ids}):
                stack.enter_context(self._stripes[stripe])
            yield

    def stripe_of(self, key: UUID | str) -> int:
        """The stripe of an id or a text key (crc32, not the per-process salted hash)."""
        number = key.int if isinstance(key, UUID) else zlib.crc32(key.encode("utf-8"))
        return number % len(self._stripes)


def same_request(key_field: str, earlier: object, again: object) -> None:
    """An idempotency key names one request. Sent again with the same content it is a
    re-send, answered as the first time; with other content it is refused, naming the
    key's field (never the earlier request's content: it may be another caller's)."""
    if earlier != again:
        raise AlreadyExists(f"this {key_field} was already used for a different request; "
                            f"give a new {key_field} for a new one", field=key_field)
