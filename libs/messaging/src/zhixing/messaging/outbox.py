"""The notification log is the outbox: no dual writes (DESIGN §5).

`Outbox` reads a service's notification log and turns each domain event into the
CloudEvents its `outbound` mapping defines. The relay publishes them to Kafka; in
embedded mode the notification-log source hands them to consumers directly. Both see
exactly the same events with the same ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zhixing.contracts.envelope import CloudEvent, stable_event_id, utc_time
from zhixing.contracts.events import IntegrationEvent
from zhixing.eventstore.application import ServiceApplication

OutboundMapping = Callable[[Any], list[IntegrationEvent]]


@dataclass(frozen=True)
class OutboxEntry:
    """One notification and the integration events it yields (possibly none)."""

    position: int
    events: list[CloudEvent]


class Outbox:
    def __init__(self, app: ServiceApplication, mapping: OutboundMapping, *,
                 topic: str, region: str) -> None:
        self.app = app
        self.mapping = mapping
        self.topic = topic
        self.region = region
        self.source = f"/zhixing/{region}/{app.service_name}"

    @property
    def stream(self) -> str:
        """The name tracking rows use for positions in this log."""
        return f"{self.app.service_name}/notifications"

    def read(self, after: int, limit: int | None = None) -> list[OutboxEntry]:
        """Entries after notification id `after`, in commit order."""
        return [OutboxEntry(position, self._envelopes(position, event))
                for position, event in self.app.read_notifications(after, limit)]

    def head(self) -> int:
        return self.app.max_notification_id()

    def _envelopes(self, position: int, domain_event: Any) -> list[CloudEvent]:
        return [
            CloudEvent(
                id=stable_event_id(self.source, position, index),
                source=self.source,
                type=event.event_type,
                time=utc_time(domain_event.timestamp),
                subject=str(domain_event.originator_id),
                court=str(getattr(event, "court_code", "")),
                region=self.region,
                sequence=domain_event.originator_version,
                position=position,
                data=event.model_dump(mode="json"),
                traceparent=getattr(domain_event, "traceparent", ""),
            )
            for index, event in enumerate(self.mapping(domain_event))
        ]
