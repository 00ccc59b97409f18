"""How a simulated agency behaves: which requests it answers, when, and how.

No I/O here. A request accepted now is answered after a drawn latency; the due answers
wait in one heap, so ten thousand requests in flight cost ten thousand heap entries,
not ten thousand sleeping threads. Every draw (latency, error) is a hash of the seed,
the request id and the attempt: a redelivered request meets the same fate, a retry
(attempt + 1) draws afresh.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from zhixing.agency_sim.channel import Reply
from zhixing.agency_sim.clock import Clock, SystemClock, china_tz
from zhixing.agency_sim.data import holdings_for
from zhixing.agency_sim.draws import unit_draw
from zhixing.agency_sim.vocabulary import ERRORS
from zhixing.contracts.events.assets.v1 import AgencyAnswered, AgencyRequest

MAX_LATENCY_MS = 3_600_000
"""An hour: an agency that should never answer is `silent`, not slow."""


@dataclass(frozen=True)
class Behaviour:
    """The knobs of a run: how slow, how flaky, who never answers, who is simulated."""

    latency_ms: tuple[int, int] = (50, 500)
    error_rate: float = 0.05
    silent: frozenset[str] = frozenset()
    """Agency ids that never answer (their requests go overdue)."""
    agencies: frozenset[str] = frozenset()
    """Only these agencies are simulated; empty: every agency a request addresses."""
    seed: int = 0

    def __post_init__(self) -> None:
        low, high = self.latency_ms
        if not 0 <= low <= high <= MAX_LATENCY_MS:
            raise ValueError(f"latency_ms: expected 0 <= MIN <= MAX <= {MAX_LATENCY_MS} "
                             "milliseconds")
        if not 0.0 <= self.error_rate <= 1.0:
            raise ValueError("error_rate: expected a fraction between 0 and 1")

    def answers(self, request: AgencyRequest) -> bool:
        """Only queries are simulated; the other actions of the contract are reserved."""
        simulated = not self.agencies or request.agency_id in self.agencies
        return simulated and request.agency_id not in self.silent and request.action == "query"

    def latency_seconds(self, request: AgencyRequest) -> float:
        low, high = self.latency_ms
        draw = unit_draw(self.seed, "latency", request.request_id, str(request.attempt))
        return (low + (high - low) * draw) / 1000

    def fails(self, request: AgencyRequest) -> bool:
        return unit_draw(self.seed, "error", request.request_id, str(request.attempt)) < self.error_rate


def answer_to(request: AgencyRequest, behaviour: Behaviour, at: datetime) -> AgencyAnswered:
    """The agency's answer: an error now and then, else what it holds for the debtor."""
    common = {"request_id": request.request_id, "agency_id": request.agency_id,
              "answered_at": at.astimezone(china_tz()).isoformat(timespec="milliseconds"),
              "attempt": request.attempt}
    if behaviour.fails(request):
        draw = unit_draw(behaviour.seed, "reason", request.request_id, str(request.attempt))
        return AgencyAnswered(**common, outcome="error", error=ERRORS[int(draw * len(ERRORS))])
    holdings = holdings_for(request.agency_id, request.agency_kind,
                            request.debtor_identity_number, behaviour.seed)
    return AgencyAnswered(**common, outcome="found" if holdings else "nothing", holdings=holdings)


class DueAnswers:
    """Requests waiting for their answer time, earliest first (ties: first come)."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, AgencyRequest]] = []
        self._order = itertools.count()

    def push(self, due: float, request: AgencyRequest) -> None:
        heapq.heappush(self._heap, (due, next(self._order), request))

    def pop_due(self, now: float) -> list[AgencyRequest]:
        due = []
        while self._heap and self._heap[0][0] <= now:
            due.append(heapq.heappop(self._heap)[2])
        return due

    def next_due(self) -> float | None:
        return self._heap[0][0] if self._heap else None

    def __len__(self) -> int:
        return len(self._heap)


class Verdict(StrEnum):
    """What became of a received request."""

    SCHEDULED = "scheduled"
    REDELIVERED = "redelivered"
    """Seen before at this attempt (or a later one): answered once only."""
    IGNORED = "ignored"
    """Silent agency, an agency not simulated here, or an action other than "query"."""


class Responder:
    """Takes requests, hands back the answers that are due."""

    def __init__(self, behaviour: Behaviour, *, clock: Clock | None = None,
                 monotonic: Callable[[], float] = time.monotonic, remember: int = 500_000) -> None:
        self.behaviour = behaviour
        self._clock = clock or SystemClock()
        self._monotonic = monotonic
        self._due = DueAnswers()
        self._attempts: dict[str, int] = {}
        self._remember = remember

    def accept(self, request: AgencyRequest) -> Verdict:
        if self._attempts.get(request.request_id, 0) >= request.attempt:
            return Verdict.REDELIVERED
        self._note_attempt(request)
        if not self.behaviour.answers(request):
            return Verdict.IGNORED
        self._due.push(self._monotonic() + self.behaviour.latency_seconds(request), request)
        return Verdict.SCHEDULED

    def _note_attempt(self, request: AgencyRequest) -> None:
        self._attempts[request.request_id] = request.attempt
        # Bounded memory in a long benchmark: forget the oldest requests first; one
        # redelivered that late is answered again, which the service dedupes anyway.
        if len(self._attempts) > self._remember:
            del self._attempts[next(iter(self._attempts))]

    def release(self) -> list[Reply]:
        """The answers due by now."""
        requests = self._due.pop_due(self._monotonic())
        if not requests:
            return []
        at = self._clock.now()
        return [Reply(r, answer_to(r, self.behaviour, at)) for r in requests]

    def retry_later(self, replies: Iterable[Reply], delay: float) -> None:
        """Answers the transport could not deliver go back in line."""
        due = self._monotonic() + delay
        for reply in replies:
            self._due.push(due, reply.request)

    def seconds_to_next(self) -> float | None:
        due = self._due.next_due()
        return None if due is None else max(0.0, due - self._monotonic())

    @property
    def pending(self) -> int:
        return len(self._due)
