"""The tracked consumer: exactly-once effect over at-least-once delivery (DESIGN §5).

In ONE transaction of the consumer's own store: the handler's effects, the `ce_id`s (a
duplicate is skipped) and the tracking position (for a batch, the last position of each
stream). A batch is first tried as one transaction; if it fails, each delivery is retried
alone up to `max_attempts` times and then parked as a dead letter, so the partition keeps
moving. A handler whose effect lands elsewhere (a policy saving to its event store) must
be idempotent on its own: the store may hold the effect while the position is not yet
recorded, and the delivery then comes again. Such a handler says so
(`effect_elsewhere = True`) and runs OUTSIDE the consumer store's write transaction:
its work (a case with hundreds of debtors starts hundreds of inquiries) must not hold
the SQLite write lock that every other consumer of that store waits on (issue 12, item 1).

A transient store error leaves the batch pending: the loop backs off and processes the
same deliveries again (`pacing.follow`), so nothing is skipped and the process keeps
serving.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol, runtime_checkable

from opentelemetry.trace import SpanKind

from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.sql import Cursor, SqlStore, is_transient
from zhixing.messaging.pacing import Pacing, follow
from zhixing.messaging.sources import Delivery, EventSource
from zhixing.messaging.stages import mark
from zhixing.messaging.tracking import Tracking
from zhixing.observability.logs import redact
from zhixing.observability.metrics import CONSUMER_POSITION, CONSUMER_PROCESSED, DEAD_LETTERS
from zhixing.observability.tracing import extract_context, safe_attributes, tracer

log = logging.getLogger(__name__)


class Handler(Protocol):
    """A projection or policy: writes its effect with the given cursor."""

    def handle(self, event: CloudEvent, cursor: Cursor) -> None: ...


@runtime_checkable
class BatchingHandler(Handler, Protocol):
    """A handler that gathers a batch and writes it at once (e.g. agency answers: many
    aggregates in one event-store save). `flush()` runs before the batch's tracking
    commits — not atomically with it when it writes to another store, so what it writes
    must be idempotent; `discard()` drops what was gathered when the batch fails."""

    def flush(self) -> None: ...

    def discard(self) -> None: ...


class InOrder:
    """Several handlers of one topic in one consumer, in order, in one transaction: a
    policy that reads a view sees the view already updated by the same event."""

    def __init__(self, *handlers: Handler) -> None:
        self.handlers = handlers

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        for handler in self.handlers:
            handler.handle(event, cursor)


def effect_elsewhere(handler: Handler) -> bool:
    """The handler writes its effect in another store (its service's event store), not
    through the consumer's cursor, and is idempotent on its own."""
    return bool(getattr(handler, "effect_elsewhere", False))


class TrackedConsumer:
    def __init__(self, source: EventSource, handler: Handler, store: SqlStore, *,
                 group: str, max_attempts: int = 3, pacing: Pacing | None = None) -> None:
        self.source = source
        self.handler = handler
        self.group = group
        self.max_attempts = max_attempts
        self.tracking = Tracking(store, group)
        self.store = store
        self.processed_count = 0
        self.pacing = pacing or Pacing(waits=getattr(source, "waits", False))
        self._started = False
        self._pending: list[Delivery] = []
        """Deliveries polled but not yet processed: a transient error keeps them here."""

    def run_once(self, timeout: float = 0.5) -> int:
        """Poll once (or take the batch a store error left pending) and process it;
        returns the number of deliveries."""
        if not self._started:
            self.source.start(self.tracking.position)
            self._started = True
        if not self._pending:
            self._pending = self.source.poll(timeout)
        deliveries = self._pending
        if deliveries:
            mark("consumer.polled", self.group, (d.event for d in deliveries))
            self._process(deliveries)
            mark("consumer.committed", self.group, (d.event for d in deliveries))
            self._pending = []
            self.source.processed(deliveries)
            self.processed_count += len(deliveries)
            self._observe(deliveries)
        return len(deliveries)

    def run(self, stop: threading.Event, timeout: float = 0.5) -> None:
        """Run until `stop` is set, then close the source (positions are already stored)."""
        try:
            # A source that does not wait is asked without a timeout: the loop idles
            # itself, woken by local appends (issue 12, item 13).
            wait = timeout if self.pacing.waits else 0.0
            follow(self.group, lambda: self.run_once(wait), stop, self.pacing)
        finally:
            self.source.close()

    def _observe(self, deliveries: list[Delivery]) -> None:
        CONSUMER_PROCESSED.labels(self.group).inc(len(deliveries))
        for stream, position in {d.stream: d.position for d in deliveries}.items():
            CONSUMER_POSITION.labels(self.group, stream).set(position)

    def _process(self, deliveries: list[Delivery]) -> None:
        try:
            self._process_batch(deliveries)
        except Exception as exc:
            self._discard()
            if is_transient(exc):
                raise  # the store, not a message: the whole batch is tried again later
            log.warning("batch failed; retrying one by one", extra={"consumer": self.group})
            for delivery in deliveries:
                self._process_alone(delivery)

    def _process_batch(self, deliveries: list[Delivery]) -> None:
        ids = [d.event.id for d in deliveries if d.event is not None]
        if effect_elsewhere(self.handler):
            with self.store.transaction(read_only=True) as cur:
                unseen = self.tracking.unseen(cur, ids)
                for delivery in deliveries:
                    self._apply(cur, delivery, track=False, fresh=unseen)
                self._flush()
        with self.store.transaction() as cur:
            # One round trip for the batch's ids instead of one per delivery.
            fresh = self.tracking.first_sightings(cur, ids)
            if not effect_elsewhere(self.handler):
                for delivery in deliveries:
                    self._apply(cur, delivery, track=False, fresh=fresh)
                self._flush()
            # One tracking row per stream for the whole batch: its last position.
            last = {d.stream: d.position for d in deliveries}
            for stream, position in last.items():
                self.tracking.record(cur, stream, position)

    def _process_alone(self, delivery: Delivery) -> None:
        error = ""
        for _attempt in range(self.max_attempts):
            try:
                self._process_batch([delivery])
                return
            except Exception as exc:
                self._discard()
                if is_transient(exc):
                    # The store, not the message, failed: stop here (nothing is tracked
                    # past this delivery); the loop backs off and tries the batch again.
                    raise
                error = redact(f"{type(exc).__name__}: {exc}")  # payloads may hold IDs (R60)
        self._park(delivery, error)

    def _first_time(self, cur: Cursor, ce_id: str, fresh: set[str] | None) -> bool:
        """Not processed before: asked of the store, or of the batch's answer (taken
        from it, so an id delivered twice within one batch is applied once)."""
        if fresh is None:
            return self.tracking.first_sighting(cur, ce_id)
        if ce_id in fresh:
            fresh.discard(ce_id)
            return True
        return False

    def _flush(self) -> None:
        if isinstance(self.handler, BatchingHandler):
            self.handler.flush()

    def _discard(self) -> None:
        if isinstance(self.handler, BatchingHandler):
            self.handler.discard()

    def _apply(self, cur: Cursor, delivery: Delivery, track: bool = True,
               fresh: set[str] | None = None) -> None:
        if delivery.malformed:
            raise ValueError(delivery.malformed)
        event = delivery.event
        if event is not None and self._first_time(cur, event.id, fresh):
            with self._span(event, delivery):
                self.handler.handle(event, cur)
        if track:
            self.tracking.record(cur, delivery.stream, delivery.position)

    def _span(self, event: CloudEvent, delivery: Delivery):  # type: ignore[no-untyped-def]
        """A CONSUMER span continuing the trace of the command that caused the event."""
        attributes = safe_attributes({
            "messaging.system": "kafka" if "/notifications" not in delivery.stream else "zhixing",
            "messaging.destination.name": delivery.stream, "messaging.kafka.consumer.group":
            self.group, "cloudevents.event_id": event.id, "cloudevents.event_type": event.type})
        # Exceptions stay out of the span: their text may quote a payload (R60).
        return tracer("zhixing.messaging").start_as_current_span(
            f"process {event.type}", context=extract_context(event.traceparent),
            kind=SpanKind.CONSUMER, attributes=attributes, record_exception=False,
            set_status_on_exception=False)

    def _park(self, delivery: Delivery, error: str) -> None:
        log.error("dead letter", extra={"consumer": self.group, "stream": delivery.stream,
                                        "position": delivery.position})
        DEAD_LETTERS.labels(self.group).inc()
        parked_outside = self.source.dead_letter(delivery, error, self.group)
        with self.store.transaction() as cur:
            if not parked_outside:
                self.tracking.park(cur, delivery.stream, delivery.position, error)
            self.tracking.record(cur, delivery.stream, delivery.position)
