"""`ListMirror`: a partner's local copy of the dishonest-debtor list (R42).

Fed from the compacted Kafka topic `zhixing.credit.list.v1`, or from
`CreditCheckService.Follow` where the partner has no Kafka access; answers `check` from
memory, so an approval system can compare every applicant without a network call
(自动比对).

On Kafka the mirror assigns itself every partition and reads each from the beginning on
every start: it keeps the list in memory only, so it must see the whole list again, and
compaction keeps exactly that — the latest record of every identity. It tracks its own
offsets (no consumer group, no commits: another mirror never takes partitions away from
it) and is caught up once it has reached the high watermarks that existed when it
started. An empty mirror reads that much fastest with `catch_up_kafka`: one process per
partition (catch_up.py), then it follows on record by record.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from typing import Any, cast

import grpc
from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, KafkaException, Message, TopicPartition

from examples.partner_mirror.catch_up import CaughtUp, catch_up, consumer_of
from examples.partner_mirror.lean import lean_change
from examples.partner_mirror.records import Change, apply, change_from_follow
from zhixing.contracts.pb.credit.v1 import check_pb2, check_pb2_grpc
from zhixing.credit.index import CreditIndex, State
from zhixing.kernel.errors import InvalidInput

log = logging.getLogger(__name__)

BATCH = 1000
"""Records taken from the consumer at once, and applied under one lock."""


class ListMirror:
    """identity → State, kept up to date from the list's feed."""

    def __init__(self, index: CreditIndex | None = None) -> None:
        self.index = index if index is not None else CreditIndex()
        self.position = 0
        """The last `Follow` position applied: `follow` resumes after it."""
        self.skipped = 0
        """Records that could not be read or applied (logged by partition and offset)."""
        self._lock = threading.Lock()  # CreditIndex is not thread-safe: feed vs checks
        self._consumer: Consumer | None = None
        self._topic = ""
        self._next: dict[int, int] = {}
        """partition → next offset to read (our own tracking)."""
        self._targets: dict[int, int] = {}
        """partition → its high watermark when the mirror started: caught up there."""
        self._call: Any = None
        self._followed_to_start = False
        """Follow sent its caught-up mark: the list as of the stream's start is here."""

    # -- the partner's question -------------------------------------------------------

    def check(self, identity: str) -> State | None:
        """The identity's state now; None when nothing is in force against it."""
        with self._lock:
            return self.index.get(identity)

    def check_many(self, identities: Iterable[str]) -> list[State | None]:
        """Many at once, in order (the local counterpart of BatchCheck)."""
        with self._lock:
            return self.index.check_many(identities)

    def __len__(self) -> int:
        with self._lock:
            return len(self.index)

    # -- from Kafka ------------------------------------------------------------------

    def connect_kafka(self, bootstrap: str, topic: str, config: dict[str, Any] | None = None,
                      timeout: float = 30.0) -> None:
        """Assign every partition of the topic, from the beginning (or from where this
        mirror got to, on a reconnect), and note the high watermarks to catch up to."""
        consumer = consumer_of(bootstrap, config)
        partitions = _partitions(consumer, topic, timeout)
        self._targets = {p: _high_watermark(consumer, topic, p, timeout) for p in partitions}
        consumer.assign([TopicPartition(topic, p, self._next.get(p, OFFSET_BEGINNING))
                         for p in partitions])
        self._consumer, self._topic = consumer, topic

    def catch_up_kafka(self, bootstrap: str, topic: str, config: dict[str, Any] | None = None,
                       timeout: float = 120.0, processes: int | None = None) -> CaughtUp:
        """Read the whole list as of now one process per partition (catch_up.py: ten
        million entries in under two minutes, issue 19), then `connect_kafka` from where
        they stopped; `poll` brings in what came since. For a mirror that holds nothing."""
        if self._consumer is not None or self._next or len(self.index):
            raise RuntimeError("catch_up_kafka() starts an empty mirror; poll() to go on")
        probe = consumer_of(bootstrap, config)
        try:
            partitions = _partitions(probe, topic, min(timeout, 30.0))
            targets = {p: _high_watermark(probe, topic, p, timeout) for p in partitions}
        finally:
            probe.close()  # before the processes start: they inherit nothing of it
        caught = catch_up(bootstrap, topic, targets, config, timeout, processes)
        with self._lock:
            self.index = caught.index
            self.skipped += caught.skipped
        self._next = dict(caught.next_offsets)
        self.connect_kafka(bootstrap, topic, config, min(timeout, 30.0))
        return caught

    def caught_up(self) -> bool:
        """The whole list as of the start is in the index: on Kafka, every partition read
        up to the high watermark it had then; on Follow, its caught-up mark arrived."""
        if self._consumer is None:
            return self._followed_to_start
        return all(self._next.get(p, 0) >= high for p, high in self._targets.items())

    def poll(self, timeout: float = 1.0) -> int:
        """Read and apply what the broker has (waiting up to `timeout` for the first
        record); returns how many records were applied."""
        if self._consumer is None:
            raise RuntimeError("connect_kafka() first")
        messages = self._consumer.consume(BATCH, timeout)
        applied = 0
        with self._lock:
            for message in messages:
                applied += self._take(message)
        return applied

    def run(self, stop: threading.Event, timeout: float = 0.5) -> None:
        """Keep following until `stop` is set."""
        while not stop.is_set():
            self.poll(timeout)

    def _take(self, message: Message) -> int:
        partition, offset = message.partition() or 0, message.offset() or 0
        error = message.error()
        if error is not None:
            if error.code() == KafkaError._PARTITION_EOF:
                self._next[partition] = max(self._next.get(partition, 0), offset)
            elif error.fatal():
                raise KafkaException(error)
            else:  # librdkafka retries on its own: say so and go on
                log.warning("kafka: %s", error.str())
            return 0
        self._next[partition] = offset + 1
        try:
            # The contract's acceptance, read lean (lean.py): 3-4× faster on a rebuild.
            change = lean_change(message.key(), message.value(), _headers(message))
            if change is not None:
                apply(self.index, change)
                return 1
        except (ValueError, InvalidInput) as problem:  # a bad record must not stop the feed
            self._skip(f"{self._topic}/{partition}@{offset}", problem)
        return 0

    # -- from gRPC Follow ----------------------------------------------------------------

    def follow(self, channel: grpc.Channel, metadata: tuple[tuple[str, str], ...] = (),
               timeout: float | None = None, until_caught_up: bool = False) -> None:
        """Apply `Follow`'s stream after the last position applied, until the stream ends,
        `timeout` seconds pass (DEADLINE_EXCEEDED), `close()` cancels it or — with
        `until_caught_up` — the caught-up mark arrives; call again to resume."""
        stub = check_pb2_grpc.CreditCheckServiceStub(channel)
        self._call = stub.Follow(check_pb2.FollowRequest(after=self.position),
                                 metadata=metadata, timeout=timeout)
        for response in self._call:
            self.take_follow(response)
            if until_caught_up and response.caught_up:
                self._call.cancel()
                return

    def take_follow(self, response: check_pb2.FollowResponse) -> None:
        """Apply one message of the Follow stream and remember its position."""
        if response.caught_up:
            self._followed_to_start = True
            return
        try:
            change = change_from_follow(response)
            with self._lock:
                apply(self.index, change)
        except (ValueError, InvalidInput) as problem:
            self._skip(f"Follow@{response.position}", problem)
        self.position = response.position

    def apply(self, change: Change) -> None:
        """Apply one change from any feed (tests, other transports)."""
        with self._lock:
            apply(self.index, change)

    def close(self) -> None:
        if self._call is not None:
            self._call.cancel()
        if self._consumer is not None:
            self._consumer.close()
            self._consumer = None

    def _skip(self, where: str, problem: Exception) -> None:
        # Where, never which identity: the list is personal data.
        self.skipped += 1
        log.warning("skipped %s: %s", where, type(problem).__name__)


