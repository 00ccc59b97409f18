"""Audit checkpoints on Kafka in a cluster (R46, docs/audit.md): beside the checkpoint
file, each checkpoint goes to the compacted topic `AUDIT_CHECKPOINTS`, keyed by its
chain, so the latest checkpoint of every chain outlives any retention and any machine
the database's administrators control. Nothing touches the broker until the first
checkpoint (relays and workers, which write no rows, never do).
"""

from __future__ import annotations

import threading
import time

from confluent_kafka import KafkaError, Producer

from zhixing.contracts.topics import AUDIT_CHECKPOINTS
from zhixing.eventstore.settings import Settings
from zhixing.messaging.kafka import CompactedTopicReader, ensure_topics
from zhixing.messaging.kafka_security import client_config
from zhixing.security.checkpoints import Checkpoint, NumberedCheckpoint, parsed


class CheckpointNotPublished(OSError):
    """The broker did not acknowledge a checkpoint in time."""


class KafkaCheckpoints:
    """A checkpoint sink: one record per checkpoint, acknowledged by all replicas."""

    def __init__(self, settings: Settings, timeout: float = 10.0) -> None:
        self.topic = settings.topic(AUDIT_CHECKPOINTS)
        self._bootstrap, self._timeout = settings.kafka_bootstrap, timeout
        self._producer: Producer | None = None
        self._lock = threading.Lock()

    def append(self, checkpoint: Checkpoint) -> None:
        failed: list[KafkaError] = []

        def delivered(error: KafkaError | None, _message: object) -> None:
            if error is not None:
                failed.append(error)

        with self._lock:
            producer = self._producer or self._connect()
            producer.produce(self.topic, key=checkpoint.chain.encode(),
                             value=checkpoint.line().encode(), on_delivery=delivered)
            unsent = producer.flush(self._timeout)
        if unsent or failed:
            raise CheckpointNotPublished(f"audit checkpoint not acknowledged on {self.topic}")

    def _connect(self) -> Producer:
        ensure_topics(self._bootstrap, [self.topic])
        self._producer = Producer(client_config(self._bootstrap, {
            "acks": "all", "enable.idempotence": True, "client.id": "zhixing-audit"}))
        return self._producer


def kafka_checkpoints(settings: Settings, timeout: float = 30.0) -> list[NumberedCheckpoint]:
    """Every checkpoint the topic holds (the latest of each chain, at least), read from
    the beginning up to where the topic ended when reading began."""
    ensure_topics(settings.kafka_bootstrap, [settings.topic(AUDIT_CHECKPOINTS)])  # none yet: empty
    reader = CompactedTopicReader(settings.kafka_bootstrap, settings.topic(AUDIT_CHECKPOINTS))
    found: list[NumberedCheckpoint] = []
    deadline = time.monotonic() + timeout
    try:
        while not reader.caught_up():
            if time.monotonic() > deadline:
                raise CheckpointNotPublished(
                    f"could not read {reader.topic} within {timeout:.0f} s")
            for _key, value in reader.poll():
                found.append((f"kafka record {len(found) + 1}",
                              parsed(value.decode("utf-8", "replace")) if value else None))
    finally:
        reader.close()
    return found
