"""The Kafka source's batch fetch hands over a lone record at once and still batches a
burst (issue 19): wait for the first record, then take without waiting what is there."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from zhixing.messaging.kafka import BATCH, eager_batches


@dataclass
class Fetched:
    """librdkafka's local queue as FastStream's consumer wrapper sees it."""

    queued: list[str]
    waits: list[tuple[str, float]] = field(default_factory=list)

    async def getone(self, timeout: float = 0.1) -> str | None:
        self.waits.append(("getone", timeout))
        return self.queued.pop(0) if self.queued else None

    async def getmany(self, timeout: float = 0.1, max_records: int | None = 10) -> tuple[str, ...]:
        self.waits.append(("getmany", timeout))
        taken, self.queued = self.queued[:max_records], self.queued[max_records:]
        return tuple(taken)


@dataclass
class Subscriber:
    consumer: Fetched
    polling_interval: float = 0.1


def fetch(queued: list[str]) -> tuple[tuple[str, ...] | None, Fetched]:
    subscriber = Subscriber(Fetched(queued))
    eager_batches(subscriber)
    return asyncio.run(subscriber.get_msg()), subscriber.consumer  # type: ignore[attr-defined]


def test_a_lone_record_is_handed_over_without_waiting_for_company_when_one_arrives() -> None:
    batch, consumer = fetch(["a"])
    assert batch == ("a",)
    assert [wait for name, wait in consumer.waits if name == "getmany"] == [0]


def test_a_burst_comes_as_one_batch_of_at_most_batch_when_many_are_queued() -> None:
    batch, consumer = fetch([str(n) for n in range(BATCH + 7)])
    assert batch is not None and len(batch) == BATCH
    assert batch[:3] == ("0", "1", "2") and len(consumer.queued) == 7


def test_nothing_is_handed_over_when_no_record_came_within_the_polling_interval() -> None:
    batch, consumer = fetch([])
    assert batch is None
    assert consumer.waits == [("getone", 0.1)]
