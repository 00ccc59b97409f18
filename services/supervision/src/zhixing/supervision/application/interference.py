"""领导干部干预司法活动 — the court's interference register (R35): every record appended,
hash-chained under the current chain key, never edited or deleted (a correction is a new
record naming the old one); the chain proved by `verify_register`; a quarter summarised,
with a nil report when nothing was recorded. Who interfered and what was asked stay in
the register (the encrypted event store): no return value here is logged, and a record
naming a case publishes only that and where (outbound.py)."""

from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, uuid4, uuid5

from zhixing.supervision.application.base import SupervisionStore, Unit, key_of
from zhixing.supervision.domain.chain import ChainCheck, QuarterSummary, quarter_summary, verify
from zhixing.supervision.domain.interference import Entry, InterferenceRecord, InterferenceRegister


class InterferenceCommands(SupervisionStore):
    def record_interference(self, court_code: str, record: InterferenceRecord, *, by: str,
                            recorded_on: date, record_id: str | None = None) -> Entry:
        """Append a record to the court's register (everyone records, R35). `record_id`
        is the request's idempotency key: sent again with the same record it returns the
        entry appended then and appends nothing; with another record it is refused. The
        record's id is a UUID made from it: the key is the caller's free text, and the id
        is published (InterferenceReported) — a name typed into it must not be."""
        given = key_of(record_id)
        key = str(uuid5(NAMESPACE_URL, f"zhixing:interference:{court_code}:{given}")
                  if given else uuid4())

        def command(unit: Unit) -> Entry:
            # A re-send (same id, same record) is answered by the register with the entry
            # it made; the id naming another record is refused there (RecordIdReused).
            return unit.register(court_code).record(key, record, recorded_on, by,
                                                    self.chain_keys.current)

        return self.act(command, lock=[f"register/{court_code}"])

    def register_entries(self, court_code: str) -> list[Entry]:
        """Every entry of the court's register, in order (personal data: the caller
        audits each read, R46)."""
        found = self.get_or_none(InterferenceRegister.create_id(court_code))
        return list(found.entries) if isinstance(found, InterferenceRegister) else []

    def verify_register(self, court_code: str,
                        head: tuple[int, str] | None = None) -> ChainCheck:
        """Prove the court's chain: an edited, deleted or cut-off entry is named by its
        seq (`head`: a seq and hash known from outside, e.g. a published report)."""
        return verify(self.register_entries(court_code), self.chain_keys, head,
                      court_code=court_code)

    def quarter_summary(self, court_code: str, year: int, quarter: int) -> QuarterSummary:
        """The court's quarterly summary (R35): counts by means, cases named, corrections
        — a nil report (零报告) when nothing was recorded in the quarter."""
        return quarter_summary(court_code, self.register_entries(court_code), year, quarter)
