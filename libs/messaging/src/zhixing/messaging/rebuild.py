"""Blue/green rebuild of a projection (DESIGN §5, §9).

The projection is replayed from the start of its source into a new version of its
tables (`zhixing.eventstore.versioned`) by a consumer of its own, `<group>#v<N>`, while
the live consumer keeps feeding — and the views keep serving — the old version. The
replay goes up to the live consumer's positions, never past them, so the new version is
exactly what the live one would be; interrupted, it resumes from its own tracking.
Close to the end, ONE transaction locks the registry row (the live writer's next
transaction waits), replays the last few events up to the live positions, and swaps the
views: the live consumer then continues from its own position into the new tables, and
no event is lost or applied twice across the swap.
"""

from __future__ import annotations

import copy
import logging
import uuid
from collections.abc import Callable
from typing import Protocol

from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.sql import Cursor, SqlStore, is_transient
from zhixing.eventstore.versioned import PinnedTables, VersionedTables, owns, registration
from zhixing.messaging.consumer import Handler, InOrder
from zhixing.messaging.sources import Delivery, EventSource, ResumePoint
from zhixing.messaging.tracking import Tracking
from zhixing.observability.logs import redact

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
"""Called with (done, total): positions replayed so far, and the live ones at the start."""


class Rebuildable(Handler, Protocol):
    """A projection whose tables are versioned: it writes through `tables.bind(cursor)`."""

    tables: VersionedTables | PinnedTables


class RebuildFailed(RuntimeError):
    """This run of the rebuild stopped without swapping: the source stopped short of the
    live consumer's positions, or another run took the rebuild over."""


def rebuildable(handler: Handler) -> list[Rebuildable]:
    """The versioned projections in a consumer's handler (an `InOrder`'s policies are
    not: they act, and a replay must not act again)."""
    handlers = handler.handlers if isinstance(handler, InOrder) else (handler,)
    return [h for h in handlers if isinstance(getattr(h, "tables", None), VersionedTables)]


def positions(cur: Cursor, consumer: str) -> dict[str, int]:
    """The tracked position of every stream `consumer` has processed."""
    cur.execute("SELECT stream, position FROM tracking WHERE consumer = %s", (consumer,))
    return {str(stream): int(position) for stream, position in cur.fetchall()}


def behind(limits: dict[str, int], reached: dict[str, int]) -> int:
    """How far `reached` is behind `limits`, summed over streams."""
    return sum(max(0, limit - reached.get(stream, -1)) for stream, limit in limits.items())


class UpTo:
    """A source that delivers no further than `limits` (stream -> position). What lies
    beyond is held back until the limit moves; when a stream's next delivery is beyond,
    a marker at the limit itself records that everything up to it has been seen."""

    def __init__(self, inner: EventSource, hold_at_most: int = 20_000) -> None:
        self.inner = inner
        self.name = inner.name
        self.waits = getattr(inner, "waits", True)
        self.limits: dict[str, int] = {}
        self._held: list[Delivery] = []
        self._reached: dict[str, int] = {}
        self._hold_at_most = hold_at_most

    def start(self, resume: ResumePoint) -> None:
        self.inner.start(resume)

    def poll(self, timeout: float) -> list[Delivery]:
        if len(self._held) < self._hold_at_most:
            # Something held: a stream is at its limit, others may still come — wait less.
            self._held.extend(self.inner.poll(timeout if not self._held else min(timeout, 0.05)))
        ready = [d for d in self._held if d.position <= self.limits.get(d.stream, -1)]
        self._held = [d for d in self._held if d.position > self.limits.get(d.stream, -1)]
        for delivery in ready:
            self._reached[delivery.stream] = delivery.position
        return ready + self._markers()

    def _markers(self) -> list[Delivery]:
        """A stream held beyond its limit is complete up to it (a notification with no
        event for this topic may sit exactly at the limit)."""
        markers = []
        for stream in dict.fromkeys(d.stream for d in self._held):
            limit = self.limits.get(stream, -1)
            if limit >= 0 and self._reached.get(stream, -1) < limit:
                markers.append(Delivery(stream, limit, None))
                self._reached[stream] = limit
        return markers

    def dead_letter(self, delivery: Delivery, error: str, consumer: str) -> bool:
        return False  # parked in the store: the live consumer has published it already

    def processed(self, deliveries: list[Delivery]) -> None:
        self.inner.processed([d for d in deliveries if d.handle is not None])

    def close(self) -> None:
        self.inner.close()


