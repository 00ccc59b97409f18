"""The relay: follows a service's notification log and publishes to Kafka (DESIGN §5).

Publish first, then record the position. A crash in between re-publishes the same
events with the same `ce_id`s (at-least-once); consumers deduplicate. The producer is
idempotent with acks=all, so its own retries add no duplicates.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from confluent_kafka import KafkaError, KafkaException, Message
from opentelemetry.trace import SpanKind

from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.kafka import producer
from zhixing.messaging.outbox import Outbox
from zhixing.observability.tracing import current_traceparent, extract_context, safe_attributes, tracer

_DDL = """CREATE TABLE IF NOT EXISTS relay_position (
    relay TEXT PRIMARY KEY, position BIGINT NOT NULL)"""


def migrate(store: SqlStore) -> None:
    """Create the relay's position table (idempotent)."""
    store.migrate(_DDL)


class Relay:
    def __init__(self, outbox: Outbox, store: SqlStore, bootstrap: str, batch: int = 500) -> None:
        self.outbox = outbox
        self.store = store
        self.batch = batch
        self.name = f"{outbox.stream}->{outbox.topic}"
        self._producer = producer(bootstrap)
        self._failures: list[KafkaError] = []
        self._pause = threading.Event()
        migrate(store)

    def position(self) -> int:
        with self.store.transaction() as cur:
            cur.execute("SELECT position FROM relay_position WHERE relay = %s", (self.name,))
            row = cur.fetchone()
        return 0 if row is None else int(row[0])

    def run_once(self) -> int:
        """Publish the next batch; returns how many events were published."""
        entries = self.outbox.read(self.position(), self.batch)
        if not entries:
            return 0
        events = [event for entry in entries for event in entry.events]
        for event in events:
            self._publish(event)
        self._confirm()
        self._record(entries[-1].position)
        return len(events)

    def run(self, stop: threading.Event, idle: float = 0.02) -> None:
        while not stop.is_set():
            if self.run_once() == 0:
                self._pause.wait(idle)  # nothing new: look again shortly
        self._producer.flush(30)

    def _publish(self, event: CloudEvent) -> None:
        """Produce under a PRODUCER span that continues the originating command's trace."""
        with tracer("zhixing.messaging").start_as_current_span(
                f"publish {event.type}", context=extract_context(event.traceparent),
                kind=SpanKind.PRODUCER, attributes=safe_attributes({
                    "messaging.system": "kafka", "messaging.destination.name": self.outbox.topic,
                    "cloudevents.event_id": event.id, "cloudevents.event_type": event.type})):
            value, headers = replace(event, traceparent=current_traceparent()).to_kafka()
            self._producer.produce(self.outbox.topic, key=event.key, value=value,
                                   headers=headers, on_delivery=self._on_delivery)

    def _on_delivery(self, error: KafkaError | None, _message: Message) -> None:
        if error is not None:
            self._failures.append(error)

    def _confirm(self) -> None:
        """Every event of the batch acknowledged by the broker, or raise."""
        remaining = self._producer.flush(60)
        if remaining or self._failures:
            failures, self._failures = self._failures, []
            raise KafkaException(failures[0] if failures else "relay flush timed out")

    def _record(self, position: int) -> None:
        with self.store.transaction() as cur:
            cur.execute(
                "INSERT INTO relay_position (relay, position) VALUES (%s, %s) "
                "ON CONFLICT (relay) DO UPDATE SET position = excluded.position",
                (self.name, position))
