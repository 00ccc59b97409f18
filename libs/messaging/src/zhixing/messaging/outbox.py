"""The notification log is the outbox: no dual writes (DESIGN §5).

`Outbox` reads a service's notification log and turns each domain event into the
CloudEvents its `outbound` mapping defines. The relay publishes them to Kafka; in
embedded mode the notification-log source hands them to consumers directly. Both see
exactly the same events with the same ids.

Most services publish on one topic. A service may also route some events elsewhere
(the assets service sends agency requests to one topic per agency kind): each event
names its `destination()` (a contract topic); `wire` turns that into the topic's name on
the broker (`Settings.topic`: a namespace), which must be one of the declared `topics`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.eventstore.application import ServiceApplication

OutboundMapping = Callable[[Any], list[IntegrationEvent]]
Routed = list[tuple[str, CloudEvent]]


@dataclass(frozen=True)
class OutboxEntry:
    """One notification and the integration events it yields (possibly none)."""

    position: int
    events: list[CloudEvent]


@dataclass(frozen=True)
class RoutedEntry:
    """One notification and its events, each with the topic it goes to."""

    position: int
    routed: Routed


class UndeclaredTopic(ValueError):
    """An outbound mapping produced an event for a topic its outbox does not declare."""


class Outbox:
    def __init__(self, app: ServiceApplication, mapping: OutboundMapping, *,
                 topic: str, region: str, also: Iterable[str] = (),
                 wire: Callable[[str], str] = str) -> None:
        self.app = app
        self.mapping = mapping
        self.wire = wire
        self.topic = topic
        self.topics = (topic, *also)
        self.region = region
        self.source = f"/zhixing/{region}/{app.service_name}"

    @property
    def stream(self) -> str:
        """The name tracking rows use for positions in this log."""
        return f"{self.app.service_name}/notifications"

    def read(self, after: int, limit: int | None = None) -> list[OutboxEntry]:
        """Entries after notification id `after` with their events on the main topic."""
        return self.view(self.topic).read(after, limit)

    def read_routed(self, after: int, limit: int | None = None) -> list[RoutedEntry]:
        """Entries after notification id `after`, in commit order, events on every topic."""
        return [RoutedEntry(position, self._envelopes(position, event))
                for position, event in self.app.read_notifications(after, limit)]

    def view(self, topic: str) -> OutboxView:
        """This log as seen by consumers of one of its topics."""
        if topic not in self.topics:
            raise UndeclaredTopic(f"{self.stream} does not publish on {topic}")
        return OutboxView(self, topic)

    def head(self) -> int:
        return self.app.max_notification_id()

    def _envelopes(self, position: int, domain_event: Any) -> Routed:
        return [(self._checked(self.wire(event.destination())), CloudEvent.of(
                event, source=self.source, region=self.region, position=position, index=index,
                aggregate_id=str(domain_event.originator_id),
                version=domain_event.originator_version, timestamp=domain_event.timestamp,
                traceparent=getattr(domain_event, "traceparent", "")))
            for index, event in enumerate(self.mapping(domain_event))]

    def _checked(self, topic: str) -> str:
        if topic not in self.topics:
            raise UndeclaredTopic(f"{self.stream} does not publish on {topic}")
        return topic


@dataclass(frozen=True)
class OutboxView:
    """One topic of an outbox, shaped as a notification log for embedded consumers."""

    outbox: Outbox
    topic: str

    @property
    def stream(self) -> str:
        return self.outbox.stream

    def read(self, after: int, limit: int | None = None) -> list[OutboxEntry]:
        return [OutboxEntry(entry.position,
                            [event for topic, event in entry.routed if topic == self.topic])
                for entry in self.outbox.read_routed(after, limit)]

    def head(self) -> int:
        return self.outbox.head()
