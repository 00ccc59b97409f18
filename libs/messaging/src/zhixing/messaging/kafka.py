"""Kafka adapters on FastStream's confluent broker: topic creation, publishing, and the
Kafka event source.

FastStream is the Kafka client, but not the judge of what was processed: its commit
policy is switched off (AckPolicy.MANUAL) and, on every partition assignment, the
source seeks to the consumer's own tracked offset + 1 (DESIGN §5). Kafka's committed
offsets are only a convenience (lag dashboards). FastStream is async and the pipeline's
loops are threads, so each broker runs on an event loop of its own (`BrokerLoop`).
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Coroutine, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, TypeVar

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, KafkaException, TopicPartition
from confluent_kafka.admin import (
    AdminClient,
    AlterConfigOpType,
    ConfigEntry,
    ConfigResource,
    NewTopic,
    ResourceType,
)
from faststream import AckPolicy
from faststream.confluent import KafkaBroker, KafkaMessage

from zhixing.contracts.topics import dead_letters, is_compacted
from zhixing.messaging.kafka_security import client_config, security_config
from zhixing.messaging.lag_commits import LagCommits
from zhixing.messaging.pacing import Unavailable
from zhixing.messaging.sources import Delivery, ResumePoint, parse_record
from zhixing.messaging.stages import mark

DEFAULT_PARTITIONS = 3
T = TypeVar("T")
# FastStream logs every message at INFO; only its warnings and errors matter here.
_broker_log = logging.getLogger("zhixing.messaging.faststream")
_broker_log.setLevel(logging.WARNING)


def kafka_broker(bootstrap: str) -> KafkaBroker:
    """A broker whose producer is idempotent with acks=all: retries add no duplicates;
    TLS and credentials from the environment (`kafka_security`)."""
    return KafkaBroker(bootstrap, acks="all", enable_idempotence=True, linger_ms=5,
                       client_id="zhixing", logger=_broker_log, config=security_config())


def ensure_topics(bootstrap: str, topics: Iterable[str], timeout: float = 30.0) -> None:
    """Create the topics that do not exist yet (idempotent). A compacted topic that
    exists already (e.g. created by a producer on a broker that auto-creates) is set to
    compaction: a list that is deleted by age would lose debtors still listed. Its
    configuration is read first and changed only when it is not compacted, so a client
    whose ACLs allow no AlterConfigs (topics managed by Strimzi's KafkaTopic) never asks."""
    admin = AdminClient(client_config(bootstrap))
    existing = admin.list_topics(timeout=timeout).topics
    # Each topic once: librdkafka crashes the process on a duplicate in one request.
    wanted = [NewTopic(t, num_partitions=DEFAULT_PARTITIONS, replication_factor=1,
                       config={"cleanup.policy": "compact"} if is_compacted(t) else {})
              for t in dict.fromkeys(topics) if t not in existing]
    futures = admin.create_topics(wanted, operation_timeout=timeout).values() if wanted else []
    for future in futures:
        try:
            future.result(timeout)
        except KafkaException as error:
            if "TOPIC_ALREADY_EXISTS" not in str(error):
                raise
    compacted = [t for t in dict.fromkeys(topics) if t in existing and is_compacted(t)]
    compact = [ConfigResource(ResourceType.TOPIC, t, incremental_configs=[
        ConfigEntry("cleanup.policy", "compact",
                    incremental_operation=AlterConfigOpType.SET)])
        for t in _not_compacted(admin, compacted, timeout)]
    for future in (admin.incremental_alter_configs(compact).values() if compact else []):
        future.result(timeout)


def _not_compacted(admin: AdminClient, topics: list[str], timeout: float) -> list[str]:
    """Those of `topics` whose cleanup.policy lacks compaction."""
    if not topics:
        return []
    described = admin.describe_configs([ConfigResource(ResourceType.TOPIC, t) for t in topics])
    return [resource.name for resource, future in described.items()
            if "compact" not in str(getattr(future.result(timeout).get("cleanup.policy"),
                                            "value", ""))]


def reader_group(topic: str) -> str:
    """The group id a `CompactedTopicReader` of `topic` names (it joins no group, but
    librdkafka wants one; the chart's ACLs allow exactly this one)."""
    return f"reader.{topic}"


class CompactedTopicReader:
    """Reads a compacted topic from the beginning of every partition, then follows it —
    what a copy of a keyed list does on every start (a partner's mirror, a peer region's
    list). It assigns the partitions itself and keeps its own offsets: no group, no
    commits. A topic that does not exist yet (MirrorMaker creates it on first sight) is
    looked for again at each poll."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self.topic = topic
        self._consumer = Consumer(client_config(bootstrap, {
            "group.id": reader_group(topic), "enable.auto.commit": False,
            "enable.partition.eof": True, "log_level": 3}))
        self._ends: dict[int, int] | None = None
        self._next: dict[int, int] = {}

    def poll(self, timeout: float = 0.5, limit: int = 1000) -> list[tuple[bytes, bytes | None]]:
        """The next records as (key, value); a null value is a tombstone."""
        if self._ends is None and not self._assign(timeout):
            return []
        records = []
        for message in self._consumer.consume(limit, timeout):
            error = message.error()
            if error is not None:
                if error.code() == KafkaError._PARTITION_EOF:
                    self._next[message.partition() or 0] = message.offset() or 0
                elif error.fatal():
                    raise KafkaException(error)
                continue
            self._next[message.partition() or 0] = (message.offset() or 0) + 1
            key = message.key()
            if key:
                records.append((key, message.value()))
        return records

    def caught_up(self) -> bool:
        """Read up to the high watermarks the partitions had when reading began."""
        return self._ends is not None and all(
            self._next.get(p, 0) >= end for p, end in self._ends.items())

    def close(self) -> None:
        self._consumer.close()

    def _assign(self, timeout: float) -> bool:
        found = self._consumer.list_topics(self.topic, timeout=timeout).topics.get(self.topic)
        if found is None or found.error is not None or not found.partitions:
            return False
        self._ends = {p: self._consumer.get_watermark_offsets(
            TopicPartition(self.topic, p), timeout=timeout)[1] for p in found.partitions}
        self._consumer.assign([TopicPartition(self.topic, p, OFFSET_BEGINNING)
                               for p in self._ends])
        return True


def stream_name(topic: str, partition: int) -> str:
    return f"{topic}/{partition}"


class BrokerLoop:
    """Runs a FastStream broker on its own event loop thread for synchronous callers."""

    def __init__(self, broker: KafkaBroker) -> None:
        self.broker = broker
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                        name="faststream")

    def start(self, timeout: float = 60) -> None:
        self._thread.start()
        self.run(self.broker.start(), timeout)

    def run(self, work: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return self.submit(work).result(timeout)

    def submit(self, work: Coroutine[Any, Any, T]) -> Future[T]:
        """Start `work` on the loop; its result (or error) comes in the future."""
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    def stop(self) -> None:
        try:
            self.run(self.broker.stop(), 30)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(30)


# A refusal by the ACLs is configuration, not weather: retrying would only hide it behind
# a readiness failure, so the loop stops and names it (DESIGN §9: defects stop a process).
REFUSED_BY_ACLS = frozenset({
    KafkaError.TOPIC_AUTHORIZATION_FAILED, KafkaError.GROUP_AUTHORIZATION_FAILED,
    KafkaError.CLUSTER_AUTHORIZATION_FAILED, KafkaError.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
})


@contextmanager
def broker_answers(what: str, timeout: float) -> Iterator[None]:
    """Turn the broker not answering (no acknowledgement within `timeout`, or a
    retriable client error) into `Unavailable`, which the loops retry after a backoff;
    a fatal client error or a refusal by the ACLs stays an error (the process restarts)."""
    try:
        yield
    except TimeoutError as error:
        raise Unavailable(f"the broker did not acknowledge {what} within {timeout:.0f} s") from error
    except KafkaException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, KafkaError) and (cause.fatal() or cause.code() in REFUSED_BY_ACLS):
            raise
        raise Unavailable(f"the broker refused {what} for now") from error


class KafkaPublisher:
    """Publishes batches of records and returns only when the broker has them all."""

    def __init__(self, bootstrap: str) -> None:
        self._loop = BrokerLoop(kafka_broker(bootstrap))
        self._loop.start()

    def publish_all(self, topic: str,
                    records: list[tuple[bytes | None, bytes | None, list[tuple[str, bytes]]]],
                    timeout: float = 60) -> None:
        """(key, value, headers) records, in order; raise if any is not acknowledged
        (`Unavailable` when the broker did not answer in time: try again later)."""
        with broker_answers(f"{len(records)} records to {topic}", timeout):
            self._loop.run(self._publish_all(topic, records), timeout)

    async def _publish_all(self, topic: str, records: list[Any]) -> None:
        # FastStream always adds a `correlation_id` header (a fresh UUID unless given):
        # give it the record's ce_id, so a reader of the raw headers sees the event's id
        # there too (README "Reading the events"), not a value that differs on a re-send.
        pending = [await self._loop.broker.publish(
            value, topic, key=key, headers={k: v.decode() for k, v in headers},
            correlation_id=dict(headers).get("ce_id", b"").decode() or None,
            no_confirm=True) for key, value, headers in records]
        await asyncio.gather(*pending)  # a failed delivery raises KafkaException

    def close(self) -> None:
        self._loop.stop()


BATCH = 500
"""Records fetched from the broker at once (FastStream's batch subscriber)."""


class KafkaEventSource:
    """Cluster mode: one topic, a consumer group, positions from the consumer's store.

    FastStream fetches records in batches into a bounded queue that `poll` drains. Each
    partition assignment starts a new generation of that partition and re-reads from the tracked
    offset + 1, so records still queued from an earlier generation (or a revoked
    partition) are dropped: they will come again, in order.
    """

    waits = True
    """Its poll blocks on the broker until a record arrives (no idle loop needed)."""

    def __init__(self, bootstrap: str, topic: str, group: str, buffer: int = 2000) -> None:
        self.name = topic
        self.topic = topic
        self.group = group
        self._bootstrap = bootstrap
        self._received: queue.Queue[tuple[int, Delivery]] = queue.Queue(maxsize=buffer)
        self._generation: dict[str, int] = {}
        self._closing = threading.Event()
        self._loop: BrokerLoop | None = None
        self._commits: LagCommits | None = None

    def start(self, resume: ResumePoint) -> None:
        broker = kafka_broker(self._bootstrap)
        subscriber = broker.subscriber(
            self.topic, group_id=self.group, auto_offset_reset="earliest",
            ack_policy=AckPolicy.MANUAL, on_assign=self._on_assign(resume),
            on_revoke=self._on_revoke, on_lost=self._on_revoke, decoder=_undecoded,
            batch=True, max_records=BATCH)
        eager_batches(subscriber)
        subscriber(self._receive)
        self._loop = BrokerLoop(broker)
        self._loop.start()

    def _on_assign(self, resume: ResumePoint):  # type: ignore[no-untyped-def]
        def on_assign(consumer: Consumer, partitions: list[TopicPartition]) -> None:
            for tp in partitions:
                stream = stream_name(tp.topic, tp.partition)
                self._generation[stream] = self._generation.get(stream, 0) + 1
                tracked = resume(stream)
                tp.offset = OFFSET_BEGINNING if tracked is None else tracked + 1
            consumer.assign(partitions)

        return on_assign

    def _on_revoke(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        for tp in partitions:
            self._generation.pop(stream_name(tp.topic, tp.partition), None)

    async def _receive(self, body: Any, message: KafkaMessage) -> None:
        # FastStream fetches a batch at a time and rebalances only between batches, so
        # the generation read here is the one these records were fetched in.
        items = []
        for raw in message.raw_message:
            stream = stream_name(raw.topic(), raw.partition())
            delivery = parse_record(stream, raw.offset(), raw.value(), raw.headers(),
                                    handle=message)
            items.append((self._generation.get(stream, 0), delivery))
        mark("consumer.received", self.group, (delivery.event for _, delivery in items))
        for item in items:
            try:
                self._received.put_nowait(item)  # the usual case: no thread hop
            except queue.Full:
                await asyncio.to_thread(self._enqueue, item)  # wait, loop unblocked

    def _enqueue(self, item: tuple[int, Delivery]) -> None:
        while not self._closing.is_set():  # never block shutdown on a full buffer
            try:
                self._received.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def poll(self, timeout: float) -> list[Delivery]:
        """What has arrived, waiting up to `timeout` only when nothing has."""
        try:
            items = [self._received.get(timeout=timeout)]
        except queue.Empty:
            return []
        while len(items) < BATCH:
            try:
                items.append(self._received.get_nowait())
            except queue.Empty:
                break
        return [d for generation, d in items if self._generation.get(d.stream) == generation]

    def dead_letter(self, delivery: Delivery, error: str, consumer: str) -> bool:
        """Publish to `<topic>.dlq.<group>` with the original place and the error."""
        assert self._loop is not None, "start() first"
        topic, partition = delivery.stream.rsplit("/", 1)
        value, headers = delivery.raw
        place = {"dlq_original_topic": topic, "dlq_original_partition": partition,
                 "dlq_original_offset": str(delivery.position),
                 "dlq_consumer_group": consumer, "dlq_error": error[:2000]}
        original = {k: v.decode("utf-8", "replace") for k, v in headers}
        with broker_answers("a dead letter", 60):
            self._loop.run(self._loop.broker.publish(
                value, dead_letters(topic, self.group), headers={**original, **place}))
        return True

    def processed(self, deliveries: list[Delivery]) -> None:
        """Commit to Kafka for lag dashboards (`lag_commits`: never waited for, at most
        every half second); correctness never depends on it. `close` waits for it."""
        if self._loop is not None and deliveries and deliveries[-1].handle is not None:
            if self._commits is None:
                self._commits = LagCommits(self._loop.submit)
            self._commits.processed(deliveries[-1].handle)

    def close(self) -> None:
        self._closing.set()
        if self._commits is not None:
            self._commits.close()
        if self._loop is not None:
            self._loop.stop()


def eager_batches(subscriber: Any) -> None:
    """Make a FastStream batch subscriber hand over a batch as soon as anything is there.

    Its own fetch is librdkafka's `consume(BATCH, timeout)`, which returns only when
    BATCH records have come or the timeout (FastStream's polling interval, 100 ms) has
    passed: a lone event waited up to 100 ms for company (issue 19: half the pipeline's
    latency at 40 events/s). Instead: wait for the first record (`poll`, which returns
    the moment one arrives), then take at once whatever else librdkafka has already
    fetched (`consume` with no wait), up to BATCH. Bursts still come in large batches:
    librdkafka fetches ahead into its queue while the previous batch is processed."""
    async def first_then_the_rest() -> tuple[Any, ...] | None:
        consumer = subscriber.consumer
        first = await consumer.getone(timeout=subscriber.polling_interval)
        if first is None:
            return None
        return (first, *await consumer.getmany(timeout=0, max_records=BATCH - 1))

    subscriber.get_msg = first_then_the_rest


def _undecoded(message: Any) -> Any:
    """Hand the body over as bytes: a malformed record must reach the dead-letter path."""
    return message.body
