"""Put an integration event on a topic from outside the suite (tests, operators).

A consumer may follow a topic whose publishing service does not exist yet; it still
has to be fed, the same way in both run modes (DESIGN §6). The data is validated against
the contract model first, so nothing a real publisher could not have sent gets through.
Cluster mode (`ZHIXING_KAFKA_BOOTSTRAP` set): the event goes to the Kafka topic, keyed
by its subject. Embedded mode: it is appended to the `InjectedEvents` store under
`ZHIXING_VAR`, which the embedded runner follows for topics with no publisher in process.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from confluent_kafka import KafkaException
from pydantic import ValidationError

from zhixing.contracts.envelope import CloudEvent, utc_time
from zhixing.contracts.events import IntegrationEvent, UnknownEventType, parse
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.injected import InjectedEvents
from zhixing.messaging.kafka import KafkaPublisher, ensure_topics


class InvalidEvent(ValueError):
    """A type no contract model declares, or data its model refuses (names the field)."""


class PublishFailed(RuntimeError):
    """The broker did not take the event."""


@dataclass(frozen=True)
class Published:
    """Where an injected event went, said in one line."""

    event: CloudEvent
    topic: str
    destination: str

    def __str__(self) -> str:
        return f"{self.event.type} {self.event.id} → {self.topic} ({self.destination})"


def injected_events_path(settings: Settings) -> Path:
    return settings.var_dir / "injected" / "events.db"


def injected_events(settings: Settings) -> InjectedEvents:
    """The embedded store of injected events: always SQLite under `ZHIXING_VAR`, because
    its positions are only safe with a single writer (see `zhixing.messaging.injected`)."""
    return InjectedEvents(SqlStore(sqlite_path=injected_events_path(settings)),
                          settings.field_cipher)


def publish_event(settings: Settings, event_type: str, data: Any, subject: str = "",
                  court: str = "") -> Published:
    """Validate, wrap in a fresh CloudEvent and publish to Kafka or the embedded store.

    Raises `InvalidEvent` (nothing published) or `PublishFailed`.
    """
    model = validated(event_type, data)
    event = envelope(settings, model, subject, court)
    topic = settings.topic(model.destination())  # e.g. an agency request: its kind's topic
    if settings.kafka_bootstrap:
        return _to_kafka(settings.kafka_bootstrap, topic, event)
    return _to_embedded_store(settings, topic, event)


def validated(event_type: str, data: Any) -> IntegrationEvent:
    """The contract model for `data`, or `InvalidEvent` naming every refused field."""
    if not isinstance(data, dict):
        raise InvalidEvent(f"data: expected a JSON object, got {type(data).__name__}")
    try:
        return parse(event_type, data)
    except UnknownEventType as error:
        raise InvalidEvent(f"type: {error}; see `zhixing events types`") from None
    except ValidationError as error:
        raise InvalidEvent(f"{event_type}: {_field_errors(error)}") from None


def envelope(settings: Settings, event: IntegrationEvent, subject: str, court: str) -> CloudEvent:
    """A new event, not a re-publication: a fresh id, from the `injected` source.

    `sequence` and `position` are 0: there is no aggregate version, and the embedded
    store stamps its own position when the event is read back.
    """
    return CloudEvent(
        id=str(uuid.uuid4()), source=f"/zhixing/{settings.region}/injected",
        type=event.event_type, time=utc_time(datetime.now(UTC)), subject=subject,
        court=court or str(getattr(event, "court_code", "")), region=settings.region,
        sequence=0, position=0, data=event.model_dump(mode="json"))


def _field_errors(error: ValidationError) -> str:
    """`field.path: message; …` on one line, without echoing the (personal) input."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'data'}: {e['msg']}"
                     for e in error.errors(include_input=False, include_url=False))


def _to_kafka(bootstrap: str, topic: str, event: CloudEvent) -> Published:
    try:
        ensure_topics(bootstrap, [topic])  # production brokers do not create topics on use
        publisher = KafkaPublisher(bootstrap)
        try:
            publisher.publish_all(topic, [(event.key, *event.to_kafka())])
        finally:
            publisher.close()
    except (KafkaException, TimeoutError) as error:
        raise PublishFailed(f"Kafka at {bootstrap} did not take the event: {error}") from error
    return Published(event, topic, f"Kafka at {bootstrap}, key {event.subject!r}")


def _to_embedded_store(settings: Settings, topic: str, event: CloudEvent) -> Published:
    store = injected_events(settings)
    try:
        position = store.append(topic, event)
    finally:
        store.close()
    where = f"embedded store {injected_events_path(settings)}, position {position}"
    return Published(event, topic, where)
