"""One computation for concurrent identical reads (issue 16): the command centre's region
page asks for a region court by court and month by month at once (two GetKpis), and both
sum the same records of the same scope and period. While a sum is being computed, a
second caller asking for the same key waits for it and takes its result instead of
computing it again; nothing is kept once it is done (no cache: a call that starts after
another has finished computes afresh).

The joined caller's answer is as fresh as a read that started a moment earlier — the
read model is already a projection, updated after the events it follows."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

T = TypeVar("T")


class SingleFlight(Generic[T]):
    """Runs `compute` once per key among the callers that overlap."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._running: dict[Hashable, Future[T]] = {}
        self.joined = 0
        """How many callers took another's result (for tests and metrics)."""

    def run(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`'s result, or that of the identical computation under way."""
        with self._lock:
            running = self._running.get(key)
            if running is None:
                mine: Future[T] = Future()
                self._running[key] = mine
            else:
                self.joined += 1
                self._lock.notify_all()
        if running is not None:
            return running.result()
        try:
            result = compute()
        except BaseException as error:
            mine.set_exception(error)
            raise
        else:
            mine.set_result(result)
            return result
        finally:
            with self._lock:
                del self._running[key]

    def wait_joined(self, count: int, timeout: float) -> bool:
        """Whether `count` callers have joined within `timeout` seconds (tests)."""
        with self._lock:
            return self._lock.wait_for(lambda: self.joined >= count, timeout)
