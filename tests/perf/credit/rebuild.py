"""The Kafka part of the credit benchmark: the compacted list topic filled in the
contract's format, then read back raw (the baseline) and rebuilt into a `CreditIndex`."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache, lru_cache

import debtors
import orjson
from confluent_kafka import OFFSET_BEGINNING, Consumer, Message, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from examples.partner_mirror.lean import lean_change
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.credit.v1 import DebtorCleared, DebtorCreditState
from zhixing.credit.domain.restriction import conduct_mask
from zhixing.credit.index import CreditIndex, State
from zhixing.messaging.kafka import DEFAULT_PARTITIONS

TOPIC = "bench.zhixing.credit.list.v1"
_EPOCH = date(1970, 1, 1).toordinal()
_TYPE = DebtorCreditState.event_type.encode()


def recreate(bootstrap: str) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap})
    if TOPIC in admin.list_topics(timeout=30).topics:
        admin.delete_topics([TOPIC], operation_timeout=30)[TOPIC].result(60)
        while TOPIC in admin.list_topics(timeout=30).topics:
            time.sleep(0.5)
    topic = NewTopic(TOPIC, num_partitions=DEFAULT_PARTITIONS, replication_factor=1,
                     config={"cleanup.policy": "compact"})
    for _ in range(60):  # a deletion takes a moment to be forgotten
        try:
            admin.create_topics([topic], operation_timeout=30)[TOPIC].result(60)
            return
        except Exception as error:
            if "ALREADY_EXISTS" not in str(error):
                raise
            time.sleep(1)


def produce(bootstrap: str, identities: list[str], states: list[State]) -> float:
    """Records/s, rendering included (idempotent producer, lz4, 50 ms linger)."""
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 50,
                         "batch.size": 1_000_000, "compression.type": "lz4",
                         "enable.idempotence": True, "queue.buffering.max.messages": 500_000})
    began = time.perf_counter()
    for key, value, headers in debtors.records(identities, states):
        while True:
            try:
                producer.produce(TOPIC, value, key, headers=headers)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    if producer.flush(300):
        raise RuntimeError("records left unsent")
    return len(identities) / (time.perf_counter() - began)


def messages(bootstrap: str) -> Iterator[Message]:
    """Every record of the topic from the beginning, up to the high watermarks at the
    start (manual assignment, no group, no commits — as a mirror rebuilds)."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "bench-credit",
                         "enable.auto.commit": False, "fetch.max.bytes": 52_428_800,
                         "max.partition.fetch.bytes": 10_485_760})
    try:
        partitions = [TopicPartition(TOPIC, p) for p in range(DEFAULT_PARTITIONS)]
        ends = {p.partition: consumer.get_watermark_offsets(p, timeout=30)[1]
                for p in partitions}
        consumer.assign([TopicPartition(TOPIC, p, OFFSET_BEGINNING) for p in ends])
        left = sum(ends.values())
        while left > 0:
            batch = consumer.consume(10_000, 1.0)
            for message in batch:
                if message.error() is None:
                    left -= 1
                    yield message
    finally:
        consumer.close()


def raw(bootstrap: str) -> float:
    began, count = time.perf_counter(), 0
    for _ in messages(bootstrap):
        count += 1
    return count / (time.perf_counter() - began)


def _rebuild(bootstrap: str, parse: Callable[[Message], State | bool | None]) -> float:
    """Read, parse, bulk_load; a tombstone forgets its identity unless a later record
    brings it back (records of one key stay in order: one partition)."""
    cleared: set[str] = set()

    def pairs() -> Iterator[tuple[str, State]]:
        for message in messages(bootstrap):
            identity = message.key().decode()
            state = parse(message)
            if state is None:
                cleared.add(identity)
            elif state is not False:
                cleared.discard(identity)
                yield identity, state  # type: ignore[misc]

    began = time.perf_counter()
    index = CreditIndex.bulk_load(pairs())
    for identity in cleared:
        index.remove(identity)
    return len(index) / (time.perf_counter() - began)


def by_contract(message: Message) -> State | bool | None:
    """CloudEvent.from_kafka + the DebtorCreditState model; None: tombstone; False:
    a type this reader does not know."""
    event = CloudEvent.from_kafka(message.value(), message.headers())
    if event.tombstone or event.type == DebtorCleared.event_type:
        return None
    if event.type != DebtorCreditState.event_type:
        return False
    model = DebtorCreditState.model_validate(event.data)
    return State(model.listed, model.restricted, conduct_mask(model.conduct),
                 _days(model.since), len(model.cases))


def by_lean(message: Message) -> State | bool | None:
    """The partner's lean reading (examples/partner_mirror/lean.py): the contract's
    acceptance — the envelope and the model decide anything unusual — without building
    either for the usual record."""
    change = lean_change(message.key(), message.value(), message.headers())
    return False if change is None else change.state


def by_json(message: Message) -> State | bool | None:
    """json.loads of the value, the type from its header; no model validation."""
    value = message.value()
    if value is None:
        return None
    if ("ce_type", _TYPE) not in message.headers():
        return False
    data = json.loads(value)
    return State(data["listed"], data["restricted"], conduct_mask(data["conduct"]),
                 _days(data["since"]), len(data["cases"]))


def by_fields(message: Message) -> State | bool | None:
    """What a partner's fast path reads: on the list topic a null value is a tombstone
    and any other value a `DebtorCreditState` (the contract says so), so no headers and
    no model; orjson for the JSON, the conduct masks and days cached."""
    value = message.value()
    if value is None:
        return None
    data = orjson.loads(value)
    return State(data["listed"], data["restricted"], _mask(tuple(data["conduct"])),
                 _days(data["since"]), len(data["cases"]))


@cache
def _mask(codes: tuple[str, ...]) -> int:
    return conduct_mask(codes)


@lru_cache(maxsize=1 << 16)
def _days(day: str) -> int:
    return date.fromisoformat(day).toordinal() - _EPOCH if day else 0


def report(bootstrap: str, identities: list[str], states: list[State], runs: int,
           show: Callable[..., None], met: Callable[[float, float], str],
           goal: float) -> None:
    print(f"4. rebuild from the compacted topic {TOPIC}, {len(identities):,} records, "
          f"{DEFAULT_PARTITIONS} partitions", flush=True)
    recreate(bootstrap)
    show("produce (rendering included)", produce(bootstrap, identities, states), "records/s")
    baseline = statistics.median(raw(bootstrap) for _ in range(runs))
    show("raw consumer baseline (no parsing)", baseline, "records/s")
    for name, parse in (("contract parse", by_contract), ("lean contract parse", by_lean),
                        ("json.loads", by_json),
                        ("orjson, no headers", by_fields)):
        figure = statistics.median(_rebuild(bootstrap, parse) for _ in range(runs))
        show(f"rebuild: read + {name} + bulk_load", figure, "entries/s", baseline, "raw",
             met(figure, goal))
