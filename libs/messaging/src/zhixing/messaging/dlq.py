"""Dead-letter topics (`<topic>.dlq.<group>`, DESIGN §4) for operators: what is parked
where, why, and putting one record back on its topic (docs/runbooks/poison-message.md).

A parked record keeps its original CloudEvents headers plus `dlq_original_topic`,
`dlq_original_partition`, `dlq_original_offset`, `dlq_consumer_group` and `dlq_error`
(`kafka.KafkaEventSource.dead_letter`). Nothing here reads or prints a record's value:
it may hold personal data (R60).

Replaying is safe for the other groups of the topic: they have processed that `ce_id`
already and skip it; the group that parked it rolled its attempt back, so it applies it.

Headers are data written by whoever could produce to the dead-letter topic: a replay goes
to the topic the dead-letter topic's own name says (a `dlq_original_topic` naming another
is refused, never followed), and what `show` prints of them is cut short and stripped of
control characters (no escape sequences reach the operator's terminal).
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition

from zhixing.messaging.kafka_security import client_config

DLQ_MARK = ".dlq."
TIMEOUT = 10.0
SHOWN = 300
"""Characters of one header `show` prints at most (the writer caps `dlq_error` at 2000)."""


class DlqError(RuntimeError):
    """A dead-letter topic or record that is not there, or a broker that does not answer."""


@dataclass(frozen=True)
class Parked:
    """One dead letter: where it is, where it came from, and why (never its value)."""

    partition: int
    offset: int
    headers: dict[str, str]

    @property
    def place(self) -> str:
        return f"{self.partition}:{self.offset}"

    def summary(self) -> str:
        """One line: place, type, ce_id, origin, group and error, each made printable."""
        h = {name: printable(value) for name, value in self.headers.items()}
        return (f"{self.place}\t{h.get('ce_type', '?')}\tce_id={h.get('ce_id', '?')}\t"
                f"from {h.get('dlq_original_topic', '?')}/{h.get('dlq_original_partition', '?')}"
                f"@{h.get('dlq_original_offset', '?')}\tgroup={h.get('dlq_consumer_group', '?')}"
                f"\t{h.get('dlq_error', '')}")


def printable(text: str, limit: int = SHOWN) -> str:
    """`text` without control or format characters (escape sequences, tabs, newlines,
    bidi overrides), at most `limit` characters: a header is not trusted to be either."""
    kept = "".join(c if unicodedata.category(c)[0] != "C" else "?" for c in text[:limit])
    return kept + ("…" if len(text) > limit else "")


def origin_of(dlq_topic: str) -> str:
    """The topic a dead-letter topic's records came from, by its name (`<topic>.dlq.<group>`)."""
    original, mark, group = dlq_topic.partition(DLQ_MARK)
    if not (mark and original and group):
        raise DlqError(f"{printable(dlq_topic, 120)} is not a dead-letter topic "
                       "(<topic>.dlq.<group>, see `zhixing dlq list`)")
    return original


def depths(bootstrap: str) -> dict[str, int]:
    """Every dead-letter topic on the broker and how many records it holds."""
    consumer = _consumer(bootstrap)
    try:
        topics = sorted(t for t in _topics(consumer) if DLQ_MARK in t)
        return {topic: sum(high - low for low, high in _watermarks(consumer, topic).values())
                for topic in topics}
    finally:
        consumer.close()


def parked(bootstrap: str, topic: str, limit: int) -> list[Parked]:
    """Up to `limit` dead letters of `topic`, oldest first in each partition."""
    origin_of(topic)  # only dead-letter topics are read here
    consumer = _consumer(bootstrap)
    try:
        ends = _watermarks(consumer, topic)
        return list(_read(consumer, topic, {p: low for p, (low, _) in ends.items()},
                          {p: high for p, (_, high) in ends.items()}, limit))
    finally:
        consumer.close()


def replay(bootstrap: str, topic: str, partition: int, offset: int) -> Parked:
    """Put the dead letter at `partition:offset` back on its original topic, keyed by its
    subject as the relay keys it, with its CloudEvents headers and none of the dlq ones.
    The original topic is the one `topic`'s name says; a header naming another is refused."""
    original = origin_of(topic)
    consumer = _consumer(bootstrap)
    try:
        ends = _watermarks(consumer, topic)
        if partition not in ends or not ends[partition][0] <= offset < ends[partition][1]:
            raise DlqError(f"{topic} has no record at {partition}:{offset}")
        message = _one(consumer, topic, partition, offset)
    finally:
        consumer.close()
    headers = [(k, v) for k, v in message.headers() or [] if not k.startswith("dlq_")]
    found = _text_headers(message.headers())
    if found.get("dlq_original_topic") != original:
        raise DlqError(f"{topic} {partition}:{offset}: its dlq_original_topic is not {original}, "
                       "the topic this dead-letter topic parks for; not replayed")
    producer = Producer(client_config(bootstrap, {"enable.idempotence": True, "acks": "all"}))
    producer.produce(original, value=message.value(), headers=headers,
                     key=found.get("ce_subject", "").encode() or None)
    if producer.flush(TIMEOUT) != 0:
        raise DlqError(f"the broker did not acknowledge the replay to {original}")
    return Parked(partition, offset, found)


def _consumer(bootstrap: str) -> Consumer:
    return Consumer(client_config(bootstrap, {
        "group.id": f"zhixing-dlq-{uuid.uuid4().hex}", "enable.auto.commit": False,
        "socket.timeout.ms": int(TIMEOUT * 1000)}))


def _topics(consumer: Consumer) -> list[str]:
    try:
        return list(consumer.list_topics(timeout=TIMEOUT).topics)
    except KafkaException as error:
        raise DlqError(f"the broker at ZHIXING_KAFKA_BOOTSTRAP did not answer: {error}") from None


def _watermarks(consumer: Consumer, topic: str) -> dict[int, tuple[int, int]]:
    if topic not in _topics(consumer):
        raise DlqError(f"no topic {topic} on the broker (see `zhixing dlq list`)")
    partitions = consumer.list_topics(topic, timeout=TIMEOUT).topics[topic].partitions
    return {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=TIMEOUT)
            for p in sorted(partitions)}


def _read(consumer: Consumer, topic: str, starts: dict[int, int], ends: dict[int, int],
          limit: int) -> Iterator[Parked]:
    pending = {p for p in starts if starts[p] < ends[p]}
    consumer.assign([TopicPartition(topic, p, starts[p]) for p in pending])
    shown = 0
    while pending and shown < limit:
        message = consumer.poll(TIMEOUT)
        if message is None:
            raise DlqError(f"{topic}: the broker stopped before the end of the topic")
        if message.error():
            continue
        partition, offset = message.partition() or 0, message.offset() or 0
        if offset + 1 >= ends[partition]:
            pending.discard(partition)
        shown += 1
        yield Parked(partition, offset, _text_headers(message.headers()))


def _one(consumer: Consumer, topic: str, partition: int, offset: int):  # type: ignore[no-untyped-def]
    consumer.assign([TopicPartition(topic, partition, offset)])
    while True:
        message = consumer.poll(TIMEOUT)
        if message is None:
            raise DlqError(f"{topic} {partition}:{offset}: the broker did not deliver it")
        if not message.error() and message.offset() == offset:
            return message


def _text_headers(headers: Any) -> dict[str, str]:
    """Headers as text (librdkafka gives a list of (name, bytes) pairs, or None)."""
    return {k: v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v or "")
            for k, v in headers or []}
