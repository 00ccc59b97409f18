"""The partners' local credit index (DESIGN §13: partners who check at scale mirror the
list and look up locally, R42).

Identity number (18-character resident ID or unified social credit code) → current state.
Each identity is packed into one int (its 18 characters as base-32 digits of the USCC
alphabet, which contains the resident ID's digits and X, so the encoding is injective; up
to 90 bits), each state into one int (62 bits). The bulk lives in three sorted parallel
numpy arrays -- a 64-bit mix of the key (uint64), the key's bits 64-89 (uint32), the packed
state (uint64) -- plus a directory of where each run of equal top mix bits starts (uint32,
~2 entries a run): ~22 bytes an entry. The mix (low bits xor scrambled high bits, then an
invertible 64-bit finaliser) is uniform, so the runs are short and a lookup is a directory
read and a few probes; equal mixes (different high bits) are rare and scanned.

Batches are vectorised: `check_many` joins the identities into one byte string, decodes
and validates all 18×n characters with a table, and searches the whole batch at once;
`bulk_load` does the same per chunk, checks the check characters with array arithmetic,
and sorts once. Only a malformed batch takes the one-by-one path, to name its position.
Changes land first in a small dict (a state, or a tombstone for a removal), which lookups
consult first (a bitmap of their mixes spares the others the dict) and which is merged
into the arrays once it passes a threshold, so a put costs a dict write and the arrays are
rewritten only once per ~64k changes. A merge builds new arrays and swaps them in with
one assignment, so a lookup on another thread sees either the old or the new index.
Only valid identities (check character included) are stored, so a lookup needs no
check-digit arithmetic: an invalid identity is simply not there.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from itertools import islice, repeat
from operator import mul
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from zhixing.kernel.errors import InvalidInput

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""GB 32100: the 31 characters of a unified social credit code (no I, O, S, V, Z)."""
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_RIC_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ALLOWED = frozenset(USCC_ALPHABET)
_TO_BASE32 = str.maketrans(USCC_ALPHABET, "0123456789abcdefghijklmnopqrstu")
_DIGITS = bytes(USCC_ALPHABET.index(chr(byte).upper()) if chr(byte).upper() in _ALLOWED
                else 254 if byte == ord("\n") else 255 for byte in range(256))
