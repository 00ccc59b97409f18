"""What a Kafka record of one integration event looks like on the wire, for the AsyncAPI
document: the CloudEvents binary-mode headers (issue 18, D3), the key, and an example.

Kept apart from the document's assembly (`zhixing.messaging.asyncapi`) so that what the
producers write (`zhixing.contracts.envelope`, the outbox, `zhixing.runtime.inject`, the
agencies) is described in one place.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from zhixing.contracts.envelope import (
    CONTENT_TYPE,
    SPEC_VERSION,
    CloudEvent,
    stable_event_id,
    utc_time,
)
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.assets.v1 import AgencyAnswered
from zhixing.contracts.examples import COURT_CODE, example
from zhixing.contracts.topics import CALENDAR_EVENTS

HEADER = "#/components/schemas/"
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
"""A W3C trace context (the specification's own example), for the examples."""
_EXAMPLE_REGION = "chengdu"
_EXAMPLE_TIME = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
_EXAMPLE_POSITION = 42
_EXAMPLE_VERSION = 10
_EXAMPLES = uuid.UUID("a4d3e1f0-2b7c-5e61-8f0a-6c2b9d1e7f35")

_TRACE = {"type": "string", "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"}
SHARED_HEADERS: dict[str, dict[str, Any]] = {
    "ce_specversion": {"type": "string", "const": SPEC_VERSION,
                       "description": "CloudEvents specversion: always 1.0."},
    "ce_id": {"type": "string", "minLength": 1, "description": (
        "CloudEvents id. Stable across re-publication (derived from the source and the "
        "position in its notification log): deduplicate on it.")},
    "ce_time": {"type": "string", "format": "date-time", "pattern": "Z$", "description": (
        "CloudEvents time: when the event happened, RFC 3339 in UTC (Z).")},
    "ce_region": {"type": "string", "minLength": 1, "description": (
        "Extension: the region (deployment) that published the event, e.g. chengdu.")},
    "ce_sequence": {"type": "string", "pattern": "^[0-9]{1,20}$", "description": (
        "CloudEvents Sequence extension: the originating aggregate's version, zero-padded "
        "to 20 digits (00000000000000000010) so that it sorts lexicographically; it orders "
        "the events of one ce_subject. Readers also accept unpadded values: records written "
        "before issue 18 stay on the compacted topic. 0 for an event injected by an "
        "operator. At most 9223372036854775807 (a signed 64-bit integer).")},
    "ce_position": {"type": "string", "pattern": "^[0-9]{1,20}$", "description": (
        "Extension: decimal position of the event in its source's notification log; it "
        "orders every event of one ce_source. 0 for an event injected by an operator. At "
        "most 9223372036854775807 (a signed 64-bit integer).")},
    "ce_traceparent": {**_TRACE, "description": (
        "CloudEvents Distributed Tracing extension: the W3C trace context of the request "
        "that caused the event; present whenever the event has one.")},
    "traceparent": {**_TRACE, "description": (
        "W3C Trace Context header, the same value as ce_traceparent.")},
    "correlation_id": {"type": "string", "description": (
        "The Kafka client library's correlation header, set to the ce_id; not a "
        "CloudEvents attribute (absent on records an agency writes).")},
    "content-type": {"type": "string", "const": CONTENT_TYPE, "description": (
        "Content type of the value; kept on a tombstone, whose value is null.")},
}
"""Headers that mean the same on every message; a message's schema refers to them."""
REQUIRED = ("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
            "ce_region", "ce_sequence", "ce_position", "content-type")
"""Every record carries these (D3); ce_court and the trace headers only when they apply."""


def header_component(name: str) -> str:
    """The components/schemas name of a shared header's schema."""
    return f"header.{name}"


@dataclass(frozen=True)
class Key:
    """The Kafka key of a model's records (always equal to ce_subject)."""

    schema: dict[str, Any]
    field: str = ""
    """The payload field the key repeats; "" when it is the aggregate id."""


def key_of(model: type[IntegrationEvent]) -> Key:
    """What a model's records are keyed by: the aggregate id, unless the model (or the
    outside party that publishes it) keys by one of its fields."""
    if model is AgencyAnswered:  # published by the agency itself (tools/agency-sim)
        return _field_key(model, "request_id")
    if model.key is IntegrationEvent.key:
        return Key({"type": "string", "format": "uuid", "description": (
            "The id of the aggregate that published the event (UUID): one aggregate's "
            "events share a partition and stay in order.")})
    # `key()` returns one of the model's fields: find which by marking every field.
    marked = model.model_construct(**{name: f"<{name}>" for name in model.model_fields})
    field = marked.key().strip("<>") if marked.key() else ""
    if field not in model.model_fields:
        raise ValueError(f"{model.__name__}.key() is not one of its fields")
    return _field_key(model, field)


def _field_key(model: type[IntegrationEvent], field: str) -> Key:
    shown = "in decimal digits" if model.model_fields[field].annotation is int else "as is"
    return Key({"type": "string", "minLength": 1, "description": (
        f"The payload's `{field}`, {shown}; equal to ce_subject.")}, field)


@dataclass(frozen=True)
class Origin:
    """Who writes a model's records, and so what ce_source, ce_sequence and ce_position
    say on them."""

    source: dict[str, Any]
    sequence: str = ""
    """What ce_sequence holds, when not the aggregate's version (the shared schema)."""
    position: str = ""
    """What ce_position holds, when not the position in the source's log."""
    court: str = ""
    """What ce_court holds, when not the event's court_code."""


def origin_of(model: type[IntegrationEvent], topic: str) -> Origin:
    """The outbox of a service, unless an agency or the operator writes the model."""
    if model is AgencyAnswered:  # tools/agency-sim shows what an agency writes
        return Origin({"type": "string", "pattern": "^/agencies/[^/]+$", "description": (
            "CloudEvents source: /agencies/<agency_id>, the answering agency.")},
            sequence="The request's attempt the answer is for, zero-padded to 20 digits.",
            position="The request's attempt the answer is for.",
            court="Extension: the court that made the request (the request's court_code).")
    if topic == CALENDAR_EVENTS:  # loaded by the operator: `zhixing calendar load`
        return Origin({"type": "string", "pattern": "^/zhixing/[^/]+/injected$", "description": (
            "CloudEvents source: /zhixing/<region>/injected, the operator's command that "
            "loaded the schedule.")},
            sequence="Always 0 (zero-padded): a loaded schedule has no aggregate version.",
            position="Always 0: the operator's command has no notification log.")
    service = _service(topic)
    return Origin({"type": "string", "pattern": f"^/zhixing/[^/]+/({service}|injected)$",
                   "description": f"CloudEvents source: /zhixing/<region>/{service}, the "
                   f"{service} service; /zhixing/<region>/injected for an event an operator "
                   "injected (`zhixing events publish`: ce_sequence and ce_position 0)."})


def headers_of(model: type[IntegrationEvent], topic: str) -> dict[str, Any]:
    """The schema of the record's headers: CloudEvents binary mode (D3)."""
    origin = origin_of(model, topic)
    court = origin.court or (
        "Extension: the court of the event (its court_code); absent when it has none."
        if "court_code" in model.model_fields else "Extension: absent — the event names "
        "no court (the credit list's records span courts); readers accept it missing.")
    properties: dict[str, Any] = {name: {"$ref": HEADER + header_component(name)}
                                  for name in SHARED_HEADERS}
    for name, meaning in (("ce_sequence", origin.sequence), ("ce_position", origin.position)):
        if meaning:  # the shared pattern, another meaning
            properties[name] = {**SHARED_HEADERS[name], "description": meaning}
    properties |= {
        "ce_type": {"type": "string", "const": model.event_type,
                    "description": "CloudEvents type: names this message exactly."},
        "ce_source": origin.source,
        "ce_subject": {**key_of(model).schema,
                       "description": "CloudEvents subject: the Kafka key, as text."},
        "ce_court": {"type": "string", "minLength": 1, "description": court},
    }
    return {"type": "object", "properties": dict(sorted(properties.items())),
            "required": sorted(REQUIRED)}


def example_record(model: type[IntegrationEvent], topic: str) -> dict[str, Any]:
    """One record as its producer writes it (`CloudEvent.to_kafka`): headers and value
    (null for a tombstone)."""
    value, headers = example_event(model, topic).to_kafka()
    return {"name": model.__name__, "summary": f"One {model.__name__} record on {topic}.",
            "headers": dict(sorted((name, text.decode()) for name, text in headers)),
            "payload": None if value is None else json.loads(value)}


def example_event(model: type[IntegrationEvent], topic: str) -> CloudEvent:
    """The envelope of the model's example instance, made the way its producer makes it."""
    instance, time = example(model), utc_time(_EXAMPLE_TIME)
    if isinstance(instance, AgencyAnswered):  # as an agency writes it (tools/agency-sim)
        source = f"/agencies/{instance.agency_id}"
        return CloudEvent(
            id=stable_event_id(f"{source}/{instance.request_id}", instance.attempt),
            source=source, type=model.event_type, time=time, subject=instance.request_id,
            court=COURT_CODE, region=_EXAMPLE_REGION, sequence=instance.attempt,
            position=instance.attempt, data=instance.model_dump(mode="json"))
    if topic == CALENDAR_EVENTS:  # as `zhixing calendar load` writes it (runtime.inject)
        return CloudEvent(
            id=str(uuid.uuid5(_EXAMPLES, model.event_type)),
            source=f"/zhixing/{_EXAMPLE_REGION}/injected", type=model.event_type, time=time,
            subject=instance.key() or "", court="", region=_EXAMPLE_REGION, sequence=0,
            position=0, data=instance.model_dump(mode="json"))
    return CloudEvent.of(  # as the outbox, and so the relay, writes it
        instance, source=f"/zhixing/{_EXAMPLE_REGION}/{_service(topic)}",
        region=_EXAMPLE_REGION, position=_EXAMPLE_POSITION,
        aggregate_id=str(uuid.uuid5(_EXAMPLES, model.__name__)), version=_EXAMPLE_VERSION,
        timestamp=_EXAMPLE_TIME, traceparent=TRACEPARENT)


def _service(topic: str) -> str:
    return "injected" if topic == CALENDAR_EVENTS else topic.split(".")[1]
