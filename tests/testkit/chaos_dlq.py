"""Poison messages for the chaos tests: malformed records written straight to a consumed
topic, and the check that every consumer group's dead-letter topic holds exactly them
(DESIGN §5: a poison message goes to the DLQ after bounded retries; the partition keeps
moving)."""

from __future__ import annotations

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient

from testkit.waiting import wait_until

Place = tuple[int, int]
"""(partition, offset) of a record on the consumed topic."""


def poison(bootstrap: str, topic: str, count: int) -> set[Place]:
    """`count` records that are not CloudEvents, spread over the partitions by key;
    returns where the broker put them."""
    places: set[Place] = set()
    failures: list[str] = []

    def delivered(error, message) -> None:  # type: ignore[no-untyped-def]
        if error is not None:
            failures.append(str(error))
        else:
            places.add((message.partition(), message.offset()))

    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True,
                         "log_level": 3})
    for n in range(count):
        producer.produce(topic, value=b"\xff not a cloud event %d" % n, key=b"poison-%d" % n,
                         on_delivery=delivered)
    left = producer.flush(60)
    assert left == 0 and not failures, f"poison not delivered: {left} left, {failures[:3]}"
    return places


def dead_letter_topics(bootstrap: str, topic: str) -> list[str]:
    """The DLQ of every consumer group of `topic` (each worker creates its own)."""
    names = AdminClient({"bootstrap.servers": bootstrap}).list_topics(timeout=30).topics
    return sorted(name for name in names if name.startswith(f"{topic}.dlq."))


def parked(bootstrap: str, dlq: str) -> list[Place]:
    """The original places of every record in a dead-letter topic, read from its start."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "chaos-dlq-reader",
                         "enable.auto.commit": False, "log_level": 3})
    try:
        partitions = consumer.list_topics(dlq, timeout=30).topics[dlq].partitions
        ends = {p: consumer.get_watermark_offsets(TopicPartition(dlq, p), timeout=30)
                for p in partitions}
        wanted = sum(high - low for low, high in ends.values())
        consumer.assign([TopicPartition(dlq, p, low) for p, (low, _) in ends.items()])
        found: list[Place] = []
        while len(found) < wanted:
            message = consumer.poll(10)
            assert message is not None, f"{dlq}: {len(found)} of {wanted} records read"
            if message.error():
                continue
            headers = {k: v.decode() for k, v in message.headers() or []}
            found.append((int(headers["dlq_original_partition"]),
                          int(headers["dlq_original_offset"])))
        return found
    finally:
        consumer.close()


def dead_letters_hold_exactly(bootstrap: str, topic: str, places: set[Place],
                              timeout: float = 180) -> int:
    """Wait until each group's DLQ of `topic` holds the poison records, once each and
    nothing else; returns the number of groups."""
    dlqs = dead_letter_topics(bootstrap, topic)
    assert dlqs, f"no dead-letter topic for {topic}"
    for dlq in dlqs:
        wait_until(lambda d=dlq: len(parked(bootstrap, d)) >= len(places), timeout=timeout,
                   what=f"{len(places)} poison records in {dlq}", interval=1.0)
        held = parked(bootstrap, dlq)
        assert sorted(held) == sorted(places), (
            f"{dlq} holds {len(held)} records, not exactly the {len(places)} poison ones")
    return len(dlqs)


def dead_letter_count(bootstrap: str, namespace: str) -> int:
    """Records in every dead-letter topic of the run's namespace: what was parked."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "chaos-dlq-reader",
                         "log_level": 3})
    try:
        topics = consumer.list_topics(timeout=30).topics
        total = 0
        for name, meta in topics.items():
            if name.startswith(f"{namespace}.") and ".dlq." in name:
                for p in meta.partitions:
                    low, high = consumer.get_watermark_offsets(TopicPartition(name, p), timeout=30)
                    total += high - low
        return total
    finally:
        consumer.close()
