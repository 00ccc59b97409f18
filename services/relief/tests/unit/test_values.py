"""Specification of the hardship facts (R46: sensitive; bounded; never shown in a refusal
or a repr) and of the refusals' figures."""

from __future__ import annotations

import pytest

from zhixing.relief.domain.errors import InvalidRelief, yuan
from zhixing.relief.domain.values import Hardship, HardshipCategory

from .relief_fixtures import NARRATIVE


class TestHardship:
    """A category and a narrative of at most 2000 characters; the narrative never leaks."""

    def test_narrative_hidden_when_shown_with_repr(self):
        shown = repr(Hardship(HardshipCategory.MEDICAL, NARRATIVE))
        assert NARRATIVE not in shown and "medical" in shown

    def test_refused_without_echoing_when_the_narrative_is_too_long(self):
        narrative = "病" * 2001
        with pytest.raises(InvalidRelief) as refused:
            Hardship(HardshipCategory.MEDICAL, narrative)
        assert refused.value.field == "hardship.narrative" and "2000" in str(refused.value)
        assert "病病" not in str(refused.value)

    def test_accepted_when_exactly_2000_characters(self):
        assert len(Hardship(HardshipCategory.OTHER, "病" * 2000).narrative) == 2000

    def test_refused_when_the_category_is_unknown(self):
        with pytest.raises(InvalidRelief, match=r"\[hardship.category\]"):
            Hardship("rich", NARRATIVE)  # type: ignore[arg-type]


class TestYuan:
    """Refusals show money in yuan with two decimals and thousands separators."""

    def test_shown_with_separators_when_large(self):
        assert yuan(123_456_789) == "¥1,234,567.89"

    def test_shown_with_two_decimals_when_small(self):
        assert (yuan(1), yuan(0), yuan(-150)) == ("¥0.01", "¥0.00", "-¥1.50")
