"""The base of every integration event and the registry of their types.

Its own module so that the event modules (`zhixing.contracts.events.<context>.v1`) and the
package that lists them all (`all_models`) do not import each other.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

_REGISTRY: dict[str, type[IntegrationEvent]] = {}


class UnknownEventType(ValueError):
    """A CloudEvent whose `type` no contract model declares."""


class IntegrationEvent(BaseModel):
    """Base of every public event. Subclasses set `event_type` and `topic`."""

    model_config = ConfigDict(frozen=True, extra="ignore", use_attribute_docstrings=True)
    event_type: ClassVar[str] = ""
    topic: ClassVar[str] = ""
    tombstone: ClassVar[bool] = False
    """Published as a null value: a deletion on a compacted topic."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.event_type:
            _REGISTRY[cls.event_type] = cls

    def destination(self) -> str:
        """The topic this event goes to; a model may route per instance (e.g. agency
        requests go to the topic of their agency kind)."""
        return self.topic

    def key(self) -> str | None:
        """The Kafka key (and CloudEvent subject), when not the aggregate id: a compacted
        topic keys by what it compacts on (e.g. the debtor's identity number)."""
        return None


def registered() -> dict[str, type[IntegrationEvent]]:
    """Every model registered so far, by type name."""
    return dict(_REGISTRY)


def model_for(event_type: str) -> type[IntegrationEvent]:
    try:
        return _REGISTRY[event_type]
    except KeyError:
        raise UnknownEventType(f"no integration event model for type {event_type!r}") from None


def parse(event_type: str, data: dict[str, Any]) -> IntegrationEvent:
    """Validate `data` against the model registered for `event_type`."""
    return model_for(event_type).model_validate(data)


def parse_known(event_type: str, data: dict[str, Any]) -> IntegrationEvent | None:
    """Like `parse`, but None for a type no contract declares — a newer publisher's
    event, which a consumer skips rather than fails on."""
    try:
        return parse(event_type, data)
    except UnknownEventType:
        return None
