"""The value objects a case is made of (STYLE 15): immutable, so copies share them."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from zhixing.cases.domain.values import Node


class TestCopiesOfACase:
    """The repository's cache hands out deep copies of a case (eventsourcing)."""

    def test_a_node_cannot_be_changed_in_place(self):
        with pytest.raises(FrozenInstanceError):
            Node("2026-03-02").done_on = "2026-03-03"  # type: ignore[misc]
