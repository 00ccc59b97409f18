"""How a background loop paces itself (DESIGN §9): at rest it costs next to nothing, and
a store that fails for a while never stops the process.

- `Backoff` — a bounded exponential wait: first, first×2, … up to `cap`; `reset()`
  after a success.
- `Wakeup` — a process-wide "something was appended" signal. A follower that found
  nothing waits on it for its idle backoff, so local appends reach it at once and an
  idle suite polls a few times a minute instead of twenty times a second.
- `Faults` — which loops are failing on their store right now, for `/readyz`.
- `follow()` — the loop every follower and job runs: step, idle-wait when there was
  nothing to do, back off and retry on a transient error — of the store, or the broker
  not answering in time (`Unavailable`) — (counted in `zhixing_store_errors_total`,
  shown on `/readyz`), stop on any other error.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from zhixing.eventstore.sql import is_transient
from zhixing.observability.metrics import STORE_ERRORS

log = logging.getLogger(__name__)


class Unavailable(Exception):
    """A dependency other than the store — the broker — did not answer in time. Like a
    transient store error it is retried after a backoff: a broker restarting or paused
    for a minute must not stop the relay (found by the chaos run, issue 13)."""


def transient(error: BaseException) -> bool:
    """Worth trying again after a backoff: the store or the broker briefly away."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, Unavailable):
            return True
        seen = seen.__cause__ or seen.__context__
    return is_transient(error)


@dataclass
class Backoff:
    """first, first×factor, … never more than `cap` seconds."""

    first: float
    cap: float
    factor: float = 2.0
    _next: float = field(default=0.0, init=False)

    def next(self) -> float:
        """The wait to take now; the one after it is longer, up to `cap`."""
        wait = self._next or self.first
        self._next = min(wait * self.factor, self.cap)
        return min(wait, self.cap)

    def reset(self) -> None:
        self._next = 0.0

    @property
    def engaged(self) -> bool:
        """Waited at least once since the last reset."""
        return self._next != 0.0


class Wakeup:
    """A generation counter that waiters can block on until it moves."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._generation = 0

    @property
    def generation(self) -> int:
        return self._generation

    def notify(self) -> None:
        """Something new was appended (or the process stops): wake every waiter."""
        with self._changed:
            self._generation += 1
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> None:
        """Until the generation is no longer `seen`, or `timeout` seconds: a notice given
        since the caller read `seen` is never lost."""
        with self._changed:
            self._changed.wait_for(lambda: self._generation != seen, timeout)


class Faults:
    """Loops failing on their store (or broker) now, by name, with when the failures began."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._since: dict[str, float] = {}
        self._what: dict[str, str] = {}
        self._lock = threading.Lock()
        self._clock = clock

    def failing(self, name: str, what: str = "store") -> None:
        """Loop `name` fails on `what` ("store" or "broker") from now on, unless it
        already was."""
        with self._lock:
            self._since.setdefault(name, self._clock())
            self._what[name] = what

    def recovered(self, name: str) -> None:
        with self._lock:
            self._since.pop(name, None)
            self._what.pop(name, None)

    def problems(self) -> list[str]:
        """One line per failing loop; never the error's text (it may quote a payload)."""
        now = self._clock()
        with self._lock:
            return [f"{name}: its {self._what.get(name, 'store')} is failing, retrying with "
                    f"backoff for {now - since:.0f} s" for name, since in sorted(self._since.items())]


@dataclass
class Pacing:
    """What `follow()` needs besides the step: how to idle and how to back off.

    `wakeup` None: idle waits on `stop` alone (tests, and loops nothing local feeds)."""

    idle: Backoff = field(default_factory=lambda: Backoff(0.05, 2.0))
    retry: Backoff = field(default_factory=lambda: Backoff(0.2, 30.0))
    wakeup: Wakeup | None = None
    faults: Faults = field(default_factory=Faults)
    waits: bool = False
    """The step blocks by itself while there is nothing (a Kafka poll): no idle wait."""


def follow(name: str, step: Callable[[], int], stop: threading.Event, pacing: Pacing) -> None:
    """Run `step` until `stop` is set. `step()` returns how much it did; 0 idles."""
    while not stop.is_set():
        seen = pacing.wakeup.generation if pacing.wakeup is not None else 0
        try:
            done = step()
        except Exception as error:
            if not transient(error):
                raise  # a defect, not the store: stop the process (the runner's rule)
            stop.wait(store_failed(name, error, pacing))
            continue
        store_answered(name, pacing)
        if done:
            pacing.idle.reset()
        elif not pacing.waits:
            _idle(stop, pacing, seen)


def store_failed(name: str, error: BaseException, pacing: Pacing) -> float:
    """Count a transient store error of loop `name`, show it on `/readyz`; returns how
    long to wait before trying again."""
    wait = pacing.retry.next()
    STORE_ERRORS.labels(name).inc()
    what = "store" if is_transient(error) else "broker"  # else: `Unavailable`
    pacing.faults.failing(name, what)
    # The error's type only: its text may quote the statement's parameters (R60).
    log.warning("%s failed (%s); retrying in %.1f s", what, type(error).__name__, wait,
                extra={"loop": name})
    return wait


def store_answered(name: str, pacing: Pacing) -> None:
    """The loop's store answered: forget its failure, if it had one."""
    if pacing.retry.engaged:
        log.warning("store answers again; resuming", extra={"loop": name})
        pacing.faults.recovered(name)
        pacing.retry.reset()


def _idle(stop: threading.Event, pacing: Pacing, seen: int) -> None:
    wait = pacing.idle.next()
    if pacing.wakeup is None:
        stop.wait(wait)
    else:
        pacing.wakeup.wait(seen, wait)
