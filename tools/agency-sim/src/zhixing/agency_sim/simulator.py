"""The simulator's loop: receive requests, hold them for their latency, send the answers.

One thread does everything: `Simulator(channel, behaviour).run(stop)` returns when
`stop` is set, after `duration` seconds, or once idle (nothing new received, nothing
waiting, nothing sent) for `idle_exit` seconds. Tests run it in a thread and read `stats`. Output is
counts only: no request content, identity number or account ever reaches it (R60).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from zhixing.agency_sim.channel import Channel, ChannelUnavailable, Received, Reply
from zhixing.agency_sim.clock import Clock
from zhixing.agency_sim.responder import Behaviour, Responder, Verdict

_log = logging.getLogger(__name__)
MAX_WAIT = 0.2
"""Longest a receive may block: bounds how late a stop or a due answer is noticed."""


@dataclass
class Stats:
    """Counts of one run. Written only by the simulator's thread; safe to read anywhere."""

    seen: int = 0
    """Distinct (request, attempt) pairs received."""
    redelivered: int = 0
    """Received again at an attempt already seen (not answered again)."""
    ignored: int = 0
    """Seen but never to be answered: silent agency, agency not simulated, not a query."""
    answered: int = 0
    """Answers "found" or "nothing" delivered."""
    found: int = 0
    nothing: int = 0
    errored: int = 0
    """Answers "error" delivered (the service asks again with attempt + 1)."""
    unreadable: int = 0
    """Records that were not an AgencyRequest CloudEvent."""
    transport_failures: int = 0
    """Receives or sends that failed and were retried."""
    pending: int = 0
    """Answers waiting for their latency to pass."""
    elapsed: float = 0.0

    def line(self) -> str:
        """One line of counts (no personal data)."""
        return (f"{self.seen} seen, {self.answered} answered ({self.found} found, "
                f"{self.nothing} nothing), {self.errored} errored, {self.ignored} ignored, "
                f"{self.redelivered} redelivered, {self.unreadable} unreadable, "
                f"{self.pending} pending, {self.transport_failures} transport failures "
                f"in {self.elapsed:.1f} s")

    def count(self, verdict: Verdict) -> None:
        self.seen += verdict is not Verdict.REDELIVERED
        self.redelivered += verdict is Verdict.REDELIVERED
        self.ignored += verdict is Verdict.IGNORED

    def delivered(self, reply: Reply) -> None:
        outcome = reply.answer.outcome
        self.found += outcome == "found"
        self.nothing += outcome == "nothing"
        self.answered += outcome in ("found", "nothing")
        self.errored += outcome == "error"


class Simulator:
    """Simulated assisting agencies on one channel."""

    def __init__(self, channel: Channel, behaviour: Behaviour | None = None, *,
                 duration: float | None = None, idle_exit: float | None = None,
                 progress: TextIO | None = None, progress_every: float = 5.0,
                 clock: Clock | None = None, monotonic: Callable[[], float] = time.monotonic,
                 retry_delay: float = 1.0) -> None:
        self.stats = Stats()
        self.behaviour = behaviour or Behaviour()
        self._channel = channel
        self._responder = Responder(self.behaviour, clock=clock, monotonic=monotonic)
        self._duration, self._idle_exit = duration, idle_exit
        self._progress, self._progress_every = progress, progress_every
        self._monotonic = monotonic
        self._retry_delay = retry_delay
        self._started = self._last_activity = self._last_progress = 0.0

    def run(self, stop: threading.Event | None = None) -> Stats:
        """Answer until stopped, `duration` passed or idle for `idle_exit`; closes the
        channel. A `ChannelRefused` (bad token, unknown agency) ends the run by raising."""
        stop = stop or threading.Event()
        self._started = self._last_activity = self._last_progress = self._monotonic()
        try:
            while not stop.is_set() and not self._finished():
                self._step(stop)
        finally:
            self._refresh()
            self._channel.close()
        return self.stats

    def summary(self) -> str:
        return f"agency-sim: {self.stats.line()}"

    def _step(self, stop: threading.Event) -> None:
        try:
            received = self._channel.receive(self._wait_budget())
        except ChannelUnavailable as error:
            self.stats.transport_failures += 1
            _log.warning("agency-sim: receive failed, retrying: %s", error)
            stop.wait(self._retry_delay)
            received = Received()
        self._take(received)
        self._deliver(self._responder.release())
        self._refresh()
        self._report_progress()

    def _wait_budget(self) -> float:
        """Block no longer than until the next answer is due (or the run should end)."""
        budget = MAX_WAIT
        next_due = self._responder.seconds_to_next()
        if next_due is not None:
            budget = min(budget, next_due)
        if self._duration is not None:
            budget = min(budget, self._started + self._duration - self._monotonic())
        return max(0.0, budget)

    def _take(self, received: Received) -> None:
        self.stats.unreadable += received.unreadable
        for request in received.requests:
            verdict = self._responder.accept(request)
            self.stats.count(verdict)
            if verdict is not Verdict.REDELIVERED:
                self._last_activity = self._monotonic()

    def _deliver(self, replies: list[Reply]) -> None:
        if not replies:
            return
        unsent: list[Reply] = []
        try:
            self._channel.send(replies)
        except ChannelUnavailable as error:
            self.stats.transport_failures += 1
            _log.warning("agency-sim: %d answers not delivered, retrying: %s",
                         len(error.unsent), error)
            unsent = error.unsent
            self._responder.retry_later(unsent, self._retry_delay)
        held_back = {id(reply) for reply in unsent}
        for reply in replies:
            if id(reply) not in held_back:
                self.stats.delivered(reply)
        # A slow send is work, not idleness: idle time counts from its end.
        self._last_activity = self._monotonic()

    def _finished(self) -> bool:
        now = self._monotonic()
        if self._duration is not None and now - self._started >= self._duration:
            return True
        if self._idle_exit is None or self._responder.pending:
            return False  # answers still waiting are not idleness
        return now - self._last_activity >= self._idle_exit

    def _refresh(self) -> None:
        self.stats.pending = self._responder.pending
        self.stats.elapsed = self._monotonic() - self._started

    def _report_progress(self) -> None:
        now = self._monotonic()
        if self._progress is None or now - self._last_progress < self._progress_every:
            return
        self._last_progress = now
        print(self.summary(), file=self._progress, flush=True)