class Rebuild:
    """Rebuilds one projection of a store from `source`, following consumer `group`."""

    def __init__(self, store: SqlStore, projection: Rebuildable,
                 sources: Callable[[str], EventSource], group: str, *,
                 swap_within: int = 500, stall_polls: int = 100) -> None:
        """`sources(consumer)` opens the source the live consumer `group` follows, for
        the rebuild's own consumer (a Kafka source joins that consumer group)."""
        if not isinstance(projection.tables, VersionedTables):
            raise TypeError("rebuild the live projection, whose tables are versioned")
        self.store = store
        self.projection = projection
        self.tables = projection.tables
        self.sources = sources
        self.group = group
        self.replayed = 0
        """Deliveries the last run replayed (events and positions without one)."""
        self.swap_within = swap_within
        self.stall_polls = stall_polls
        self.builder = uuid.uuid4().hex
        """This run: the latest run to start or resume a rebuild owns it, and an earlier
        one still running stops at its next batch (it would write twice)."""

    def run(self, progress: Progress = lambda done, total: None) -> int:
        """Replay, catch up and swap; returns the version now live."""
        version = self.prepare()
        replica = copy.copy(self.projection)
        replica.tables = self.tables.at(version)
        writer = _Writer(self, version, replica)
        source = UpTo(self.sources(writer.tracking.consumer))
        try:
            source.start(writer.tracking.position)
            self._replay(writer, source, progress)
            old = self._swap(writer, source)
        finally:
            source.close()
        self._clean_up(old, writer.tracking.consumer)
        return version

    def prepare(self) -> int:
        """The version being rebuilt: an interrupted one is resumed, else a new one."""
        with self.store.transaction() as cur:
            found = registration(cur, self.tables.name, lock=True)
            if found is None:
                raise LookupError(f"projection {self.tables.name!r} is not installed")
            version = found.building or found.version + 1
            if found.building is None:
                self.tables.drop(cur, version)  # left by an attempt the registry forgot
            self.tables.create(cur, version)
            cur.execute("UPDATE projection_versions SET building = %s, builder = %s "
                        "WHERE projection = %s", (version, self.builder, self.tables.name))
        return version

    def _replay(self, writer: _Writer, source: UpTo, progress: Progress) -> None:
        """Follow the live consumer until it is only `swap_within` positions ahead."""
        total = None
        while True:
            with self.store.transaction(read_only=True) as cur:
                source.limits = positions(cur, self.group)
                reached = positions(cur, writer.tracking.consumer)
            total = sum(source.limits.values()) if total is None else total
            progress(min(sum(reached.values()), total), total)
            gap = behind(source.limits, reached)
            # Not before the source delivers (a Kafka group takes seconds to join): the
            # swap's catch-up holds the live writer back and should be short.
            if gap <= self.swap_within and (gap == 0 or self.replayed):
                return
            deliveries = source.poll(0.2)
            if deliveries:
                writer.write(deliveries)
                source.processed(deliveries)
                self.replayed += len(deliveries)

    def _swap(self, writer: _Writer, source: UpTo) -> int:
        """The last events and the swap in ONE transaction holding the registry row;
        returns the version that was live."""
        with self.store.transaction() as cur:
            found = registration(cur, self.tables.name, lock=True)
            writer.check(cur)
            assert found is not None  # the row `check` found
            source.limits = limits = positions(cur, self.group)
            idle = 0
            while behind(limits, positions(cur, writer.tracking.consumer)) > 0:
                deliveries = source.poll(0.1)
                idle = 0 if deliveries else idle + 1
                if idle > self.stall_polls:
                    raise RebuildFailed(
                        f"{self.tables.name}: the source stopped short of the live "
                        f"consumer's positions; nothing was swapped, run again to resume")
                writer.apply(cur, deliveries)
                self.replayed += len(deliveries)
            self.tables.swap(cur, writer.version)
        return found.version

    def _clean_up(self, old: int, consumer: str) -> None:
        """After the swap: the old tables and the rebuild's own tracking go."""
        with self.store.transaction() as cur:
            self.tables.drop(cur, old)
            cur.execute("DELETE FROM tracking WHERE consumer = %s", (consumer,))
            cur.execute("DELETE FROM seen_events WHERE consumer = %s", (consumer,))


class _Writer:
    """Writes replayed deliveries as the live consumer would — effect, `ce_id` and
    position in one transaction, a failing delivery parked — in transactions that first
    make sure this run still owns the rebuild."""

    def __init__(self, job: Rebuild, version: int, replica: Rebuildable) -> None:
        self.job = job
        self.version = version
        self.replica = replica
        self.tracking = Tracking(job.store, f"{job.group}#v{version}")

    def write(self, deliveries: list[Delivery]) -> None:
        """A batch at once; if it fails, one by one, each in a savepoint."""
        try:
            with self.job.store.transaction() as cur:
                self.check(cur)
                self.apply(cur, deliveries, batch=True)
        except Exception as error:
            if isinstance(error, RebuildFailed) or is_transient(error):
                raise
            with self.job.store.transaction() as cur:
                self.check(cur)
                self.apply(cur, deliveries)

    def check(self, cur: Cursor) -> None:
        if not owns(cur, self.job.tables.name, self.version, self.job.builder):
            raise RebuildFailed(f"{self.job.tables.name}: another run of the rebuild took "
                                "it over (or swapped it in); this one stops")

    def apply(self, cur: Cursor, deliveries: list[Delivery], batch: bool = False) -> None:
        fresh = self.tracking.first_sightings(
            cur, [d.event.id for d in deliveries if d.event is not None])
        for delivery in deliveries:
            event = delivery.event
            if event is not None and event.id in fresh:
                fresh.discard(event.id)  # an id twice in one batch is applied once
                self._handle(cur, delivery, event, savepoint=not batch)
        for stream, position in {d.stream: d.position for d in deliveries}.items():
            self.tracking.record(cur, stream, position)

    def _handle(self, cur: Cursor, delivery: Delivery, event: CloudEvent,
                savepoint: bool) -> None:
        if not savepoint:
            self.replica.handle(event, cur)
            return
        cur.execute("SAVEPOINT delivery")
        try:
            self.replica.handle(event, cur)
        except Exception as error:
            if is_transient(error):
                raise
            cur.execute("ROLLBACK TO SAVEPOINT delivery")
            self.tracking.park(cur, delivery.stream, delivery.position,
                               redact(f"{type(error).__name__}: {error}"))
        cur.execute("RELEASE SAVEPOINT delivery")
