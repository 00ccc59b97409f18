"""A bell-ringing handler and its events: typed dispatch seen in unit and integration tests."""

from __future__ import annotations

from typing import Any

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.messaging.typed import Context, TypedHandler, on


class Rang(IntegrationEvent):
    event_type = "test.typed.Rang"
    topic = "test.typed"
    bell: str
    times: int = 1


class Muted(IntegrationEvent):
    event_type = "test.typed.Muted"
    topic = "test.typed"
    bell: str


class Cracked(IntegrationEvent):
    event_type = "test.typed.Cracked"
    topic = "test.typed"
    bell: str


class Belfry(TypedHandler):
    def __init__(self) -> None:
        self.heard: list[tuple[str, Any]] = []

    @on(Rang)
    def rang(self, event: Rang, ctx: Context) -> None:
        self.heard.append(("rang", event))

    @on(Muted, Cracked)
    def silenced(self, event: Muted | Cracked, ctx: Context) -> None:
        self.heard.append(("silenced", event))


def envelope(event_type: str, data: dict[str, Any], **attributes: Any) -> CloudEvent:
    fields = {"id": "e-1", "source": "/belfry", "type": event_type,
              "time": "2026-03-02T02:00:00Z", "subject": "bell-1", "court": "川0104",
              "region": "chengdu", "sequence": 3, "position": 7, "data": data}
    return CloudEvent(**{**fields, **attributes})
