"""The Kafka part of the credit benchmark: the compacted list topic filled in the
contract's format, then read back raw (the baseline) and rebuilt into a `CreditIndex`."""

from __future__ import annotations

import json
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple

import debtors
import orjson
from confluent_kafka import OFFSET_BEGINNING, Consumer, Message, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from examples.partner_mirror.catch_up import processes_for
from examples.partner_mirror.lean import lean_change
from examples.partner_mirror.mirror import ListMirror
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


def messages(bootstrap: str, only: Iterable[int] = range(DEFAULT_PARTITIONS)
             ) -> Iterator[Message]:
    """Every record of the topic (or of the partitions `only`) from the beginning, up to
    the high watermarks at the start (manual assignment, no group, no commits — as a
    mirror rebuilds)."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "bench-credit",
                         "enable.auto.commit": False, "fetch.max.bytes": 52_428_800,
                         "max.partition.fetch.bytes": 10_485_760})
    try:
        partitions = [TopicPartition(TOPIC, p) for p in only]
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


class Rate(NamedTuple):
    """Entries (or records) a second of wall time, and a second of CPU time of this
    process and its children (librdkafka's threads included): the second is what the
    work costs, whatever else the machine runs."""

    wall: float
    cpu: float


class Clock:
    """Wall and CPU time since it was made."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), _cpu()

    def rate(self, count: int, elsewhere: float = 0.0) -> Rate:
        """`elsewhere`: CPU seconds spent for this work in processes not our children."""
        return Rate(count / (time.perf_counter() - self.wall),
                    count / (_cpu() - self.cpu + elsewhere))


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def raw(bootstrap: str) -> Rate:
    clock, count = Clock(), 0
    for _ in messages(bootstrap):
        count += 1
    return clock.rate(count)


def pairs_of(records: Iterable[Message], parse: Callable[[Message], State | bool | None],
             cleared: set[str]) -> Iterator[tuple[str, State]]:
    """(identity, state) of each record read; a tombstone's identity goes to `cleared`
    and leaves it again if a later record brings it back (records of one key stay in
    order: one partition)."""
    for message in records:
        identity = message.key().decode()
        state = parse(message)
        if state is None:
            cleared.add(identity)
        elif state is not False:
            cleared.discard(identity)
            yield identity, state  # type: ignore[misc]


def _rebuild(bootstrap: str, parse: Callable[[Message], State | bool | None]) -> Rate:
    """Read, parse, bulk_load; then forget the identities whose last record cleared them."""
    clock, cleared = Clock(), set[str]()
    index = CreditIndex.bulk_load(pairs_of(messages(bootstrap), parse, cleared))
    for identity in cleared:
        index.remove(identity)
    return clock.rate(len(index))


def by_catch_up(bootstrap: str) -> Rate:
    """What a partner's mirror runs at its start (`ListMirror.catch_up_kafka`): one
    process per partition reads leanly with the contract's acceptance, then the parts are
    united. The CPU time is this process's and what the reading processes report (they
    are the fork server's children, not this process's)."""
    clock, mirror = Clock(), ListMirror()
    try:
        caught = mirror.catch_up_kafka(bootstrap, TOPIC, timeout=3600)
        return clock.rate(len(mirror), caught.cpu_seconds)
    finally:
        mirror.close()


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
          f"{DEFAULT_PARTITIONS} partitions; load average {_load()}", flush=True)
    recreate(bootstrap)
    show("produce (rendering included)", produce(bootstrap, identities, states), "records/s")
    baseline = _median([raw(bootstrap) for _ in range(runs)])
    show("raw consumer baseline (no parsing)", baseline.wall, "records/s")
    _show_cpu(show, baseline, None)
    measures: list[tuple[str, Callable[[], Rate]]] = [
        (f"read + {name} + bulk_load", lambda parse=parse: _rebuild(bootstrap, parse))
        for name, parse in (("contract parse", by_contract), ("lean contract parse", by_lean),
                            ("json.loads", by_json), ("orjson, no headers", by_fields))]
    measures.append((f"the mirror's catch-up, {processes_for(DEFAULT_PARTITIONS)} processes",
                     lambda: by_catch_up(bootstrap)))
    for name, measure in measures:
        figure = _median([measure() for _ in range(runs)])
        show(f"rebuild: {name}", figure.wall, "entries/s", baseline.wall, "raw",
             met(figure.wall, goal))
        _show_cpu(show, figure, baseline)
        print(f"  {'':<44} 10,000,000 entries at this rate: {1e7 / figure.wall:,.0f} s "
              f"(at the CPU rate, one core to itself: {1e7 / figure.cpu:,.0f} s); "
              f"load average {_load()}", flush=True)


def _median(rates: list[Rate]) -> Rate:
    return Rate(statistics.median(r.wall for r in rates), statistics.median(r.cpu for r in rates))


def _show_cpu(show: Callable[..., None], figure: Rate, baseline: Rate | None) -> None:
    show("  per CPU second (process + children)", figure.cpu, "/CPU-s",
         baseline.cpu if baseline else None, "raw")


def _load() -> str:
    return " ".join(f"{figure:.1f}" for figure in os.getloadavg())
