"""The Kafka source's commit for lag dashboards is started, not waited for (issue 19): the
consumer's loop goes on to its next batch while the commit queues behind the fetch in
flight; a failed commit is logged, and closing waits for the last one."""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any

import pytest

from zhixing.messaging.kafka import KafkaEventSource
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