"""`bytes.translate` table: base-32 digit (place in the alphabet, either case); the
separator newline → 254, any other byte → 255."""
_GROUPS = np.zeros((19, 3), np.int64)
"""rows @ _GROUPS: the key's three 30-bit groups (6 digits each; column 18 is the
separator)."""
for _column in range(18):
    _GROUPS[_column, _column // 6] = 32 ** (5 - _column % 6)
_X = USCC_ALPHABET.index("X")

CODES_BITS, SINCE_BITS, CASES_BITS = 16, 20, 24
_CODES_SHIFT = 2
_SINCE_SHIFT = _CODES_SHIFT + CODES_BITS
_CASES_SHIFT = _SINCE_SHIFT + SINCE_BITS

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
Rows = npt.NDArray[np.uint8]
"""One row of 19 an identity: its 18 base-32 digits, then the separator."""
Columns = tuple[U64, U32, U64]
"""Entries as (mix, key bits 64-89, packed state) arrays."""
Refused = Callable[[int, InvalidInput], None]
"""Told of each pair a lenient `bulk_load` leaves out: its position, why."""


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
_FINALISE = 0xBF58476D1CE4E5B9
"""Odd (splitmix64) multiplier of the finaliser: every mix bit depends on every key bit."""
_CHANGE_BYTES = 36 + 32 + 8
"""Estimated int objects of one recent change (a ~90-bit key, a 62-bit state), its slot."""
_SEEN_BITS = 20
"""The recent changes' bitmap: 1 MiB, ~6 % false hits at the default 64k changes."""
_CHUNK = 1 << 20
"""Pairs a bulk load decodes at once: bounds its temporary Python lists (~100 MB)."""


class _Table(NamedTuple):
    """The merged entries, sorted by (mix, high); replaced whole, never changed in place."""

    mix: U64
    high: U32
    values: U64
    starts: U32
    """starts[b]: the first entry whose mix's top `bits` bits are ≥ b (len 2**bits + 1)."""
    bits: int
    steps: int
    """Binary-search probes that cover the longest run between two starts."""


class CreditIndex:
    """identity → State: sorted packed arrays plus a small dict of recent changes."""

    def __init__(self, merge_threshold: int = 1 << 16) -> None:
        self._table = _table(np.empty(0, np.uint64), np.empty(0, np.uint32),
                             np.empty(0, np.uint64))
        self._recent: dict[int, int] = {}
        """key → packed state, or _TOMBSTONE; wins over the arrays."""
        self._seen = np.zeros(1 << _SEEN_BITS, np.bool_)
        """Marks the top bits of each recent change's mix (never cleared before a merge)."""
        self._count = 0
        self._merge_threshold = merge_threshold

    @classmethod
    def bulk_load(cls, pairs: Iterable[tuple[str, State]], merge_threshold: int = 1 << 16,
                  refused: Refused | None = None) -> CreditIndex:
        """Build from many pairs at once (rebuild from the compacted topic); a later pair
        replaces an earlier one with the same identity, as individual puts would. A pair
        `put` would refuse raises InvalidInput naming its position, or, given `refused`,
        is left out and reported to it (position, error): a feed read from a topic must
        not stop at one bad record."""
        parts: list[Columns] = []
        iterator, offset = iter(pairs), 0
        while chunk := list(islice(iterator, _CHUNK)):
            parts.append(_load_chunk(chunk, offset, refused))
            offset += len(chunk)
        return cls._of_columns(parts, merge_threshold)

    @classmethod
    def union(cls, parts: Sequence[CreditIndex], merge_threshold: int = 1 << 16
              ) -> CreditIndex:
        """One index holding every part's entries (a rebuild read partition by partition
        in parallel, so no two parts hold one identity); where parts do share an identity,
        the later part's state wins, and a removal in one part never removes another
        part's entry."""
        for part in parts:
            if part._recent:
                part._merge()
        return cls._of_columns([(part._table.mix, part._table.high, part._table.values)
                                for part in parts], merge_threshold)

    @classmethod
    def _of_columns(cls, parts: list[Columns], merge_threshold: int) -> CreditIndex:
        """Sort the (mix, high, packed state) columns once; of equal keys the last wins."""
        index = cls(merge_threshold)
        if parts:
            mix, high, values = (np.concatenate(column) for column in zip(*parts, strict=True))
            del parts
            order = np.lexsort((high, mix))  # stable: among equal keys, input order
            mix, high, values = mix[order], high[order], values[order]
            del order
            last = np.ones(len(mix), np.bool_)  # the last pair of each identity wins
            last[:-1] = (mix[1:] != mix[:-1]) | (high[1:] != high[:-1])
            index._table = _table(mix[last], high[last], values[last])
            index._count = int(last.sum())
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
        self._seen[_split(key)[0] >> (64 - _SEEN_BITS)] = True
        if len(self._recent) > self._merge_threshold:
            self._merge()

    def remove(self, identity: str) -> bool:
        """Forget an identity; False when it was not there."""
        key = _key(identity, "identity")
        if self._lookup(key) is None:
            return False
        self._count -= 1
        if self._find(self._table, key) < 0:
            del self._recent[key]  # only ever in the dict: nothing to hide in the arrays
        else:
            self._recent[key] = _TOMBSTONE
            self._seen[_split(key)[0] >> (64 - _SEEN_BITS)] = True
        return True

    def get(self, identity: str) -> State | None:
        value = self._lookup(_key(identity, "identity"))
        return None if value is None else _unpack(value)

    def check_many(self, identities: Iterable[str]) -> list[State | None]:
        """BatchCheck: one answer per identity, in order; an identity that is not even
        well-formed is refused naming its position."""
        codes = identities if isinstance(identities, list) else list(identities)
        if not codes:
            return []
        table, recent = self._table, self._recent  # one consistent view (merges swap)
        high, low = _split_rows(_rows(codes, "identities[{}]"))
        mix = _mix(high, low)
        answers = _answers(_values(table, mix, high))
        if recent:
            _overlay(answers, recent, self._seen, mix, high, low)
        return answers

    def packed_many(self, identities: Sequence[str]) -> U64:
        """BatchCheck's packed answer form: `check_many` as packed states, one uint64 an
        identity (the layout of `_pack`, which check.proto documents), 0 for an identity
        not there — no Python object per identity, so it is several times faster."""
        if not identities:
            return np.zeros(0, np.uint64)
        table, recent = self._table, self._recent  # one consistent view (merges swap)
        high, low = _split_rows(_rows(identities, "identities[{}]"))
        mix = _mix(high, low)
        values = _values(table, mix, high)
        values[values >> np.uint64(63) != 0] = 0
        if recent:
            _overlay_packed(values, recent, self._seen, mix, high, low)
        return values

    def memory_bytes(self) -> int:
        """An estimate: the arrays, the bitmap, the recent changes' dict and its ints."""
        table = self._table
        return (table.mix.nbytes + table.high.nbytes + table.values.nbytes
                + table.starts.nbytes + self._seen.nbytes
                + len(self._recent) * _CHANGE_BYTES)

    def _lookup(self, key: int) -> int | None:
        value = self._recent.get(key)
        if value is None:
            table = self._table
            at = self._find(table, key)
            return None if at < 0 else int(table.values[at])
        return None if value == _TOMBSTONE else value

    @staticmethod
    def _find(table: _Table, key: int) -> int:
        """Position of key in the arrays, or -1 (scalar: bisect within its run)."""
        mix, top = _split(key)
        bucket = mix >> (64 - table.bits)
        mixes, high, starts = table.mix.data, table.high.data, table.starts.data  # Python ints
        at = bisect_left(mixes, mix, starts[bucket], starts[bucket + 1])
        while at < len(mixes) and mixes[at] == mix:
            if high[at] == top:
                return at
            at += 1
        return -1

    def _merge(self) -> None:
        """New arrays with the recent changes folded in: replaced values rewritten, removed
        entries deleted, new ones inserted (numpy copies, ~three passes over the arrays);
        the peak is about twice the arrays while old and new coexist."""
        table, recent = self._table, self._recent
        mix, high = _keys_split(list(recent))
        changed = np.array(list(recent.values()), np.int64)
        order = np.lexsort((high, mix))
        mix, high, changed = mix[order], high[order], changed[order]
        at = _locate(table, mix, high)
        found, live = _matches(table, at, mix, high), changed != _TOMBSTONE
        values = table.values.copy()
        values[at[found & live]] = changed[found & live].astype(np.uint64)
        gone = at[found & ~live]
        new = ~found & live
        inserts = at[new] - np.searchsorted(gone, at[new])  # positions once `gone` is gone
        self._table = _table(
            np.insert(np.delete(table.mix, gone), inserts, mix[new]),
            np.insert(np.delete(table.high, gone), inserts, high[new]),
            np.insert(np.delete(values, gone), inserts, changed[new].astype(np.uint64)))
        self._recent = {}
        self._seen = np.zeros(1 << _SEEN_BITS, np.bool_)
        self._count = len(self._table.mix)  # nothing pending: the arrays are the whole index


def _table(mix: U64, high: U32, values: U64) -> _Table:
    """Wrap sorted arrays with their directory: ~2 entries a run between two starts."""
    bits = max(1, min(30, len(mix).bit_length() - 2))
    counts = np.bincount((mix >> np.uint64(64 - bits)).astype(np.intp), minlength=1 << bits)
    starts = np.zeros((1 << bits) + 1, np.uint32)
    np.cumsum(counts, out=starts[1:])
    return _Table(mix, high, values, starts, bits, int(counts.max()).bit_length())


def _overlay(answers: list[State | None], recent: dict[int, int],
             seen: npt.NDArray[np.bool_], mix: U64, high: U32, low: U64) -> None:
    """Recent changes win: only identities whose mix the bitmap marks ask the dict."""
    candidates = np.flatnonzero(seen[mix >> np.uint64(64 - _SEEN_BITS)])
    for at, top, bottom in zip(candidates.tolist(), high[candidates].tolist(),
                               low[candidates].tolist(), strict=True):
        value = recent.get(top << 64 | bottom)
        if value is not None:
            answers[at] = None if value == _TOMBSTONE else _unpack(value)


def _values(table: _Table, mix: U64, high: U32) -> U64:
    """The arrays' packed state of each (mix, high); 1 << 63 where there is none."""
    at = _locate(table, mix, high)
    found = _matches(table, at, mix, high)
    return np.where(found, table.values[np.minimum(at, len(table.mix) - 1)]
                    if len(table.mix) else 0, np.uint64(1 << 63))


def _overlay_packed(values: U64, recent: dict[int, int], seen: npt.NDArray[np.bool_],
                    mix: U64, high: U32, low: U64) -> None:
    """`_overlay` for packed answers: a recent state replaces, a tombstone clears."""
    candidates = np.flatnonzero(seen[mix >> np.uint64(64 - _SEEN_BITS)])
    for at, top, bottom in zip(candidates.tolist(), high[candidates].tolist(),
                               low[candidates].tolist(), strict=True):
        value = recent.get(top << 64 | bottom)
        if value is not None:
            values[at] = 0 if value == _TOMBSTONE else value


def _locate(table: _Table, mix: U64, high: U32) -> npt.NDArray[np.intp]:
    """Where each (mix, high) is or would go in the arrays: a binary search of all of them
    at once, each within its run of the directory."""
    mixes = table.mix
    if not len(mixes):
        return np.zeros(len(mix), np.intp)
    bucket = (mix >> np.uint64(64 - table.bits)).astype(np.intp)
    low = table.starts[bucket].astype(np.intp)
    top = table.starts[bucket + 1].astype(np.intp)
    last = len(mixes) - 1
    for _ in range(table.steps):
        middle = (low + top) >> 1
        below = mixes[np.minimum(middle, last)] < mix
        open_ = low < top
        low = np.where(open_ & below, middle + 1, low)
        top = np.where(open_ & ~below, middle, top)
    ties = _matches_mix(table, low, mix) & (table.high[np.minimum(low, last)] < high)
    for row in np.flatnonzero(ties).tolist():  # equal mixes, smaller high bits: rare
        at = int(low[row])
        while at < len(mixes) and mixes[at] == mix[row] and table.high[at] < high[row]:
            at += 1
        low[row] = at
    return low


def _matches_mix(table: _Table, at: npt.NDArray[np.intp], mix: U64) -> npt.NDArray[np.bool_]:
    if not len(table.mix):
        return np.zeros(len(at), np.bool_)
    inside = np.minimum(at, len(table.mix) - 1)
    return np.asarray((at < len(table.mix)) & (table.mix[inside] == mix), np.bool_)


def _matches(table: _Table, at: npt.NDArray[np.intp], mix: U64,
             high: U32) -> npt.NDArray[np.bool_]:
    if not len(table.mix):
        return np.zeros(len(at), np.bool_)
    inside = np.minimum(at, len(table.mix) - 1)
    return np.asarray(_matches_mix(table, at, mix) & (table.high[inside] == high), np.bool_)


def _split(key: int) -> tuple[int, int]:
    """key → (mix, high bits); invertible given the high bits (see `_mix`)."""
    top = key >> 64
    mix = (key ^ top * _SCRAMBLE) & _LOW
    mix ^= mix >> 31
    mix = mix * _FINALISE & _LOW
    return mix ^ mix >> 29, top


def _keys_split(keys: list[int]) -> tuple[U64, U32]:
    """`_split` of many keys: (mixes, high bits) as arrays."""
    high = np.array([key >> 64 for key in keys], np.uint32)
    return _mix(high, np.array([key & _LOW for key in keys], np.uint64)), high


def _mix(high: U32, low: U64) -> U64:
    """`_split` for arrays: xor-shifts and odd multiplications (mod 2**64) all invert."""
    mix = low ^ high.astype(np.uint64) * np.uint64(_SCRAMBLE)
    mix ^= mix >> np.uint64(31)
    mix *= np.uint64(_FINALISE)
    mix ^= mix >> np.uint64(29)
    return mix


def _rows(codes: Sequence[str], field: str) -> Rows:
    """The base-32 digits of each identity, a row each. The fast path joins them with
    newlines and translates the bytes: the length, the newlines' places and no byte
    outside the alphabet prove 18 allowed characters each; otherwise each is checked (and
    uppercased) on its own, so the first malformed one is named."""
    try:
        joined = "\n".join(codes).encode("ascii").translate(_DIGITS) + b"\xfe"
    except UnicodeEncodeError:
        joined = b""
    if (len(joined) == 19 * len(codes) and b"\xff" not in joined
            and joined.count(b"\xfe") == len(codes)):
        rows = np.frombuffer(joined, np.uint8).reshape(len(codes), 19)
        if (rows[:, 18] == 254).all():
            return rows
    for position, identity in enumerate(codes):
        _key(identity, field.format(position))
    return _rows([identity.upper() for identity in codes], field)


def _split_rows(rows: Rows) -> tuple[U32, U64]:
    """Rows of digits → (key bits 64-89, key bits 0-63), from three 30-bit groups."""
    groups = (rows @ _GROUPS).astype(np.uint64)
    first, second, third = groups[:, 0], groups[:, 1], groups[:, 2]
    low = first << np.uint64(60) | second << np.uint64(30) | third
    return (first >> np.uint64(4)).astype(np.uint32), low


def _valid_checks(digits: Rows) -> npt.NDArray[np.bool_]:
    """`_valid_resident_id or _valid_credit_code` on rows of digits (mod 11 / mod 31)."""
    body, check = digits[:, :17].astype(np.int64), digits[:, 17].astype(np.int64)
    resident = (1 - body @ np.array(_RIC_WEIGHTS, np.int64)) % 11
    resident = np.where(resident == 10, _X, resident)
    credit = (31 - body @ np.array(_USCC_WEIGHTS, np.int64) % 31) % 31
    return np.asarray(((body < 10).all(axis=1) & (check == resident)) | (check == credit),
                      np.bool_)


def _load_chunk(chunk: list[tuple[str, State]], offset: int,
                refused: Refused | None) -> Columns:
    """(mix, high, packed state) of pairs, all at once; on any refusal, one by one."""
    try:
        digits = _rows([identity for identity, _ in chunk], "")
        values = _pack_many([state for _, state in chunk])
    except (InvalidInput, TypeError, ValueError, OverflowError):
        values = None
    if values is None or not _valid_checks(digits).all():
        return _load_one_by_one(chunk, offset, refused)
    high, low = _split_rows(digits)
    return _mix(high, low), high, values


def _load_one_by_one(chunk: list[tuple[str, State]], offset: int,
                     refused: Refused | None) -> Columns:
    """Names the first refused pair as individual puts would have named it, or reports
    each to `refused` and leaves it out."""
    keys, values = [], []
    for position, (identity, state) in enumerate(chunk, offset):
        field = f"pairs[{position}]"
        try:
            key = _key(identity, f"{field}.identity")
            _require_check_character(identity.upper(), f"{field}.identity")
            value = _pack(state, f"{field}.state")
        except InvalidInput as error:
            if refused is None:
                raise
            refused(position, error)
            continue
        keys.append(key)
        values.append(value)
    return *_keys_split(keys), np.array(values, np.uint64)


def _pack_many(states: list[State]) -> U64 | None:
    """`_pack` of each state, as arrays; None when one is out of range (or not ints)."""
    listed, restricted, codes, since, cases = (np.array(column, np.int64)
                                               for column in zip(*states, strict=True))
    if ((codes >> CODES_BITS) | (since >> SINCE_BITS) | (cases >> CASES_BITS)).any():
        return None  # a negative one shifts to -1, so it is caught too
    packed = ((listed != 0).astype(np.int64) | (restricted != 0).astype(np.int64) << 1
              | codes << _CODES_SHIFT | since << _SINCE_SHIFT | cases << _CASES_SHIFT)
    return np.asarray(packed, np.uint64)


def _answers(values: U64) -> list[State | None]:
    """Packed states → States, 1 << 63 (no such entry) → None: each distinct field array
    converted at once, then one C-level pass builds the tuples."""
    present = values >> np.uint64(63) == 0
    packed = values[present]
    states = list(map(_new_tuple, repeat(State), zip(
        (packed & np.uint64(1)).astype(np.bool_).tolist(),
        (packed & np.uint64(2)).astype(np.bool_).tolist(),
        (packed >> np.uint64(_CODES_SHIFT) & np.uint64(0xFFFF)).tolist(),
        (packed >> np.uint64(_SINCE_SHIFT) & np.uint64(0xFFFFF)).tolist(),
        (packed >> np.uint64(_CASES_SHIFT)).tolist(), strict=True)))
    slots = np.zeros(len(values), np.intp)  # 0: None; i: states[i - 1]
    slots[present] = np.arange(1, len(states) + 1)
    table: list[State | None] = [None, *states]
    return list(map(table.__getitem__, slots.tolist()))


def is_valid(identity: str) -> bool:
    """A well-formed resident ID number or unified social credit code, check character
    included."""
    code = identity.upper()
    return (len(code) == 18 and _ALLOWED.issuperset(code)
            and (_valid_resident_id(code) or _valid_credit_code(code)))


def _key(identity: str, field: str) -> int:
    code = canonical_identity(identity)
    if code is None:
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
    check = (1 - sum(map(mul, map(int, code[:17]), _RIC_WEIGHTS))) % 11
    return code[17] == ("X" if check == 10 else str(check))


def _valid_credit_code(code: str) -> bool:
    total = sum(map(mul, map(USCC_ALPHABET.index, code[:17]), _USCC_WEIGHTS))
    return code[17] == USCC_ALPHABET[(31 - total % 31) % 31]


def canonical_identity(identity: str) -> str | None:
    """The identity as the index keys it (upper case: `…x` and `…X` are one identity), or
    None when `put` and `remove` would refuse its form; the check character is left to
    `put` (and to `bulk_load`)."""
    code = identity.upper()
    return code if len(code) == 18 and _ALLOWED.issuperset(code) else None


def storable(state: State) -> bool:
    """Whether `put` accepts the state: each number within its bits."""
    return (0 <= state.codes < 1 << CODES_BITS and 0 <= state.since < 1 << SINCE_BITS
            and 0 <= state.cases < 1 << CASES_BITS)


def _pack(state: State, field: str = "state") -> int:
    for name, bits in (("codes", CODES_BITS), ("since", SINCE_BITS), ("cases", CASES_BITS)):
        value = getattr(state, name)
        if not 0 <= value < 1 << bits:
            raise InvalidInput(f"{name} must be between 0 and {(1 << bits) - 1}",
                               field=f"{field}.{name}")
    return (int(state.listed) | int(state.restricted) << 1 | state.codes << _CODES_SHIFT
            | state.since << _SINCE_SHIFT | state.cases << _CASES_SHIFT)


def _unpack(value: int) -> State:
    # tuple.__new__ skips NamedTuple's Python-level __new__: a third of a lookup's time.
    return _new_tuple(State, (value & 1 == 1, value & 2 == 2, (value >> _CODES_SHIFT) & 0xFFFF,
                              (value >> _SINCE_SHIFT) & 0xFFFFF, value >> _CASES_SHIFT))


_new_tuple: Callable[[type[State], tuple[bool, bool, int, int, int]], State] = tuple.__new__
