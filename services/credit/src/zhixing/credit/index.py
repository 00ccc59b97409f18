"""The partners' local credit index (DESIGN §13: partners who check at scale mirror the
list and look up locally, R42).

Identity number (18-character resident ID or unified social credit code) → current state.
Compact by construction, stdlib only: each identity is packed into one int (its 18
characters as base-32 digits of the USCC alphabet, which contains the resident ID's digits
and X, so the encoding is injective), each state into one int, both held in a single
`dict[int, int]`: `memory_bytes()` counts ~110 bytes an entry on CPython 3.11 (the table
plus two int objects); the process grew by ~160 bytes an entry in a 1-million-entry run
(allocator overhead), so 10 million entries are near the 1.5 GB goal, not safely under it.
Only valid identities (check character included) are stored, so a lookup needs no
check-digit arithmetic: an invalid identity is simply not there.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import NamedTuple

from zhixing.kernel.errors import InvalidInput

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""GB 32100: the 31 characters of a unified social credit code (no I, O, S, V, Z)."""
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_RIC_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ALLOWED = frozenset(USCC_ALPHABET)
_TO_BASE32 = str.maketrans(USCC_ALPHABET, "0123456789abcdefghijklmnopqrstu")

CODES_BITS, SINCE_BITS, CASES_BITS = 16, 20, 24
_CODES_SHIFT = 2
_SINCE_SHIFT = _CODES_SHIFT + CODES_BITS
_CASES_SHIFT = _SINCE_SHIFT + SINCE_BITS


class State(NamedTuple):
    """What a partner needs to know about one identity now."""

    listed: bool
    restricted: bool
    codes: int
    """Restricted conduct as a bitmask (`restriction.conduct_mask`, R13)."""
    since: int
    """Days since 1970-01-01 of the earliest listing or restriction in force."""
    cases: int
    """Number of cases behind the listing or restriction."""


class CreditIndex:
    """identity → State, held as two packed ints per entry."""

    def __init__(self) -> None:
        self._entries: dict[int, int] = {}
        self._int_bytes = 0
        """Sum of the sizes of the key and value int objects held (for memory_bytes)."""

    def __len__(self) -> int:
        return len(self._entries)

    def put(self, identity: str, state: State) -> None:
        """Insert or replace the state of a valid identity (InvalidInput otherwise)."""
        key = _key(identity, "identity")
        _require_check_character(identity.upper())
        value = _pack(state)
        old = self._entries.get(key)
        if old is None:
            self._int_bytes += sys.getsizeof(key)
        else:
            self._int_bytes -= sys.getsizeof(old)
        self._entries[key] = value
        self._int_bytes += sys.getsizeof(value)

    def remove(self, identity: str) -> bool:
        """Forget an identity; False when it was not there."""
        key = _key(identity, "identity")
        value = self._entries.pop(key, None)
        if value is None:
            return False
        self._int_bytes -= sys.getsizeof(key) + sys.getsizeof(value)
        return True

    def get(self, identity: str) -> State | None:
        value = self._entries.get(_key(identity, "identity"))
        return None if value is None else _unpack(value)

    def check_many(self, identities: Iterable[str]) -> list[State | None]:
        """BatchCheck: one answer per identity, in order; an identity that is not even
        well-formed is refused naming its position. (`_key` inlined: this is the hot loop.)"""
        entries, unpack, allowed, table = self._entries, _unpack, _ALLOWED.issuperset, _TO_BASE32
        answers: list[State | None] = []
        append = answers.append
        for identity in identities:
            code = identity.upper()
            if len(code) != 18 or not allowed(code):
                _key(code, f"identities[{len(answers)}]")
            value = entries.get(int(code.translate(table), 32))
            append(None if value is None else unpack(value))
        return answers

    def memory_bytes(self) -> int:
        """An estimate: the dict's own tables plus the int objects it holds (small ints
        that CPython shares are counted as if they were not)."""
        return sys.getsizeof(self._entries) + self._int_bytes


def _key(identity: str, field: str) -> int:
    code = identity.upper()
    if len(code) != 18 or not _ALLOWED.issuperset(code):
        raise InvalidInput("an identity is an 18-character resident ID number or unified "
                           "social credit code", field=field)
    return int(code.translate(_TO_BASE32), 32)


def _require_check_character(code: str) -> None:
    if not (_valid_resident_id(code) or _valid_credit_code(code)):
        raise InvalidInput("the check character does not match: neither a resident ID "
                           "number nor a unified social credit code", field="identity")


def _valid_resident_id(code: str) -> bool:
    if not code[:17].isdigit() or not code[:17].isascii():
        return False
    check = (1 - sum(int(c) * w for c, w in zip(code, _RIC_WEIGHTS, strict=False))) % 11
    return code[17] == ("X" if check == 10 else str(check))


def _valid_credit_code(code: str) -> bool:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(code, _USCC_WEIGHTS, strict=False))
    return code[17] == USCC_ALPHABET[(31 - total % 31) % 31]


def _pack(state: State) -> int:
    for name, bits in (("codes", CODES_BITS), ("since", SINCE_BITS), ("cases", CASES_BITS)):
        value = getattr(state, name)
        if not 0 <= value < 1 << bits:
            raise InvalidInput(f"{name} must be between 0 and {(1 << bits) - 1}",
                               field=f"state.{name}")
    return (int(state.listed) | int(state.restricted) << 1 | state.codes << _CODES_SHIFT
            | state.since << _SINCE_SHIFT | state.cases << _CASES_SHIFT)


def _unpack(value: int) -> State:
    # tuple.__new__ skips NamedTuple's Python-level __new__: a third of a lookup's time.
    return _new_tuple(State, (value & 1 == 1, value & 2 == 2, (value >> _CODES_SHIFT) & 0xFFFF,
                              (value >> _SINCE_SHIFT) & 0xFFFFF, value >> _CASES_SHIFT))


_new_tuple: Callable[[type[State], tuple[bool, bool, int, int, int]], State] = tuple.__new__