def _partitions(consumer: Consumer, topic: str, timeout: float) -> list[int]:
    """The topic's partitions. A topic created a moment ago (by the credit relay, say,
    as the mirror starts) may not be in the broker's metadata yet, or have no leader:
    ask again until `timeout`, then say it is not there."""
    deadline = time.monotonic() + timeout
    while True:
        metadata = consumer.list_topics(
            topic, timeout=max(deadline - time.monotonic(), 1.0)).topics.get(topic)
        if metadata is not None and metadata.error is None and metadata.partitions:
            return sorted(metadata.partitions)
        if time.monotonic() > deadline:
            raise LookupError(f"topic {topic} not found on the broker: check --bootstrap "
                              "and --namespace")
        time.sleep(0.2)  # the broker's metadata catches up on its own; nothing to wait on


def _high_watermark(consumer: Consumer, topic: str, partition: int, timeout: float) -> int:
    """The partition's high watermark; a topic just created may have no leader for a
    moment (NOT_LEADER_FOR_PARTITION): ask again until `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return int(consumer.get_watermark_offsets(TopicPartition(topic, partition),
                                                      timeout=timeout)[1])
        except KafkaException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)  # a leader election takes a moment; nothing to wait on


def _headers(message: Message) -> list[tuple[str, bytes]]:
    raw = message.headers() or []
    if isinstance(raw, list) and all(type(v) is bytes for _, v in raw):
        return cast(list[tuple[str, bytes]], raw)  # as handed over: no copy on a rebuild
    pairs = raw.items() if isinstance(raw, dict) else raw
    return [(name, value.encode() if isinstance(value, str) else value or b"")
            for name, value in pairs]
