"""The Kafka source's commit for lag dashboards is started, not waited for (issue 19): the
consumer's loop goes on to its next batch while the commit queues behind the fetch in
flight; a failed commit is logged, and closing waits for the last one. Batches that come
fast share commits, the last for the newest batch."""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import Future
from typing import Any

import pytest

from zhixing.messaging.kafka import KafkaEventSource
from zhixing.messaging.lag_commits import LagCommits
from zhixing.messaging.sources import Delivery


class Handle:
    async def ack(self) -> None:
        return None


class Loop:
    """A broker loop whose commits never finish by themselves (a fetch is in flight)."""

    def __init__(self) -> None:
        self.commits: list[Future[None]] = []
        self.stopped = False

    def submit(self, work: Any) -> Future[None]:
        work.close()
        self.commits.append(Future())
        return self.commits[-1]

    def run(self, work: Any, timeout: float = 60) -> None:
        self.submit(work).result(0.2)  # waiting for it: TimeoutError

    def stop(self) -> None:
        self.stopped = True


def source_on(loop: Loop) -> KafkaEventSource:
    source = KafkaEventSource("127.0.0.1:1", "cases.v1", "publicity.case-progress")
    source._loop = loop  # type: ignore[assignment]
    return source


def deliveries() -> list[Delivery]:
    return [Delivery("cases.v1/0", 7, None, handle=Handle())]


def test_the_loop_goes_on_when_the_commit_is_still_queued() -> None:
    loop = Loop()
    source = source_on(loop)
    source.processed(deliveries())
    assert len(loop.commits) == 1 and not loop.commits[0].done()


def test_a_failed_commit_is_logged_by_type_when_it_fails(caplog: pytest.LogCaptureFixture) -> None:
    loop = Loop()
    source = source_on(loop)
    source.processed(deliveries())
    with caplog.at_level(logging.WARNING, logger="zhixing.messaging.faststream"):
        loop.commits[0].set_exception(RuntimeError("broker said no"))
    assert "committing the group's offsets failed (RuntimeError)" in caplog.text
    assert "broker said no" not in caplog.text
    source.close()
    assert loop.stopped


class Counted:
    """A batch's handle whose commit takes a moment, as a broker round trip does."""

    def __init__(self, number: int, acked: list[int]) -> None:
        self.number, self.acked = number, acked

    async def ack(self) -> None:
        await asyncio.sleep(0.01)
        self.acked.append(self.number)


def test_commits_are_few_and_the_last_is_the_newest_batch_when_batches_come_fast() -> None:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    acked: list[int] = []
    commits = LagCommits(lambda work: asyncio.run_coroutine_threadsafe(work, loop),
                         every=0.05)
    try:
        for number in range(200):  # 200 one-event batches in far less than 0.05 s each
            commits.processed(Counted(number, acked))
        commits.close()
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
    assert (len(acked) <= 3, acked[-1]) == (True, 199), acked


class Awaited:
    """A handle that says when its commit is done."""

    def __init__(self) -> None:
        self.done = threading.Event()

    async def ack(self) -> None:
        self.done.set()


def test_a_batch_processed_while_a_commit_runs_is_committed_without_another_batch() -> None:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    commits = LagCommits(lambda work: asyncio.run_coroutine_threadsafe(work, loop),
                         every=0.2)
    first, second = Awaited(), Awaited()
    try:
        commits.processed(first)
        first_done = first.done.wait(5)
        commits.processed(second)  # the first commit's pause is still running
        second_done = second.done.wait(5)  # the suite then goes quiet: no close, no batch
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
    assert (first_done, second_done) == (True, True)
