"""The CloudEvents 1.0 envelope in binary content mode (DESIGN §4).

Attributes travel as Kafka headers (`ce_specversion`, `ce_id`, … plus the Zhixing
extensions `ce_court`, `ce_region`, `ce_sequence`, `ce_position` and `traceparent`); the
data is JSON. `ce_id` is derived from the source and the position in the source's
notification log, so a re-published event keeps its id and consumers can deduplicate.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"
_ID_NAMESPACE = uuid.UUID("6f1c9a52-4a8e-5d1b-9d43-2f6f5e1f7a10")

_STRING_ATTRIBUTES = ("id", "source", "type", "time", "subject", "court", "region")
_INT_ATTRIBUTES = ("sequence", "position")


class MalformedEvent(ValueError):
    """A record that is not a Zhixing CloudEvent (missing attribute, bad JSON)."""


def stable_event_id(source: str, position: int, index: int = 0) -> str:
    """The same notification always yields the same `ce_id`."""
    return str(uuid.uuid5(_ID_NAMESPACE, f"{source}#{position}.{index}"))


@dataclass(frozen=True)
class CloudEvent:
    """One integration event with its CloudEvents attributes."""

    id: str
    source: str
    type: str
    time: str
    subject: str
    court: str
    region: str
    sequence: int
    position: int
    data: dict[str, Any]
    traceparent: str = ""
    extra_headers: dict[str, str] = field(default_factory=dict)
    tombstone: bool = False
    """A deletion on a compacted topic: the Kafka value is null (headers still say what)."""

    @property
    def key(self) -> bytes:
        """Kafka key = the subject: the aggregate id, so one aggregate's events stay in
        order — or what a compacted topic keys by (`IntegrationEvent.key()`)."""
        return self.subject.encode()

    def to_kafka(self) -> tuple[bytes | None, list[tuple[str, bytes]]]:
        """Value and headers of the Kafka record."""
        headers = [("ce_specversion", SPEC_VERSION.encode()), ("content-type", CONTENT_TYPE.encode())]
        headers += [(f"ce_{name}", str(getattr(self, name)).encode()) for name in _STRING_ATTRIBUTES]
        headers += [(f"ce_{name}", str(getattr(self, name)).encode()) for name in _INT_ATTRIBUTES]
        if self.traceparent:
            headers.append(("traceparent", self.traceparent.encode()))
        if self.tombstone:
            return None, headers
        value = json.dumps(self.data, ensure_ascii=False, sort_keys=True).encode()
        return value, headers

    @classmethod
    def from_kafka(cls, value: bytes | None, headers: list[tuple[str, bytes]] | None) -> CloudEvent:
        """Parse a record; raise `MalformedEvent` naming what is wrong."""
        found = {k: (v or b"").decode("utf-8", "replace") for k, v in headers or []}
        if found.get("ce_specversion") != SPEC_VERSION:
            raise MalformedEvent("ce_specversion header missing or not 1.0")
        missing = [f"ce_{n}" for n in (*_STRING_ATTRIBUTES, *_INT_ATTRIBUTES) if f"ce_{n}" not in found]
        if missing:
            raise MalformedEvent(f"missing CloudEvents headers: {', '.join(missing)}")
        try:
            ints = {n: int(found[f"ce_{n}"]) for n in _INT_ATTRIBUTES}
            # A null value is a tombstone: the key (the subject) says what was deleted.
            data = {} if value is None else json.loads(value)
        except (ValueError, RecursionError) as error:  # RecursionError: JSON nested too deep
            raise MalformedEvent(f"unreadable data or numeric attribute: {error}") from error
        if not isinstance(data, dict):
            raise MalformedEvent("data is not a JSON object")
        strings = {n: found[f"ce_{n}"] for n in _STRING_ATTRIBUTES}
        return cls(**strings, **ints, data=data, traceparent=found.get("traceparent", ""),
                   tombstone=value is None)


def utc_time(moment: datetime) -> str:
    """RFC 3339 time with an explicit zone, as CloudEvents wants."""
    return moment.isoformat().replace("+00:00", "Z")
