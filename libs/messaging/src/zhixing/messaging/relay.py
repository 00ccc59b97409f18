"""The relay: follows a service's notification log and publishes to Kafka (DESIGN §5).

Publish a batch, wait until the broker has acknowledged all of it, then record the
position. A crash in between re-publishes the same events with the same `ce_id`s
(at-least-once); consumers deduplicate. The producer is idempotent with acks=all, so
its own retries add no duplicates.

When the log has nothing new the relay looks again after a growing pause (20 ms up to
`IDLE_CAP` seconds), or at once when it hears of an append: on PostgreSQL it LISTENs on
the channel the event store NOTIFYs on every insert (`listening`; issue 19: a filing
after a quiet spell no longer waits for the next look). Without it (SQLite, or the
listening connection down) the cap bounds the latency after a quiet spell. A transient
store error is retried after a backoff (`pacing`).

One relay per log publishes (`lease`): on PostgreSQL a second relay of the service
stands by until the first one's session lock goes, then carries on from the position
the first one recorded (`zhixing.messaging.lease`).
"""

from __future__ import annotations

import threading
from dataclasses import replace

from opentelemetry.trace import SpanKind

from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.kafka import KafkaPublisher
from zhixing.messaging.lease import Lease, Sole
from zhixing.messaging.listening import Listener
from zhixing.messaging.outbox import Outbox
from zhixing.messaging.pacing import Backoff, Pacing, Wakeup, follow
from zhixing.messaging.stages import mark
from zhixing.observability.metrics import RELAY_ACTIVE, RELAY_POSITION, RELAY_PUBLISHED
from zhixing.observability.tracing import current_traceparent, extract_context, safe_attributes, tracer

_DDL = """CREATE TABLE IF NOT EXISTS relay_position (
    relay TEXT PRIMARY KEY, position BIGINT NOT NULL)"""
Record = tuple[bytes | None, bytes | None, list[tuple[str, bytes]]]
IDLE_CAP = 0.5


def migrate(store: SqlStore) -> None:
    """Create the relay's position table (idempotent)."""
    store.migrate(_DDL)


class Relay:
    def __init__(self, outbox: Outbox, store: SqlStore, bootstrap: str, batch: int = 500, *,
                 pacing: Pacing | None = None, lease: Lease | None = None,
                 notices: str = "") -> None:
        """`notices`: the PostgreSQL DSN of the outbox's event store, to hear its appends
        (empty: poll only)."""
        self.outbox = outbox
        self.notices = notices
        self.listener: Listener | None = None
        """Hears the event store's appends while `run` runs (PostgreSQL with `notices`)."""
        self.lease: Lease = lease or Sole()
        self.active = False
        """Whether the last look found this relay holding the lease (`/readyz` says)."""
        self.store = store
        self.batch = batch
        self.name = f"{outbox.stream}->{outbox.topic}"
        self.pacing = pacing or Pacing(idle=Backoff(0.02, IDLE_CAP))
        self._publisher = KafkaPublisher(bootstrap)
        self._position: int | None = None
        migrate(store)

    def position(self) -> int:
        """The last published notification id: read once, then kept while active (one
        relay per log publishes)."""
        if self._position is None:
            with self.store.transaction(read_only=True) as cur:
                cur.execute("SELECT position FROM relay_position WHERE relay = %s",
                            (self.name,))
                row = cur.fetchone()
            self._position = 0 if row is None else int(row[0])
        return self._position

    def run_once(self) -> int:
        """Publish the next batch; returns how many events were published (none while
        standing by)."""
        if not self._take_turn():
            return 0
        entries = self.outbox.read_routed(self.position(), self.batch)
        if not entries:
            return 0
        mark("relay.read", self.name, (event for entry in entries for _, event in entry.routed))
        by_topic: dict[str, list[Record]] = {}
        for entry in entries:
            for topic, event in entry.routed:
                by_topic.setdefault(topic, []).append(self._record_of(topic, event))
        for topic, records in by_topic.items():
            self._publisher.publish_all(topic, records)
        mark("relay.acked", self.name, (event for entry in entries for _, event in entry.routed))
        # Asked again before recording: a relay whose lease went while it published must
        # not write the position over the one the relay that took over records.
        if self._take_turn():
            self._save_position(entries[-1].position)
        for topic, records in by_topic.items():
            RELAY_PUBLISHED.labels(self.outbox.app.service_name, topic).inc(len(records))
        return sum(len(records) for records in by_topic.values())

    def run(self, stop: threading.Event) -> None:
        listener = self.listener = self._listener()
        try:
            follow(f"relay {self.outbox.app.service_name}", self.run_once, stop, self.pacing)
        finally:
            if listener is not None:
                listener.close()
            self.close()

    def _listener(self) -> Listener | None:
        """Wake on the event store's NOTIFY (PostgreSQL): the idle wait ends at once."""
        channel = getattr(self.outbox.app.recorder, "channel_name", None)
        if not self.notices or not isinstance(channel, str):
            return None
        if self.pacing.wakeup is None:
            self.pacing.wakeup = Wakeup()
        return Listener(self.notices, channel, self.pacing.wakeup,
                        wanted=lambda: self.active).start()

    def close(self) -> None:
        """Stop: the lease goes (a standby takes over at once) and the gauge says so — a
        stopped relay left at 1 would show two active relays once the standby takes over."""
        self._publisher.close()
        self.lease.close()
        self.active = False
        RELAY_ACTIVE.labels(self.outbox.app.service_name).set(0)

    def _take_turn(self) -> bool:
        """Whether this relay publishes now. A standby forgets the position it read:
        the active relay moves it, so it is read afresh on taking over."""
        self.active = self.lease.held()
        if not self.active:
            self._position = None
        RELAY_ACTIVE.labels(self.outbox.app.service_name).set(1 if self.active else 0)
        return self.active

    def _record_of(self, topic: str, event: CloudEvent) -> Record:
        """The Kafka record, traced by a PRODUCER span continuing the command's trace."""
        with tracer("zhixing.messaging").start_as_current_span(
                f"publish {event.type}", context=extract_context(event.traceparent),
                kind=SpanKind.PRODUCER, attributes=safe_attributes({
                    "messaging.system": "kafka", "messaging.destination.name": topic,
                    "cloudevents.event_id": event.id, "cloudevents.event_type": event.type})):
            value, headers = replace(event, traceparent=current_traceparent()).to_kafka()
        return event.key, value, headers

    def _save_position(self, position: int) -> None:
        """Record `position`; never backwards: a relay that lost its lease between its
        last look and this write cannot undo what the active one recorded."""
        with self.store.transaction() as cur:
            cur.execute(
                "INSERT INTO relay_position (relay, position) VALUES (%s, %s) "
                "ON CONFLICT (relay) DO UPDATE SET position = CASE WHEN excluded.position "
                "> relay_position.position THEN excluded.position ELSE relay_position.position END",
                (self.name, position))
        self._position = position
        RELAY_POSITION.labels(self.outbox.app.service_name).set(position)
