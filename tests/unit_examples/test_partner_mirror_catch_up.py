"""What one catch-up process keeps of its partition's records (examples/partner_mirror/
catch_up.py), without a broker: the same as `put` and `remove` would make of the index
read record by record (issue 19)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from stdnum.cn import ric
from unit_examples.test_partner_mirror_records import RESTRICTED, debtor_state, record

from examples.partner_mirror import ListMirror
from examples.partner_mirror.catch_up import _take
from zhixing.contracts.events.credit.v1 import DebtorCleared
from zhixing.credit.index import CreditIndex, State

PERSON = next(body + "X" for body in (f"51010419900101{n:03d}" for n in range(1000))
              if ric.calc_check_digit(body + "0") == "X")
"""A resident ID whose check character is X: `…x` is the same identity."""
WRONG_CHECK = PERSON[:17] + "0"


class Message:
    """The parts of a confluent_kafka Message the readers use."""

    def __init__(self, key: bytes | None, value: bytes | None,
                 headers: list[tuple[str, bytes]] | None, offset: int = 0) -> None:
        self._key, self._value, self._headers, self._offset = key, value, headers, offset

    def key(self) -> bytes | None:
        return self._key

    def value(self) -> bytes | None:
        return self._value

    def headers(self) -> list[tuple[str, bytes]] | None:
        return self._headers

    def offset(self) -> int:
        return self._offset

    def partition(self) -> int:
        return 0

    def error(self) -> None:
        return None


def state_of(identity: str, key: str | None = None, **changes: Any) -> Message:
    _, value, headers = record(debtor_state(identity))
    data = json.loads(value or b"{}") | changes
    return Message((key or identity).encode(), json.dumps(data).encode(), headers)


def cleared(key: str) -> Message:
    _, value, headers = record(DebtorCleared(identity_number=PERSON), 2)
    return Message(key.encode(), value, headers)


def both_ways(messages: list[Message]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """(the index and skipped count) read by the catch-up, and record by record."""
    latest: dict[str, State] = {}
    skipped = sum(not _take(m, latest, "t/0") for m in messages)
    caught = CreditIndex.bulk_load(latest.items(), refused=lambda *_: None)
    mirror = ListMirror()
    for message in messages:
        mirror._take(message)  # type: ignore[arg-type]
    asked = [PERSON, PERSON.lower(), WRONG_CHECK]
    return ((caught.check_many(asked), len(caught), skipped),
            (mirror.check_many(asked), len(mirror), mirror.skipped))


class TestTheSameAsRecordByRecord:
    @pytest.mark.parametrize(("case", "messages"), [
        ("a lower-case x and its upper-case tombstone are one identity",
         [state_of(PERSON, PERSON.lower()), cleared(PERSON.upper())]),
        ("a later state the index refuses leaves the earlier one",
         [state_of(PERSON), state_of(PERSON, since="1969-12-31")]),
        ("a tombstone whose key is not an identity is refused",
         [state_of(PERSON), cleared("not-an-identity")]),
        ("a conduct list of lists is refused, not a crash",
         [state_of(PERSON), state_of(PERSON, conduct=[["flights"]])]),
    ])
    def test_catch_up_keeps_what_the_record_by_record_mirror_keeps(self, case, messages):
        caught, read = both_ways(messages)
        assert caught == read, case

    def test_a_refused_later_state_is_counted_and_the_earlier_kept(self):
        caught, _ = both_ways([state_of(PERSON), state_of(PERSON, since="1969-12-31")])
        assert caught == ([RESTRICTED, RESTRICTED, None], 1, 1)
