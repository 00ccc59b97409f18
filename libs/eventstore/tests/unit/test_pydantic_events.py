"""Pydantic domain events in memory: frozen, validated before anything changes."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from ..counting import Counter


def test_events_are_frozen_pydantic_models():
    counter = Counter("a")
    [opened] = counter.collect_events()
    assert isinstance(opened, BaseModel)
    with pytest.raises(ValidationError):
        opened.name = "b"  # type: ignore[misc]


def test_an_event_with_a_wrong_type_is_refused_before_anything_changes():
    counter = Counter("a")
    with pytest.raises(ValidationError):
        counter.count_up(by="many")  # type: ignore[arg-type]
    assert counter.count == 0
