"""A lean reading of the list's records, with the contract's acceptance (issue 19).

`change_from_record` reads every record through `CloudEvent.from_kafka` and the
`DebtorCreditState` model: ~12 µs a record, so a 10-million-entry rebuild took minutes.
Nearly every record on the list is the same shape — the publisher's headers, a JSON
object of exactly-typed fields — and for that shape the contract's answer is known
without building the envelope or the model. `lean_change` checks that shape directly
(orjson, a header dict, exact types) and falls back to `change_from_record` on anything
else: a missing or odd header, JSON orjson will not read, a field of another type (a
`listed` of 1, which the model's lax mode would coerce), an unknown conduct code, another
event type. So it accepts exactly what the contract accepts, with the same result, and
refuses what the contract refuses, with the contract's own error
(tests/unit_examples/test_partner_mirror_lean.py compares the two on altered records).
"""

from __future__ import annotations

from typing import Any

import orjson

from examples.partner_mirror.records import Change, change_from_record, days, known_conduct
from zhixing.contracts.envelope import MAX_NUMBER, SPEC_VERSION
from zhixing.contracts.events.credit.v1 import DebtorCreditState
from zhixing.credit.domain.restriction import CONDUCT
from zhixing.credit.index import State

_SPEC = SPEC_VERSION.encode()
_STATE_TYPE = DebtorCreditState.event_type.encode()
_REQUIRED = frozenset({"ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time",
                       "ce_subject", "ce_region", "ce_sequence", "ce_position"})
"""The headers `CloudEvent.from_kafka` requires (the test fails if it requires others)."""
_DIGITS = 20
"""`ce_sequence` and `ce_position` have 1 to 20 decimal digits."""
_KNOWN = frozenset(CONDUCT)
_CACHED = 1 << 14
"""Most entries each cache keeps: the list has a handful of conduct lists and a few
thousand distinct days; a feed of odd values must not grow them without end."""
_masks: dict[tuple[str, ...], int] = {}
"""Conduct lists seen, all codes known → their mask."""
_days: dict[str, int] = {}
"""`since` values seen → days since 1970-01-01."""


def lean_change(key: bytes | None, value: bytes | None,
                headers: list[tuple[str, bytes]] | None) -> Change | None:
    """What `change_from_record(key, value, headers)` returns, faster for the usual record;
    raises what it raises (it is what runs on anything unusual)."""
    state = usual_state(key, value, headers)
    if state is not None and key:
        return Change(key.decode(), state)  # a key not UTF-8 raises, as the contract's
    return change_from_record(key, value, headers)


def usual_state(key: bytes | None, value: bytes | None,
                headers: list[tuple[str, bytes]] | None) -> State | None:
    """The State of a usual record — a DebtorCreditState as its publisher writes it, with
    a key — or None: then `change_from_record` must read it (or refuse it)."""
    if key and headers and value and _usual_headers(headers):
        return _usual_state(value)
    return None


def _usual_headers(headers: list[tuple[str, bytes]]) -> bool:
    """A DebtorCreditState's headers as its publisher writes them (last of a name wins,
    as in `from_kafka`); anything else goes to the contract's own reading."""
    try:
        found: dict[str, Any] = dict(headers)
    except (TypeError, ValueError):
        return False  # not (name, value) pairs: the contract's reading says what is wrong
    if not found.keys() >= _REQUIRED or found["ce_specversion"] != _SPEC:
        return False
    if found["ce_type"] != _STATE_TYPE:
        return False
    sequence, position = found["ce_sequence"], found["ce_position"]
    # bytes.isdigit is ASCII digits only: [0-9]{1,20} up to MAX_NUMBER, as the envelope
    # reads them (int() of ASCII digits).
    return (type(sequence) is bytes and type(position) is bytes
            and sequence.isdigit() and position.isdigit()
            and len(sequence) <= _DIGITS and len(position) <= _DIGITS
            and int(sequence) <= MAX_NUMBER and int(position) <= MAX_NUMBER)


def _usual_state(value: bytes) -> State | None:
    """The State of a value whose every field has the model's exact JSON type; None for
    anything the model would have to coerce, refuse or look at more closely."""
    try:
        data = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None  # json.loads may still read it (NaN, big integers), or refuse it
    if type(data) is not dict:
        return None
    listed, restricted = data.get("listed"), data.get("restricted")
    conduct, cases = data.get("conduct"), data.get("cases")
    if (type(listed) is not bool or type(restricted) is not bool
            or type(conduct) is not list or type(cases) is not list
            or type(data.get("identity_number")) is not str
            or type(data.get("since")) is not str or type(data.get("as_of")) is not str
            or type(data.get("term_ends", "")) is not str
            or any(type(case) is not str for case in cases)):
        return None
    mask, since = _mask(conduct), _day(data["since"])
    if mask is None or since is None:
        return None
    return State(listed, restricted, mask, since, len(cases))


def _mask(conduct: list[Any]) -> int | None:
    codes = tuple(conduct)
    try:
        mask = _masks.get(codes)
    except TypeError:
        return None  # a list or an object among the codes: the model refuses it
    if mask is None and all(type(code) is str and code in _KNOWN for code in codes):
        mask = known_conduct(codes)
        if len(_masks) < _CACHED:
            _masks[codes] = mask
    return mask  # None: an unknown code, which the contract's path logs


def _day(since: str) -> int | None:
    found = _days.get(since)
    if found is None:
        try:
            found = days(since)
        except ValueError:
            return None  # the contract's path raises it, with its own message
        if len(_days) < _CACHED:
            _days[since] = found
    return found
