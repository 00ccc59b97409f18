"""Integration events: versioned pydantic models, the public language between services.

Each model names its CloudEvents `type` and its topic. `parse(event)` turns a received
envelope back into the model; an unknown type is reported, never guessed.
"""

from __future__ import annotations

from zhixing.contracts.events.base import (
    IntegrationEvent,
    UnknownEventType,
    model_for,
    parse,
    parse_known,
    registered,
)

__all__ = ["IntegrationEvent", "UnknownEventType", "all_models", "model_for", "parse",
           "parse_known"]


def all_models() -> list[type[IntegrationEvent]]:
    """Every published integration-event model, by type name (imports them all first)."""
    from zhixing.contracts.events import catalogue  # noqa: F401 — registers the models

    # Only the contract package publishes; models defined elsewhere (tests) are private.
    return [model for _, model in sorted(registered().items())
            if model.__module__.startswith(f"{__name__}.")]
