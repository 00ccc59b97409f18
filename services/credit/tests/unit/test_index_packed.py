"""`CreditIndex.packed_many` (issue 19): BatchCheck's packed answer form, the same states
as `check_many`, one word each, 0 where `check_many` says None."""

from __future__ import annotations

import random

import pytest

from zhixing.credit.index import CreditIndex, State, _pack
from zhixing.kernel.errors import InvalidInput

from .test_index import credit_code, resident_id


def _expected(index: CreditIndex, identities: list[str]) -> list[int]:
    return [0 if state is None else _pack(state) for state in index.check_many(identities)]


def test_packed_many_matches_check_many_when_the_arrays_and_changes_hold_states():
    rng = random.Random(19)
    states = [State(rng.random() < 0.8, rng.random() < 0.5, rng.randrange(1 << 15),
                    rng.randrange(1, 1 << 20), rng.randrange(1, 1 << 24)) for _ in range(400)]
    people = [resident_id(n) for n in range(200)] + [credit_code(n) for n in range(200)]
    index = CreditIndex.bulk_load(zip(people[:300], states[:300], strict=True))
    for identity, state in zip(people[300:], states[300:], strict=True):
        index.put(identity, state)  # recent changes, not yet merged
    index.remove(people[0])  # a tombstone over the arrays
    index.put(people[1], states[399])  # a recent change over the arrays
    asked = [*people, resident_id(500), credit_code(500), people[5].lower()]
    rng.shuffle(asked)
    packed = index.packed_many(asked).tolist()
    assert packed == _expected(index, asked)
    assert packed[asked.index(people[0])] == 0 and packed.count(0) == 3


def test_packed_many_of_nothing_is_empty_when_asked():
    assert len(CreditIndex().packed_many([])) == 0


def test_packed_many_names_the_position_when_one_is_malformed():
    with pytest.raises(InvalidInput) as refused:
        CreditIndex().packed_many([resident_id(1), "51010419900101"])
    assert refused.value.field == "identities[1]"
