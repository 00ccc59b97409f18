"""The example of every event model (issue 18, D4): valid, complete, deterministic."""

from __future__ import annotations

import json

from zhixing.contracts.events import all_models
from zhixing.contracts.events.credit.v1 import DebtorCleared
from zhixing.contracts.events.fields import _identity
from zhixing.contracts.examples import every, example, identity_number


class TestExamples:
    def test_one_valid_example_per_model_when_every_is_asked(self):
        examples = every()
        assert [type(event) for event in examples] == all_models()
        for event in examples:  # what a consumer parses is what was built
            assert type(event).model_validate_json(event.model_dump_json()) == event

    def test_every_field_is_set_when_a_model_has_optional_fields(self):
        for event in every():
            assert event.model_fields_set == set(type(event).model_fields), type(event).__name__

    def test_same_json_when_built_twice(self):
        first = [json.dumps(event.model_dump(mode="json"), sort_keys=True) for event in every()]
        again = [json.dumps(event.model_dump(mode="json"), sort_keys=True) for event in every()]
        assert first == again

    def test_identity_number_has_its_check_character_when_generated(self):
        weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643
        for serial in range(1, 30):
            number = identity_number(serial)
            total = sum(int(d) * w for d, w in zip(number[:17], weights, strict=True))
            assert number[17] == "10X98765432"[total % 11]
            assert _identity(number) == number

    def test_tombstone_example_is_keyed_by_identity_when_the_model_is_a_tombstone(self):
        cleared = example(DebtorCleared)
        assert cleared.key() == identity_number()
