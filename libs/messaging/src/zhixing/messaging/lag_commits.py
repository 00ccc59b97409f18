"""A consumer's offsets committed to Kafka for lag dashboards (issue 19).

Positions live in the consumer's own store, so correctness never depends on these
commits: they only let `kafka-consumer-groups` and lag exporters see how far each group
is. A commit is started, never waited for (on the client's one thread it queues behind
the fetch in flight, and waiting for it held every next batch back: ~30 ms at 40
events/s). Now that a lone event is a batch of its own, committing per batch meant a
broker round trip and a `__consumer_offsets` write per event per group; so at most one
commit is in flight and one starts at most every `every` seconds, the last always for
the newest batch processed — a dashboard is at most that much behind.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from contextlib import suppress
from typing import Any, Protocol

log = logging.getLogger("zhixing.messaging.faststream")

EVERY = 0.5
"""Seconds between two commits of one consumer, at the most."""


class Acknowledgeable(Protocol):
    async def ack(self) -> None: ...


Submit = Callable[[Coroutine[Any, Any, None]], "Future[None]"]


class LagCommits:
    """Commits for one consumer, started from its thread, run on the broker's loop."""

    def __init__(self, submit: Submit, every: float = EVERY) -> None:
        self._submit = submit
        self._every = every
        self._lock = threading.Lock()  # the consumer's thread vs the broker's loop
        self._newest: Acknowledgeable | None = None
        self._running: Future[None] | None = None

    def processed(self, handle: Acknowledgeable) -> None:
        """A batch is processed: commit up to it, now or after the commit in flight."""
        with self._lock:
            self._newest = handle
            if self._running is not None:
                return  # the one running commits it next
            self._running = running = self._submit(self._commit_until_newest())
        running.add_done_callback(self._finished)

    def close(self, timeout: float = 10.0) -> None:
        """Wait for the commit in flight (it includes the newest batch)."""
        with self._lock:
            running, self._every = self._running, 0.0
        if running is not None:
            with suppress(Exception):  # noted by `_finished`; nothing to redo
                running.result(timeout)

    async def _commit_until_newest(self) -> None:
        while True:
            with self._lock:
                handle, self._newest = self._newest, None
            if handle is None:
                return
            await handle.ack()
            await asyncio.sleep(self._every)

    def _finished(self, commit: Future[None]) -> None:
        failed = commit.cancelled() or commit.exception() is not None
        with self._lock:
            self._running = None
            # A batch processed after the loop's last look is committed now; after a
            # failure, by the next batch's commit (a broker away is not hammered).
            handle = None if failed else self._newest
            if handle is not None:
                self._newest = None
        if not commit.cancelled() and commit.exception() is not None:
            log.warning("committing the group's offsets failed (%s)",
                        type(commit.exception()).__name__)
        if handle is not None:
            self.processed(handle)
