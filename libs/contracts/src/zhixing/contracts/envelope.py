"""The CloudEvents 1.0 envelope in binary content mode (DESIGN §4, issue 18 D3).

Attributes travel as Kafka headers (`ce_specversion`, `ce_id`, `ce_source`, `ce_type`,
`ce_time`, `ce_subject`) with extensions: the Zhixing ones `ce_region`, `ce_position` and
`ce_court` (only when the event names a court: the credit list's records span courts), the
Sequence extension `ce_sequence` (the aggregate's version, zero-padded to 20 digits so it
sorts as the spec wants: "10" would sort before "9") and the Distributed Tracing
extension `ce_traceparent`, written together with the W3C `traceparent` header. The data
is JSON; a tombstone's value is null (no CloudEvent an SDK can read: consumers check for
the null value first).

`ce_id` is derived from the source and the position in the source's notification log, so
a re-published event keeps its id and consumers can deduplicate. Readers accept what was
written before issue 18 — an unpadded `ce_sequence`, an empty or missing `ce_court`, a
`traceparent` without `ce_traceparent` — since a compacted topic keeps old records.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhixing.contracts.events import IntegrationEvent

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"
_ID_NAMESPACE = uuid.UUID("6f1c9a52-4a8e-5d1b-9d43-2f6f5e1f7a10")

_STRING_ATTRIBUTES = ("id", "source", "type", "time", "subject", "region")
_INT_ATTRIBUTES = ("sequence", "position")
SEQUENCE_DIGITS = 20
"""`ce_sequence` is zero-padded to this width: 2⁶⁴ has 20 digits."""
_DECIMAL = re.compile(r"[0-9]{1,20}")
MAX_NUMBER = 2**63 - 1
"""The largest `ce_sequence` / `ce_position` read: the views keep them in BIGINT columns."""


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

    @classmethod
    def of(cls, event: IntegrationEvent, *, source: str, region: str, position: int,
           aggregate_id: str, version: int, timestamp: datetime, traceparent: str = "",
           index: int = 0) -> CloudEvent:
        """The envelope of the `index`-th integration event a stored domain event (of
        aggregate `aggregate_id` at `version`) maps to, at `position` of the source's
        notification log — how the outbox, and so the relay, publish every event."""
        return cls(
            id=stable_event_id(source, position, index), source=source,
            type=event.event_type, time=utc_time(timestamp),
            subject=event.key() or aggregate_id,
            court=str(getattr(event, "court_code", "")),  # "" → no ce_court header
            region=region, sequence=version, position=position,
            data=event.model_dump(mode="json"), traceparent=traceparent,
            tombstone=event.tombstone)

    @property
    def key(self) -> bytes:
        """Kafka key = the subject: the aggregate id, so one aggregate's events stay in
        order — or what a compacted topic keys by (`IntegrationEvent.key()`)."""
        return self.subject.encode()

    def to_kafka(self) -> tuple[bytes | None, list[tuple[str, bytes]]]:
        """Value and headers of the Kafka record."""
        headers = [("ce_specversion", SPEC_VERSION.encode()), ("content-type", CONTENT_TYPE.encode())]
        headers += [(f"ce_{name}", str(getattr(self, name)).encode()) for name in _STRING_ATTRIBUTES]
        if self.court:  # absent rather than empty: an SDK reads a missing extension as none
            headers.append(("ce_court", self.court.encode()))
        headers.append(("ce_sequence", sequence_text(self.sequence).encode()))
        headers.append(("ce_position", str(self.position).encode()))
        if self.traceparent:  # the Distributed Tracing extension, and W3C for everything else
            headers += [("ce_traceparent", self.traceparent.encode()),
                        ("traceparent", self.traceparent.encode())]
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
        unreadable = [f"ce_{n}" for n in _INT_ATTRIBUTES if not _DECIMAL.fullmatch(found[f"ce_{n}"])]
        if unreadable:
            raise MalformedEvent(f"{', '.join(unreadable)} must be 1 to 20 decimal digits")
        too_large = [f"ce_{n}" for n in _INT_ATTRIBUTES if int(found[f"ce_{n}"]) > MAX_NUMBER]
        if too_large:  # a hostile or broken producer's: no store could hold it
            raise MalformedEvent(f"{', '.join(too_large)} must be at most {MAX_NUMBER}")
        try:
            # A null value is a tombstone: the key (the subject) says what was deleted.
            data = {} if value is None else json.loads(value)
        except (ValueError, RecursionError) as error:  # RecursionError: JSON nested too deep
            raise MalformedEvent(f"unreadable data: {error}") from error
        if not isinstance(data, dict):
            raise MalformedEvent("data is not a JSON object")
        return cls(id=found["ce_id"], source=found["ce_source"], type=found["ce_type"],
                   time=found["ce_time"], subject=found["ce_subject"],
                   court=found.get("ce_court", ""), region=found["ce_region"],
                   sequence=int(found["ce_sequence"]),  # "0…010" and "10" alike
                   position=int(found["ce_position"]), data=data,
                   traceparent=found.get("ce_traceparent") or found.get("traceparent", ""),
                   tombstone=value is None)


def sequence_text(sequence: int) -> str:
    """`ce_sequence` as written: the version zero-padded to 20 digits, so the strings sort
    as the numbers do (the Sequence extension compares lexicographically)."""
    if not 0 <= sequence < 10**SEQUENCE_DIGITS:
        raise ValueError(f"sequence must be 0 to {10**SEQUENCE_DIGITS - 1}, not {sequence}")
    return f"{sequence:0{SEQUENCE_DIGITS}d}"


def utc_time(moment: datetime) -> str:
    """RFC 3339 time with an explicit zone, as CloudEvents wants."""
    return moment.isoformat().replace("+00:00", "Z")
