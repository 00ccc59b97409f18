"""The interference register's hash chain and its quarterly summary (R35).

Each entry's MAC covers the previous entry's MAC and the entry's own fields
(`entry_fields`), under an HMAC key the database never holds (`ChainKey`: the audit key
ring of `zhixing.security.audit_keys` fits). `verify` proves a copy of the register whole:
an edited entry (its MAC no longer matches), a deleted one (a gap in `seq` or a broken
link) and a cut tail (shorter than, or different from, a head kept outside) are each named
by their seq — never by what they record.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from zhixing.supervision.domain.errors import RecordInvalid
from zhixing.supervision.domain.values import Entry, InterferenceMeans

GENESIS = "0" * 64
"""The link before the first entry."""


class ChainKey(Protocol):
    """An HMAC key of the chain (`zhixing.security.audit_keys.AuditKey` is one)."""

    @property
    def key_id(self) -> str: ...

    def row_mac(self, prev_mac: str, fields: Mapping[str, object]) -> str:
        """The MAC of a row over the previous row's MAC and the row's own fields."""
        ...


class ChainKeys(Protocol):
    """Every key a chain may hold, the current one signing new entries (`KeyRing` is
    one). `current` is a property, as on `KeyRing`."""

    @property
    def current(self) -> ChainKey: ...

    def get(self, key_id: str) -> ChainKey | None:
        """The key with this id, or None."""
        ...


def entry_fields(entry: Entry, *, court_code: str = "") -> dict[str, object]:
    """What an entry's MAC covers: the court whose register holds it, its place, the whole
    record, when and by whom it was entered, and the key's id (the previous MAC is chained
    in by `row_mac`). The court binds the entry to its register: every court's chain is
    MACed with the same key ring, so without it a whole register copied over another
    court's would prove whole."""
    record = entry.record
    return {
        "court_code": court_code, "record_id": entry.record_id, "seq": entry.seq, "who_name": record.who_name,
        "who_unit": record.who_unit, "who_post": record.who_post,
        "means": record.means.value, "occurred_on": record.occurred_on.isoformat(),
        "case_id": record.case_id, "case_number": record.case_number,
        "asked": record.asked, "corrects": record.corrects,
        "recorded_on": entry.recorded_on.isoformat(), "recorded_by": entry.recorded_by,
        "key_id": entry.key_id,
    }


@dataclass(frozen=True)
class ChainCheck:
    """What `verify` found: `ok`, how many entries proved good before the first bad
    one (`checked`), that one's seq (`first_bad_seq`, 0 when none) and what is wrong with
    it (`problem`, naming the seq only), and the head of the copy checked."""

    ok: bool
    checked: int
    first_bad_seq: int
    problem: str
    head_seq: int
    head_hash: str


def verify(entries: Sequence[Entry], keys: ChainKeys,
           head: tuple[int, str] | None = None, *, court_code: str = "") -> ChainCheck:
    """Prove a copy of `court_code`'s register whole (R35): every entry in place, linked to
    the one before and MACed over what it records in that court's register; and, given a
    `head` (seq, hash) kept outside (a report, an integration event), the copy reaches it
    with the same hash."""
    head_seq, head_hash = (entries[-1].seq, entries[-1].hash) if entries else (0, GENESIS)

    def bad(seq: int, checked: int, problem: str) -> ChainCheck:
        return ChainCheck(False, checked, seq, problem, head_seq, head_hash)

    prev = GENESIS
    for checked, entry in enumerate(entries):
        expected = checked + 1
        if entry.seq != expected:
            return bad(expected, checked, f"entry {expected} is missing: the next entry "
                       f"found is {entry.seq} (deleted)")
        if entry.prev_hash != prev:
            return bad(expected, checked, f"entry {expected} does not link to the entry "
                       "before it (an entry before it was deleted or replaced)")
        key = keys.get(entry.key_id)
        if key is None:
            return bad(expected, checked, f"entry {expected} is MACed by a key the ring "
                       "does not hold")
        if not hmac.compare_digest(key.row_mac(prev, entry_fields(entry, court_code=court_code)), entry.hash):
            return bad(expected, checked, f"entry {expected} does not match its MAC "
                       "(edited)")
        prev = entry.hash
    if head is not None:
        return _against_head(entries, head, bad)
    return ChainCheck(True, len(entries), 0, "", head_seq, head_hash)


def _against_head(entries: Sequence[Entry], head: tuple[int, str],
                  bad: _Bad) -> ChainCheck:
    seq, expected_hash = head
    if seq > len(entries):
        return bad(len(entries) + 1, len(entries), f"the register ends at entry "
                   f"{len(entries)} but its head was at entry {seq} (cut short)")
    if seq > 0 and not hmac.compare_digest(entries[seq - 1].hash, expected_hash):
        return bad(seq, seq - 1, f"entry {seq} differs from the head kept for it "
                   "(cut short and written again)")
    last = entries[-1] if entries else None
    return ChainCheck(True, len(entries), 0, "", last.seq if last else 0,
                      last.hash if last else GENESIS)


class _Bad(Protocol):
    def __call__(self, seq: int, checked: int, problem: str) -> ChainCheck: ...


@dataclass(frozen=True)
class QuarterSummary:
    """A court's quarterly summary of interference (R35): how many records, by means, how
    many cases they name, how many corrections — no name, no content. `nil` is the 零报告:
    no interference was recorded in the quarter. `head_seq`/`head_hash` are the register's
    head at the quarter's end, for a later `verify(head=…)`."""

    court_code: str
    year: int
    quarter: int
    count: int
    by_means: dict[str, int] = field(hash=False)
    cases_named: int
    corrections: int
    nil: bool
    head_seq: int
    head_hash: str


def quarter_summary(court_code: str, entries: Sequence[Entry], year: int,
                    quarter: int) -> QuarterSummary:
    """The summary of the records entered (`recorded_on`) in `quarter` (1–4) of `year`.
    A correction is not a new interference: it is counted in `corrections` only."""
    first, last = quarter_bounds(year, quarter)
    within = [e for e in entries if first <= e.recorded_on <= last]
    records = [e.record for e in within if not e.record.corrects]
    by_means = {means.value: 0 for means in InterferenceMeans}
    for record in records:
        by_means[record.means.value] += 1
    upto = [e for e in entries if e.recorded_on <= last]
    return QuarterSummary(
        court_code=court_code, year=year, quarter=quarter, count=len(records),
        by_means=by_means, cases_named=len({r.case_id for r in records if r.case_id}),
        corrections=len(within) - len(records), nil=not records,
        head_seq=upto[-1].seq if upto else 0, head_hash=upto[-1].hash if upto else GENESIS)


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day of `quarter` (1–4) of `year`."""
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2199:
        raise RecordInvalid("must be 2000–2199", field="year")
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise RecordInvalid("must be 1–4", field="quarter")
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)
