"""The port between the simulator and a transport (Kafka topics or the gRPC gateway)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from zhixing.contracts.events.assets.v1 import AgencyAnswered, AgencyRequest


@dataclass(frozen=True)
class Reply:
    """An answer with the request it answers (a transport needs its court, attempt, agency)."""

    request: AgencyRequest
    answer: AgencyAnswered


@dataclass(frozen=True)
class Received:
    """What one receive brought: readable requests, and how many records were not."""

    requests: list[AgencyRequest] = field(default_factory=list)
    unreadable: int = 0


class ChannelError(Exception):
    """A transport problem; the message names the place, never a request's content."""


class ChannelUnavailable(ChannelError):
    """The broker or server cannot be reached now; `unsent` replies are to be tried again."""

    def __init__(self, message: str, unsent: list[Reply] | None = None) -> None:
        super().__init__(message)
        self.unsent = unsent or []


class ChannelRefused(ChannelError):
    """The other side refuses us (bad token, unknown agency): retrying cannot help."""


class Channel(Protocol):
    """Where requests come from and answers go to."""

    def receive(self, timeout: float) -> Received:
        """Requests that arrived, waiting at most `timeout` seconds when none have."""
        ...

    def send(self, replies: list[Reply]) -> None:
        """Deliver the answers; raise `ChannelUnavailable` with those not delivered."""
        ...

    def close(self) -> None:
        """Release connections (the simulator calls it once, at the end of a run)."""
        ...
