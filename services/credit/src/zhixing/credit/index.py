"""The partners' local credit index (DESIGN §13: partners who check at scale mirror the
list and look up locally, R42).

Identity number (18-character resident ID or unified social credit code) → current state.
Compact by construction, stdlib only: each identity is packed into one int (its 18
characters as base-32 digits of the USCC alphabet, which contains the resident ID's digits
and X, so the encoding is injective; up to 90 bits), each state into one int (62 bits).
The bulk lives in three sorted parallel `array('Q')`s -- a 64-bit mix of the key, the
key's bits 64-89, the packed state -- i.e. 24 bytes an entry, found by one binary search
(`bisect` on the array, in C) on the mix; the mix (low bits xor scrambled high bits) is
invertible given the high bits, and spread, so equal mixes are rare and scanned.
Changes land first in a small dict (a state, or a tombstone for a removal), which lookups
consult first and which is merged into the arrays once it passes a threshold, so a put
costs a dict write and the arrays are rewritten only once per ~64k changes.
Only valid identities (check character included) are stored, so a lookup needs no
check-digit arithmetic: an invalid identity is simply not there.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from operator import mul
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


_LOW = (1 << 64) - 1
_TOMBSTONE = -1
"""Marks, among the recent changes, a removal of an entry that the arrays still hold."""
_SCRAMBLE = 0x9E3779B97F4A7C15
"""Odd (golden-ratio) multiplier: spreads the high bits (region, type) over all 64."""
_CHANGE_BYTES = 36 + 32
"""Estimated int objects of one recent change: a ~90-bit key and a 62-bit state."""


class CreditIndex:
    """identity → State: sorted packed arrays plus a small dict of recent changes."""

    def __init__(self, merge_threshold: int = 1 << 16) -> None:
        self._mix = array("Q")
        """`_split(key)[0]`, ascending; ties ordered by `_high`."""
        self._high = array("Q")
        """Key bits 64 and up: with the mix, they give the key back."""
        self._values = array("Q")
        self._recent: dict[int, int] = {}
        """key → packed state, or _TOMBSTONE; wins over the arrays."""
        self._count = 0
        self._merge_threshold = merge_threshold

    @classmethod
    def bulk_load(cls, pairs: Iterable[tuple[str, State]],
                  merge_threshold: int = 1 << 16) -> CreditIndex:
        """Build from many pairs at once (rebuild from the compacted topic); a later pair
        replaces an earlier one with the same identity, as individual puts would."""
        index = cls(merge_threshold)
        # Chunks of ~1M changes, one merge each: the temporary dict, ints and sorted
        # tuples (~300 B a change) stay bounded (~300 MB) however many pairs there are.
        chunk: dict[int, int] = {}
        for position, (identity, state) in enumerate(pairs):
            field = f"pairs[{position}].identity"
            key = _key(identity, field)
            _require_check_character(identity.upper(), field)
            chunk[key] = _pack(state)
            if len(chunk) >= 1 << 20:
                index._recent, chunk = chunk, {}
                index._merge()
        index._recent = chunk
        index._merge()
        return index

    def __len__(self) -> int:
        return self._count

    def put(self, identity: str, state: State) -> None:
        """Insert or replace the state of a valid identity (InvalidInput otherwise)."""
        key = _key(identity, "identity")
        _require_check_character(identity.upper())
        value = _pack(state)
        if self._lookup(key) is None:
            self._count += 1
        self._recent[key] = value
        if len(self._recent) > self._merge_threshold:
            self._merge()

    def remove(self, identity: str) -> bool:
        """Forget an identity; False when it was not there."""
        key = _key(identity, "identity")
        if self._lookup(key) is None:
            return False
        self._count -= 1
        if self._find(key) < 0:
            del self._recent[key]  # only ever in the dict: nothing to hide in the arrays
        else:
            self._recent[key] = _TOMBSTONE
        return True

    def get(self, identity: str) -> State | None:
        value = self._lookup(_key(identity, "identity"))
        return None if value is None else _unpack(value)

    def check_many(self, identities: Iterable[str]) -> list[State | None]:
        """BatchCheck: one answer per identity, in order; an identity that is not even
        well-formed is refused naming its position. (`_key`, `_lookup` inlined: this is
        the hot loop.)"""
        recent, mixes, high, values = self._recent, self._mix, self._high, self._values
        size = len(mixes)
        unpack, allowed, table = _unpack, _ALLOWED.issuperset, _TO_BASE32
        answers: list[State | None] = []
        append = answers.append
        for identity in identities:
            code = identity.upper()
            if len(code) != 18 or not allowed(code):
                _key(code, f"identities[{len(answers)}]")
            key = int(code.translate(table), 32)
            value = recent.get(key)
            if value is None:
                top = key >> 64
                mix = (key ^ top * _SCRAMBLE) & _LOW
                at = bisect_left(mixes, mix)
                while at < size and mixes[at] == mix:
                    if high[at] == top:
                        value = values[at]
                        break
                    at += 1
            append(None if value is None or value < 0 else unpack(value))
        return answers

    def memory_bytes(self) -> int:
        """An estimate: the three arrays, the recent changes' dict and its int objects."""
        return (sys.getsizeof(self._mix) + sys.getsizeof(self._high)
                + sys.getsizeof(self._values) + sys.getsizeof(self._recent)
                + len(self._recent) * _CHANGE_BYTES)

    def _lookup(self, key: int) -> int | None:
        value = self._recent.get(key)
        if value is None:
            at = self._find(key)
            return None if at < 0 else self._values[at]
        return None if value == _TOMBSTONE else value

    def _find(self, key: int) -> int:
        """Position of key in the arrays, or -1."""
        mix, top = _split(key)
        at = _position(self._mix, self._high, mix, top, 0)
        return at if at < len(self._mix) and self._mix[at] == mix and self._high[at] == top \
            else -1

    def _merge(self) -> None:
        """Rewrite the arrays with the recent changes folded in: untouched runs are copied
        slice by slice (C memcpy), so the cost is one bisect per change plus one copy of
        the arrays; the peak is twice the arrays while old and new coexist."""
        mixes, high, values = self._mix, self._high, self._values
        changes = sorted((*_split(key), value) for key, value in self._recent.items())
        if not mixes:  # a first load: nothing to interleave, build the arrays at once
            live = [change for change in changes if change[2] != _TOMBSTONE]
            self._mix = array("Q", [change[0] for change in live])
            self._high = array("Q", [change[1] for change in live])
            self._values = array("Q", [change[2] for change in live])
            self._recent, self._count = {}, len(live)
            return
        new_mix, new_high, new_values = array("Q"), array("Q"), array("Q")
        copied = 0
        for mix, top, value in changes:
            at = _position(mixes, high, mix, top, copied)
            new_mix += mixes[copied:at]
            new_high += high[copied:at]
            new_values += values[copied:at]
            found = at < len(mixes) and mixes[at] == mix and high[at] == top
            copied = at + 1 if found else at
            if value != _TOMBSTONE:
                new_mix.append(mix)
                new_high.append(top)
                new_values.append(value)
        new_mix += mixes[copied:]
        new_high += high[copied:]
        new_values += values[copied:]
        self._mix, self._high, self._values = new_mix, new_high, new_values
        self._recent = {}
        self._count = len(new_values)  # nothing pending: the arrays are the whole index


