"""Catching up with the whole list at once: one process per partition (issue 19).

A mirror that starts reads the compacted topic from the beginning: ten million records,
each read through the contract's acceptance (`lean_change`): about three minutes on one
core. An identity's records all go to one partition (the key is the identity), so the
partitions can be read apart: each process reads one partition to the high watermark it
had when the mirror started, keeps the latest state of each identity (a tombstone drops
it), and builds its part of the index in one `bulk_load`; the parent unites the parts
(`CreditIndex.union`) and the mirror follows on from where each process stopped.

The processes come from a fork server (multiprocessing's "forkserver"), which has imported
this module, so they inherit no thread or client of the partner's application. Each
imports the partner's main module again (as with "spawn"): as with any use of
multiprocessing, the partner's script must start its work under
`if __name__ == "__main__":`.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, KafkaException, TopicPartition

from examples.partner_mirror.lean import usual_state
from examples.partner_mirror.records import change_from_record
from zhixing.credit.index import CreditIndex, State, canonical_identity, storable
from zhixing.kernel.errors import InvalidInput

log = logging.getLogger(__name__)

BATCH = 10_000
"""Records a process takes from its consumer at once."""
_GRACE = 60.0
"""Seconds the processes have past the deadline to build and send their parts."""


@dataclass(frozen=True)
class Part:
    """What one process found in its partition."""

    partition: int
    next_offset: int
    """Where the mirror follows on in this partition."""
    index: CreditIndex
    skipped: int
    """Records the contract or the index refused (logged by offset or by reason)."""
    cpu_seconds: float
    """CPU time the reading took, librdkafka's threads included."""


@dataclass(frozen=True)
class CaughtUp:
    """The whole list as of the start, and where to follow on."""

    index: CreditIndex
    next_offsets: dict[int, int]
    skipped: int
    cpu_seconds: float
    """CPU time of the reading processes (not of this one)."""


def processes_for(partitions: int) -> int:
    """One process per partition, at most two per core: with 3 partitions on 2 cores,
    3 processes share the cores evenly where 2 would leave one reading twice as much."""
    return max(1, min(partitions, 2 * (os.cpu_count() or 1)))


def catch_up(bootstrap: str, topic: str, targets: dict[int, int],
             config: dict[str, Any] | None = None, timeout: float = 120.0,
             processes: int | None = None) -> CaughtUp:
    """Read every partition of `targets` (partition → its high watermark at the start)
    from the beginning to that mark, in parallel, into one index. Raises TimeoutError if
    a partition is not read within `timeout` seconds."""
    count = processes or processes_for(len(targets))
    deadline = time.time() + timeout  # wall clock: the processes share it
    tasks = [(bootstrap, topic, partition, high, config or {}, deadline)
             for partition, high in targets.items()]
    if count == 1 or len(tasks) <= 1:
        parts = [read_partition(*task) for task in tasks]
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        # An executor, not a Pool: a process killed (out of memory, say) raises
        # BrokenProcessPool here instead of leaving its partition waited for forever.
        pool = ProcessPoolExecutor(min(count, len(tasks)), mp_context=context)
        try:
            parts = list(pool.map(read_partition, *zip(*tasks, strict=True),
                                  timeout=timeout + _GRACE))
        finally:  # on a failure, partitions not yet begun are not read at all
            pool.shutdown(cancel_futures=True)
    return CaughtUp(CreditIndex.union([part.index for part in parts]),
                    {part.partition: part.next_offset for part in parts},
                    sum(part.skipped for part in parts),
                    sum(part.cpu_seconds for part in parts))


def consumer_of(bootstrap: str, config: dict[str, Any] | None) -> Consumer:
    """A mirror's consumer: no group membership, no commits (it tracks its own offsets),
    and an event at the end of each partition."""
    return Consumer({"bootstrap.servers": bootstrap, "group.id": "partner-mirror",
                     "enable.auto.commit": False, "enable.partition.eof": True,
                     "auto.offset.reset": "earliest", **(config or {})})


def read_partition(bootstrap: str, topic: str, partition: int, high: int,
                   config: dict[str, Any], deadline: float) -> Part:
    """One partition from the beginning to `high` (run in a process of the pool)."""
    began = time.process_time()
    consumer = consumer_of(bootstrap, config)
    latest: dict[str, State] = {}
    refused: Counter[str] = Counter()  # the field the index refused ("identity",
    # "state.since"): never the identity, which is personal data
    with _without_cyclic_collection():
        try:
            consumer.assign([TopicPartition(topic, partition, OFFSET_BEGINNING)])
            next_offset, skipped = _read(consumer, f"{topic}/{partition}", high, deadline,
                                         latest)
        finally:
            consumer.close()
        index = CreditIndex.bulk_load(latest.items(), refused=lambda _, error: refused.update(
            [error.field.partition(".")[2]]))
    for field, times in refused.items():
        log.warning("skipped %d records of %s/%d: the index refused their %s", times,
                    topic, partition, field)
    return Part(partition, next_offset, index, skipped + refused.total(),
                time.process_time() - began)


def _read(consumer: Consumer, where: str, high: int, deadline: float,
          latest: dict[str, State]) -> tuple[int, int]:
    """Records up to offset `high` into `latest`; (the next offset, records skipped)."""
    next_offset = skipped = 0
    while next_offset < high:
        if time.time() > deadline:
            raise TimeoutError(f"{where} not read to offset {high} in time")
        for message in consumer.consume(BATCH, 0.5):
            error = message.error()
            if error is None:
                next_offset = (message.offset() or 0) + 1
                skipped += not _take(message, latest, where)
            elif error.code() == KafkaError._PARTITION_EOF:
                next_offset = max(next_offset, message.offset() or 0)
            elif error.fatal():
                raise KafkaException(error)
            else:  # librdkafka retries on its own: say so and go on
                log.warning("kafka: %s", error.str())
    return next_offset, skipped


@contextmanager
def _without_cyclic_collection() -> Iterator[None]:
    """Millions of records make millions of objects and no cycle among them (reference
    counting frees each); the cyclic collector would only walk the growing dict again and
    again: half the reading's time, and more of the load's. It runs again afterwards, if
    it ran before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _take(message: Any, latest: dict[str, State], where: str) -> bool:
    """Keep the record's state as the identity's latest; False if it was refused. The
    usual record is read in one step (`usual_state`); any other as `lean_change` reads it.
    Header values may be None (a null header): both read those as `from_kafka` does."""
    key, value, headers = message.key(), message.value(), message.headers()
    try:
        state = usual_state(key, value, headers)
        if state is not None:
            identity = key.decode()  # a key not UTF-8 raises, as the contract's
        else:
            change = change_from_record(key, value, headers)
            if change is None:
                return True  # a type this version does not know: passed over
            identity, state = change.identity, change.state
    except (ValueError, InvalidInput) as problem:  # a bad record must not stop the rebuild
        log.warning("skipped %s@%s: %s", where, message.offset(), type(problem).__name__)
        return False
    if _keep(latest, identity, state):
        return True
    log.warning("skipped %s@%s: the index refuses it", where, message.offset())
    return False


def _keep(latest: dict[str, State], identity: str, state: State | None) -> bool:
    """What `put` or `remove` would do to the index, done to `latest`: the identity in the
    index's form, and a record they would refuse leaves the latest state as it was (False).
    A wrong check character is left to `bulk_load`, which refuses the identity once, where
    `put` refuses each of its records."""
    canonical = canonical_identity(identity)
    if canonical is None:
        return False
    if state is None:
        latest.pop(canonical, None)
    elif storable(state):
        latest[canonical] = state
    else:
        return False
    return True
