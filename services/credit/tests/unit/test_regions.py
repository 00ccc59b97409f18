"""R43: an identity listed or restricted anywhere in the circle is so in every region."""

from __future__ import annotations

from zhixing.credit.api.regions import combined
from zhixing.credit.index import State

CHENGDU = State(listed=True, restricted=True, codes=0b11, since=20_500, cases=1)
CHONGQING = State(listed=False, restricted=True, codes=0b100, since=20_400, cases=2)


def test_listed_in_one_region_and_restricted_in_another_is_both():
    state = combined([CHENGDU, CHONGQING])
    assert (state.listed, state.restricted, state.codes, state.since, state.cases) == (
        True, True, 0b111, 20_400, 3)


def test_known_in_one_region_only_is_that_regions_state():
    assert combined([None, CHONGQING]) == CHONGQING
    assert combined([None, None]) is None
