"""领导干部干预司法活动记录 — one court's interference register (R35): every record in
full, permanently and immutably, hash-chained (`chain`). No method edits or deletes a
record; a correction is a new record whose `corrects` names the record it corrects, and
the old one stays.

The records name officials and what they asked (personal data): they live only in this
aggregate's events (the encrypted event store), never in a read-model column, an
integration event, a log, a span or an error.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from uuid import UUID, uuid5

from eventsourcing.domain import event
from pydantic import Field

from zhixing.eventstore.domain import Aggregate
from zhixing.supervision.domain.chain import (
    GENESIS,
    ChainKey,
    QuarterSummary,
    entry_fields,
    quarter_summary,
)
from zhixing.supervision.domain.errors import RecordIdReused, RecordInvalid
from zhixing.supervision.domain.values import (
    REF_MAX,
    Entry,
    InterferenceMeans,
    InterferenceRecord,
    a_date,
    bounded_text,
    subject,
)

__all__ = ["Entry", "InterferenceRecord", "InterferenceRegister"]

NAMESPACE = UUID("d4e6f8a0-2b4c-5d6e-8f0a-1b2c3d4e5f60")


class InterferenceRegister(Aggregate):
    """One court's register of interference records, append-only (R35)."""

    typed_state = MappingProxyType({"entries": list[Entry]})
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(court_code: str) -> UUID:
        return uuid5(NAMESPACE, f"interference-register/{court_code}")

    @event("Opened")
    def __init__(self, court_code: str) -> None:
        self.court_code = bounded_text(court_code, "court_code", rule="R39", most=20)
        self.entries: list[Entry] = []

    # --- what it holds ----------------------------------------------------------------

    @property
    def head(self) -> tuple[int, str]:
        """(seq, hash) of the last entry; (0, GENESIS) when empty."""
        return (self.entries[-1].seq, self.entries[-1].hash) if self.entries else (0, GENESIS)

    def entry(self, record_id: str) -> Entry | None:
        """The entry of `record_id`, or None."""
        return next((e for e in self.entries if e.record_id == record_id), None)

    def corrections_of(self, record_id: str) -> list[Entry]:
        """The later records correcting `record_id`, in order."""
        return [e for e in self.entries if e.record.corrects == record_id]

    def summary(self, year: int, quarter: int) -> QuarterSummary:
        """The quarter's summary, a nil report when nothing was recorded (R35)."""
        return quarter_summary(self.court_code, self.entries, year, quarter)

    # --- the one command --------------------------------------------------------------

    def record(self, record_id: str, record: InterferenceRecord, recorded_on: date,
               recorded_by: str, key: ChainKey) -> Entry:
        """Append a record (R35), chained to the one before under `key`. A re-send (same
        id, same record) answers the entry it made; an id naming another record is
        refused, as is a correction naming no record of the register."""
        ref = bounded_text(record_id, "record_id", rule="R35", most=REF_MAX,
                           error=RecordInvalid)
        if not isinstance(record, InterferenceRecord):
            raise RecordInvalid("an interference record is required")
        made = self.entry(ref)
        if made is not None:
            if made.record != record:
                raise RecordIdReused()
            return made
        self._check(ref, record, a_date(recorded_on, "recorded_on", "R35"))
        seq, prev = self.head[0] + 1, self.head[1]
        unsigned = Entry(ref, seq, record, recorded_on, subject(recorded_by, "recorded_by"),
                         prev, "", key.key_id)
        mac = key.row_mac(prev, entry_fields(unsigned, court_code=self.court_code))
        self._recorded(
            record_id=ref, seq=seq, who_name=record.who_name, who_unit=record.who_unit,
            who_post=record.who_post, means=record.means, occurred_on=record.occurred_on,
            case_id=record.case_id, case_number=record.case_number, asked=record.asked,
            corrects=record.corrects, recorded_on=recorded_on,
            recorded_by=unsigned.recorded_by, prev_hash=prev, hash=mac, key_id=key.key_id)
        return self.entries[-1]

    def _check(self, record_id: str, record: InterferenceRecord, recorded_on: date) -> None:
        if record.corrects and (record.corrects == record_id
                                or self.entry(record.corrects) is None):
            raise RecordInvalid("a correction names a record of this register",
                                field="corrects")
        if record.occurred_on > recorded_on:
            raise RecordInvalid("must not be after the day it is recorded",
                                field="occurred_on")
        if self.entries and recorded_on < self.entries[-1].recorded_on:
            raise RecordInvalid(f"must not be before {self.entries[-1].recorded_on} (the "
                                "register's last entry)", field="recorded_on")

    class Recorded(Aggregate.Event):
        """A record appended (R35). Declared rather than made from `_recorded`'s
        signature so that its repr — what a traceback, a test failure or a debugger
        shows — withholds who interfered and what was asked."""

        record_id: str
        seq: int
        who_name: str = Field(repr=False)
        who_unit: str = Field(repr=False)
        who_post: str = Field(repr=False)
        means: InterferenceMeans
        occurred_on: date
        case_id: str
        case_number: str
        asked: str = Field(repr=False)
        corrects: str
        recorded_on: date
        recorded_by: str
        prev_hash: str
        hash: str
        key_id: str

    @event(Recorded)
    def _recorded(self, record_id: str, seq: int, who_name: str, who_unit: str,
                  who_post: str, means: InterferenceMeans, occurred_on: date, case_id: str,
                  case_number: str, asked: str, corrects: str, recorded_on: date,
                  recorded_by: str, prev_hash: str, hash: str, key_id: str) -> None:
        record = InterferenceRecord(who_name, who_unit, who_post, means, occurred_on,
                                    case_id, case_number, asked, corrects)
        self.entries.append(Entry(record_id, seq, record, recorded_on, recorded_by,
                                  prev_hash, hash, key_id))
