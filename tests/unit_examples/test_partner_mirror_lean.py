"""The partner mirror's lean reading of the list (examples/partner_mirror/lean.py) has the
contract's acceptance: what the envelope and the `DebtorCreditState` model refuse, it
refuses with their error; what they accept, it reads to the same change (issue 19)."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from unit_examples.test_partner_mirror_records import PERSON, RESTRICTED, debtor_state, record

from examples.partner_mirror import Change, change_from_record, lean_change
from zhixing.contracts.envelope import MalformedEvent
from zhixing.contracts.events.credit.v1 import DebtorCleared, GoodFaithRecorded

Record = tuple[bytes | None, bytes | None, list[tuple[str, bytes]]]


def usual() -> Record:
    return record(debtor_state(PERSON))


def with_header(name: str, value: bytes | None) -> Record:
    key, data, headers = usual()
    return key, data, [(n, value if n == name else v) for n, v in headers]  # type: ignore[misc]


def without_header(name: str) -> Record:
    key, data, headers = usual()
    return key, data, [(n, v) for n, v in headers if n != name]


def with_data(**changes: Any) -> Record:
    key, data, headers = usual()
    fields = json.loads(data or b"{}") | changes
    return key, json.dumps({k: v for k, v in fields.items() if v is not ...}).encode(), headers


def with_value(value: bytes) -> Record:
    key, _, headers = usual()
    return key, value, headers


def outcome(read: Any, rec: Record) -> tuple[str, object]:
    """What a reader makes of a record: its change, or its error's type and text."""
    try:
        return "read", read(*rec)
    except Exception as error:  # compared, not swallowed: the two must agree
        return type(error).__name__, str(error)


MALFORMED = {
    "no key": (b"", *usual()[1:]),
    "key not UTF-8": (b"\xff\xfe", *usual()[1:]),
    "no ce_specversion": without_header("ce_specversion"),
    "ce_specversion 0.3": with_header("ce_specversion", b"0.3"),
    "no ce_id": without_header("ce_id"),
    "no ce_type": without_header("ce_type"),
    "no ce_region": without_header("ce_region"),
    "no ce_sequence": without_header("ce_sequence"),
    "ce_sequence not decimal": with_header("ce_sequence", b"12a"),
    "ce_sequence of 21 digits": with_header("ce_sequence", b"1" * 21),
    "ce_sequence beyond int64": with_header("ce_sequence", str(2**63).encode()),
    "ce_position of 20 nines": with_header("ce_position", b"9" * 20),
    "ce_sequence in other digits": with_header("ce_sequence", "١٢".encode()),
    "ce_position empty": with_header("ce_position", b""),
    "ce_position null": with_header("ce_position", None),
    "value not JSON": with_value(b'{"listed": tru'),
    "value a JSON list": with_value(b"[1, 2]"),
    "value not UTF-8": with_value(b'{"listed": "\xff"}'),
    "listed not a bool": with_data(listed="maybe"),
    "restricted missing": with_data(restricted=...),
    "conduct not a list": with_data(conduct="flights"),
    "conduct a list of lists (unhashable)": with_data(conduct=[["flights"]]),
    "conduct with an object": with_data(conduct=[{"code": "flights"}]),
    "cases with a number": with_data(cases=["(2026)川0104执1号", 7]),
    "since not a date": with_data(since="2026-13-01"),
    "identity_number missing": with_data(identity_number=...),
    "identity_number a number": with_data(identity_number=510104199001010011),
    "as_of a number": with_data(as_of=20260310),
    "term_ends a list": with_data(term_ends=[]),
}


class TestMalformedRecordsAreRefused:
    @pytest.mark.parametrize("rec", MALFORMED.values(), ids=MALFORMED.keys())
    def test_record_is_refused_as_the_contract_refuses_it_when_malformed(self, rec):
        expected = outcome(change_from_record, rec)
        assert expected[0] != "read"  # the case is malformed by the contract's reading
        with pytest.raises((ValueError, MalformedEvent)):
            lean_change(*rec)
        assert outcome(lean_change, rec) == expected


ACCEPTED = {
    "usual": usual(),
    "listed 1 (the model coerces it)": with_data(listed=1),
    "restricted 'false' (the model coerces it)": with_data(restricted="false"),
    "an unknown conduct code (left out, logged)": with_data(conduct=["flights", "teleport"]),
    "no term_ends (its default)": with_data(term_ends=...),
    "extra fields (ignored)": with_data(newer_field={"a": [1, 2]}),
    "since empty": with_data(since=""),
    "ce_court missing (before issue 18)": without_header("ce_court"),
    "ce_sequence unpadded (before issue 18)": with_header("ce_sequence", b"10"),
    "ce_position the largest int64": with_header("ce_position", str(2**63 - 1).encode()),
    "tombstone": record(DebtorCleared(identity_number=PERSON), 2),
    "tombstone as an empty value": with_value(b""),
    "another event type": (PERSON.encode(), *record(GoodFaithRecorded(
        case_id="c", case_number="n", court_code="川0104", debtor_identity_number=PERSON,
        performed_on="2026-03-02", notice_deadline="2026-03-09"))[1:]),
}


class TestAcceptedRecordsReadTheSame:
    @pytest.mark.parametrize("rec", ACCEPTED.values(), ids=ACCEPTED.keys())
    def test_change_is_the_contracts_when_the_contract_accepts_the_record(self, rec):
        expected = outcome(change_from_record, rec)
        assert expected[0] == "read"
        assert outcome(lean_change, rec) == expected

    def test_state_is_the_debtors_when_the_record_is_usual(self):
        assert lean_change(*usual()) == Change(PERSON, RESTRICTED)


def mutated(rng: random.Random) -> Record:
    """A usual record with one random change: a byte of the value, a header's value or
    its absence, a field's JSON value."""
    key, value, headers = usual()
    kind = rng.randrange(3)
    if kind == 0 and value:
        at = rng.randrange(len(value))
        return key, value[:at] + bytes([rng.randrange(256)]) + value[at + 1:], headers
    if kind == 1:
        name, _ = rng.choice(headers)
        if rng.random() < 0.3:
            return without_header(name)
        return with_header(name, rng.choice([b"", b"1.0", b"7", b"x" * 25, b"0" * 20, b"9" * 19,
                                             b"\xff", b"cn.zhixing.credit.v1.DebtorCleared"]))
    field = rng.choice(["listed", "restricted", "conduct", "since", "cases", "as_of",
                        "identity_number", "term_ends"])
    return with_data(**{field: rng.choice([..., None, 0, 1, 2.5, "", "true", "2026-02-30",
                                           [], ["flights"], ["x", 1], {"a": 1}])})


class TestRandomAlterations:
    def test_outcome_is_the_contracts_when_a_record_is_altered_at_random(self):
        rng = random.Random(19)
        cases = [mutated(rng) for _ in range(3000)]
        differing = [rec for rec in cases
                     if outcome(lean_change, rec) != outcome(change_from_record, rec)]
        assert differing == []
        # The alterations reach both sides of the contract: some read, many refused.
        kinds = {outcome(change_from_record, rec)[0] for rec in cases}
        assert {"read", "MalformedEvent", "ValidationError"} <= kinds