def _split(key: int) -> tuple[int, int]:
    """key → (mix, high bits); invertible: low bits = mix ^ (high * _SCRAMBLE mod 2**64)."""
    top = key >> 64
    return (key ^ top * _SCRAMBLE) & _LOW, top


def _position(mixes: array[int], high: array[int], mix: int, top: int, start: int) -> int:
    """Where (mix, top) is or would go in the arrays sorted by (mix, high), from start."""
    at = bisect_left(mixes, mix, start)
    while at < len(mixes) and mixes[at] == mix and high[at] < top:
        at += 1
    return at


def is_valid(identity: str) -> bool:
    """A well-formed resident ID number or unified social credit code, check character
    included."""
    code = identity.upper()
    return (len(code) == 18 and _ALLOWED.issuperset(code)
            and (_valid_resident_id(code) or _valid_credit_code(code)))


def _key(identity: str, field: str) -> int:
    code = identity.upper()
    if len(code) != 18 or not _ALLOWED.issuperset(code):
        raise InvalidInput("an identity is an 18-character resident ID number or unified "
                           "social credit code", field=field)
    return int(code.translate(_TO_BASE32), 32)


def _require_check_character(code: str, field: str = "identity") -> None:
    if not (_valid_resident_id(code) or _valid_credit_code(code)):
        raise InvalidInput("the check character does not match: neither a resident ID "
                           "number nor a unified social credit code", field=field)


def _valid_resident_id(code: str) -> bool:
    if not code[:17].isdigit() or not code[:17].isascii():
        return False
    # map/mul rather than a generator: this check is half of a bulk load's time.
    check = (1 - sum(map(mul, map(int, code[:17]), _RIC_WEIGHTS))) % 11
    return code[17] == ("X" if check == 10 else str(check))


def _valid_credit_code(code: str) -> bool:
    total = sum(map(mul, map(USCC_ALPHABET.index, code[:17]), _USCC_WEIGHTS))
    return code[17] == USCC_ALPHABET[(31 - total % 31) % 31]


def _pack(state: State) -> int:
    if (0 <= state.codes < 1 << CODES_BITS and 0 <= state.since < 1 << SINCE_BITS
            and 0 <= state.cases < 1 << CASES_BITS):  # the common case, without getattr
        return (int(state.listed) | int(state.restricted) << 1 | state.codes << _CODES_SHIFT
                | state.since << _SINCE_SHIFT | state.cases << _CASES_SHIFT)
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
