"""The event-source port and its two adapters (DESIGN §6).

Policies and projections never know which one feeds them: both deliver `Delivery`
objects with a stream name and a position, resume from the consumer's own tracked
position, and park messages that cannot be processed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from zhixing.contracts.envelope import CloudEvent, MalformedEvent
from zhixing.messaging.outbox import OutboxEntry

ResumePoint = Callable[[str], "int | None"]


@dataclass(frozen=True)
class Delivery:
    """One received message: its place in a stream and the parsed event (or why not)."""

    stream: str
    position: int
    event: CloudEvent | None
    malformed: str = ""
    raw: tuple[bytes | None, list[tuple[str, bytes]]] = field(default=(None, []), repr=False)
    handle: Any = field(default=None, repr=False, compare=False)
    """The transport's own message object, for acknowledgements."""


class EventSource(Protocol):
    name: str
    waits: bool
    """`poll(timeout)` blocks until something arrives (a Kafka poll). False: it waits
    at most a moment, so a consumer's loop polls it with no timeout and idles itself
    between empty polls (`pacing`): on the process's `Wakeup`, with a growing backoff."""

    def start(self, resume: ResumePoint) -> None:
        """Begin delivering after the positions `resume(stream)` returns."""

    def poll(self, timeout: float) -> list[Delivery]: ...

    def dead_letter(self, delivery: Delivery, error: str, consumer: str) -> bool:
        """Park a message outside the stream; False if the consumer must park it itself."""

    def processed(self, deliveries: list[Delivery]) -> None:
        """Hint that deliveries are durably processed (e.g. a Kafka commit)."""

    def close(self) -> None: ...


class NotificationLog(Protocol):
    """What a notification-log source follows: a service's `Outbox`, or the injected
    events of a topic that has no publisher in this process (`InjectedEvents.log`)."""

    @property
    def stream(self) -> str:
        """The name tracking rows use for positions in this log."""

    @property
    def topic(self) -> str: ...

    def read(self, after: int, limit: int | None = None) -> list[OutboxEntry]:
        """Entries after position `after`, in commit order."""

    def head(self) -> int: ...


class _InProcess:
    """What in-process sources share: nothing to acknowledge, close or park outside
    (the consumer parks dead letters in its own store), and no long wait in `poll`."""

    waits = False

    def dead_letter(self, delivery: Delivery, error: str, consumer: str) -> bool:
        return False

    def processed(self, deliveries: list[Delivery]) -> None:
        return None

    def close(self) -> None:
        return None


class NotificationLogSource(_InProcess):
    """Embedded mode: follow another service's notification log in-process."""

    def __init__(self, outbox: NotificationLog, batch: int = 200) -> None:
        self.outbox = outbox
        self.name = outbox.stream
        self.batch = batch
        self._after = 0
        self._pause = threading.Event()

    def start(self, resume: ResumePoint) -> None:
        self._after = resume(self.outbox.stream) or 0

    def poll(self, timeout: float) -> list[Delivery]:
        entries = self.outbox.read(self._after, self.batch)
        if not entries:
            self._idle(timeout)
            return []
        self._after = entries[-1].position
        deliveries = [Delivery(self.outbox.stream, entry.position, event)
                      for entry in entries for event in entry.events]
        if not deliveries or deliveries[-1].position < self._after:
            # Notifications with no public event still move the tracked position.
            deliveries.append(Delivery(self.outbox.stream, self._after, None))
        return deliveries

    def _idle(self, timeout: float) -> None:
        # Nothing new: back off briefly before asking the log again.
        if timeout > 0:
            self._pause.wait(min(timeout, 0.05))


def parse_record(stream: str, offset: int, value: bytes | None,
                 headers: list[tuple[str, bytes]] | None, handle: Any = None) -> Delivery:
    """A Kafka record as a Delivery; a malformed one carries the reason instead."""
    raw = (value, list(headers or []))
    try:
        return Delivery(stream, offset, CloudEvent.from_kafka(value, headers), raw=raw,
                        handle=handle)
    except MalformedEvent as error:
        return Delivery(stream, offset, None, malformed=str(error), raw=raw, handle=handle)


class MergedSource(_InProcess):
    """Several notification logs as one source: a topic whose publisher runs in this
    process can still receive events injected from outside (`zhixing events publish`).
    Each log keeps its own stream name, so each keeps its own tracked position."""

    def __init__(self, sources: list[NotificationLogSource]) -> None:
        self.sources = sources
        self.name = " + ".join(source.name for source in sources)
        self._pause = threading.Event()
        self._turn = 0

    def start(self, resume: ResumePoint) -> None:
        for source in self.sources:
            source.start(resume)

    def poll(self, timeout: float) -> list[Delivery]:
        # Each poll starts with the next log in turn, so a busy one never starves another.
        for step in range(len(self.sources)):
            source = self.sources[(self._turn + step) % len(self.sources)]
            deliveries = source.poll(0)
            if deliveries:
                self._turn = (self._turn + step + 1) % len(self.sources)
                return deliveries
        self._pause.wait(min(timeout, 0.05))  # nothing new anywhere: back off briefly
        return []
