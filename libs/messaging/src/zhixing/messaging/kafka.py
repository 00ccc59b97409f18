"""Kafka adapters: configuration, topic creation, the Kafka event source.

confluent-kafka is used directly. Kafka's committed offsets are only a convenience: on
every partition assignment the source seeks to the consumer's own tracked offset + 1
(DESIGN §5), so a crash between an effect and a Kafka commit loses nothing and repeats
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from zhixing.contracts.topics import dead_letters
from zhixing.messaging.sources import Delivery, ResumePoint, parse_record

DEFAULT_PARTITIONS = 3


def producer(bootstrap: str, **overrides: object) -> Producer:
    """An idempotent producer with acks=all: no duplicates from producer retries."""
    config: dict[str, object] = {
        "bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all",
        "linger.ms": 5, "client.id": "zhixing",
    }
    config.update(overrides)
    return Producer(config)


def ensure_topics(bootstrap: str, topics: Iterable[str], timeout: float = 30.0) -> None:
    """Create the topics that do not exist yet (idempotent)."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    existing = admin.list_topics(timeout=timeout).topics
    wanted = [NewTopic(t, num_partitions=DEFAULT_PARTITIONS, replication_factor=1)
              for t in topics if t not in existing]
    futures = admin.create_topics(wanted, operation_timeout=timeout).values() if wanted else []
    for future in futures:
        try:
            future.result(timeout)
        except KafkaException as error:
            if "TOPIC_ALREADY_EXISTS" not in str(error):
                raise


def stream_name(topic: str, partition: int) -> str:
    return f"{topic}/{partition}"


class KafkaEventSource:
    """Cluster mode: one topic, a consumer group, positions from the consumer's store."""

    def __init__(self, bootstrap: str, topic: str, group: str) -> None:
        self.name = topic
        self.topic = topic
        self.group = group
        self._bootstrap = bootstrap
        self._consumer = Consumer({
            "bootstrap.servers": bootstrap, "group.id": group,
            "enable.auto.commit": False, "auto.offset.reset": "earliest",
            "enable.partition.eof": False, "session.timeout.ms": 10000,
        })
        self._dlq: Producer | None = None

    def start(self, resume: ResumePoint) -> None:
        def on_assign(consumer: Consumer, partitions: list[TopicPartition]) -> None:
            for tp in partitions:
                tracked = resume(stream_name(tp.topic, tp.partition))
                tp.offset = OFFSET_BEGINNING if tracked is None else tracked + 1
            consumer.assign(partitions)

        self._consumer.subscribe([self.topic], on_assign=on_assign)

    def poll(self, timeout: float) -> list[Delivery]:
        """What has arrived, waiting up to `timeout` only when nothing has."""
        messages = self._consumer.consume(num_messages=500, timeout=0)
        if not messages:
            first = self._consumer.poll(timeout)
            messages = [] if first is None else [first, *self._consumer.consume(499, timeout=0)]
        deliveries = []
        for message in messages:
            if message.error():
                continue  # transient broker errors are retried by the client
            deliveries.append(parse_record(stream_name(message.topic(), message.partition()),
                                           message.offset(), message.value(), message.headers()))
        return deliveries

    def dead_letter(self, delivery: Delivery, error: str, consumer: str) -> bool:
        """Publish to `<topic>.dlq.<group>` with the original place and the error."""
        if self._dlq is None:
            self._dlq = producer(self._bootstrap)
        topic, partition = delivery.stream.rsplit("/", 1)
        value, headers = delivery.raw
        headers = [*headers,
                   ("dlq_original_topic", topic.encode()),
                   ("dlq_original_partition", partition.encode()),
                   ("dlq_original_offset", str(delivery.position).encode()),
                   ("dlq_consumer_group", consumer.encode()),
                   ("dlq_error", error[:2000].encode())]
        self._dlq.produce(dead_letters(topic, self.group), value=value, headers=headers)
        if self._dlq.flush(30) != 0:
            raise KafkaException("dead letter not delivered within 30 s")
        return True

    def processed(self, deliveries: list[Delivery]) -> None:
        last: dict[str, int] = {}
        for delivery in deliveries:
            last[delivery.stream] = max(last.get(delivery.stream, -1), delivery.position)
        offsets = [TopicPartition(s.rsplit("/", 1)[0], int(s.rsplit("/", 1)[1]), p + 1)
                   for s, p in last.items()]
        if offsets:
            self._consumer.commit(offsets=offsets, asynchronous=True)

    def close(self) -> None:
        self._consumer.close()
        if self._dlq is not None:
            self._dlq.flush(10)
