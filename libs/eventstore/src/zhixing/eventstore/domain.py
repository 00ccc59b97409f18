"""Pydantic domain events for eventsourcing aggregates.

Aggregates subclass `Aggregate` and write commands with eventsourcing's `@event`
decorator as usual; the events it defines are frozen pydantic models, validated when
they are created and when they are read back. Every event can carry the `traceparent`
of the command that caused it (DESIGN §9).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import (
    BaseAggregate,
    CanInitAggregate,
    CanMutateAggregate,
    CanSnapshotAggregate,
)
from pydantic import BaseModel, ConfigDict, TypeAdapter

_TIMESTAMPS = ("_created_on", "_modified_on")


class DomainEvent(BaseModel):
    """A stored, private domain event: immutable and validated."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    originator_id: UUID
    originator_version: int
    timestamp: datetime
    traceparent: str = ""

    @staticmethod
    def create_timestamp() -> datetime:
        return datetime.now(UTC)


class Snapshot(DomainEvent, CanSnapshotAggregate[UUID]):
    """An aggregate's state at a version; its JSON form is restored on `mutate`.

    An aggregate that holds value objects names their types in a `typed_state` mapping
    (attribute → type); the restored JSON of those attributes is validated back into
    them, after any `upcast_vN_vN+1` of the aggregate class has run on the state.
    """

    topic: str
    state: dict[str, Any]

    def mutate(self, aggregate: None) -> Any:
        restored = super().mutate(aggregate)
        for name in _TIMESTAMPS:
            value = restored.__dict__.get(name)
            if isinstance(value, str):
                restored.__dict__[name] = datetime.fromisoformat(value)
        for name, kind in getattr(type(restored), "typed_state", {}).items():
            if name in restored.__dict__:
                restored.__dict__[name] = _adapter(kind).validate_python(restored.__dict__[name])
        return restored


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


class Aggregate(BaseAggregate[UUID]):
    """Base of Zhixing aggregates: attribute state should be plain JSON values."""

    @staticmethod
    def create_id(*_: Any, **__: Any) -> UUID:
        return uuid4()

    class Event(DomainEvent, CanMutateAggregate[UUID]):
        pass

    class Created(Event, CanInitAggregate[UUID]):
        originator_topic: str

    Snapshot = Snapshot
