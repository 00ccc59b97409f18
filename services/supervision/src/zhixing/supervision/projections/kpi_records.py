"""The per-case KPI record (R33, issue 16): one row per filed case, as the figures count it
— its first closure, the money received up to it, R26's closing limit and, for a 终本,
the R16 preconditions unmet at the decision — so that the figures are sums in SQL per
court × month instead of arithmetic over every fact at query time.

A record is never updated from an event's own content: whenever a fact of a case arrives
(on any of the four topics), the case's record is recomputed from ALL of that case's facts
as stored (`refresh`). The facts are order-independent and idempotent (`case_kpis`), so the
record is too — a function of the facts, whatever order they came in.

The records have their own versioned table (`RECORD_TABLES`), written live: a rebuild of
one topic's part recomputes the records of the cases it replays, reading that part's
version being rebuilt and the other parts' live tables; what it writes is what the live
consumer writes for the same facts. On first install over facts kept by an earlier
release, every case's record is computed once (`backfill`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import BoundCursor, VersionedTables, registration
from zhixing.supervision.domain.kpi import (
    FIRST_ENFORCEMENT,
    ZHONGBEN,
    CaseRecord,
    ConclusionFacts,
    InquiryFact,
    unmet_at_conclusion,
)

RECORD_TABLES = VersionedTables("supervision_kpi_records", {
    "supervision_kpi_records": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_records} (case_id TEXT PRIMARY KEY,
        case_number TEXT NOT NULL, court_code TEXT NOT NULL, case_type TEXT NOT NULL,
        filed_on TEXT NOT NULL, claim_total_fen BIGINT NOT NULL, closed_on TEXT,
        ended_on TEXT, closure TEXT NOT NULL, received_fen BIGINT NOT NULL,
        close_by TEXT NOT NULL, days INTEGER, zhongben INTEGER NOT NULL,
        compliant INTEGER NOT NULL, first_enforcement INTEGER NOT NULL,
        within_limit INTEGER NOT NULL, unmet TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS {supervision_kpi_records}_filed "
        "ON {supervision_kpi_records} (court_code, filed_on)",
        "CREATE INDEX IF NOT EXISTS {supervision_kpi_records}_closed "
        "ON {supervision_kpi_records} (court_code, closed_on)")})
"""`closed_on`: the first closure's day (NULL while open); `ended_on`: the later of the
filing and that day (what a month's pending count loses); `unmet`: comma-separated R16
rule ids of a 终本 that was not compliant; `compliant`: a 终本 with none unmet."""
FACT_TABLES = ("supervision_kpi_cases", "supervision_kpi_respondents",
               "supervision_kpi_closures", "supervision_kpi_receipts",
               "supervision_kpi_notices", "supervision_kpi_limits",
               "supervision_kpi_inquiries", "supervision_kpi_decisions")
"""The facts a record is computed from (their logical names: the live versions)."""
COLUMNS = ("case_id", "case_number", "court_code", "case_type", "filed_on",
           "claim_total_fen", "closed_on", "ended_on", "closure", "received_fen", "close_by",
           "days", "zhongben", "compliant", "first_enforcement", "within_limit", "unmet")
_UPSERT = (f"INSERT INTO {{supervision_kpi_records}} ({', '.join(COLUMNS)}) "
           f"VALUES ({', '.join(['%s'] * len(COLUMNS))}) ON CONFLICT (case_id) DO UPDATE SET "
           + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[1:]))
_CASE = """SELECT c.case_number, c.court_code, c.case_type, c.filed_on, c.claim_total_fen,
    x.closed_on, x.closure, (SELECT COALESCE(SUM(r.amount_fen), 0)
    FROM {supervision_kpi_receipts} r WHERE r.case_id = c.case_id
    AND r.received_on <= x.closed_on), CASE WHEN l.extended_by > l.counted_by
    THEN l.extended_by ELSE l.counted_by END FROM {supervision_kpi_cases} c
    LEFT JOIN {supervision_kpi_closures} x ON x.case_id = c.case_id
    LEFT JOIN {supervision_kpi_limits} l ON l.case_id = c.case_id WHERE c.case_id = %s"""


def install(store: SqlStore) -> None:
    """Create the records' table; computed for every case already told when it is new."""
    with store.transaction() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS projection_versions (projection TEXT "
                    "PRIMARY KEY, version BIGINT NOT NULL, building BIGINT, builder TEXT)")
        new = registration(cur, RECORD_TABLES.name) is None
    RECORD_TABLES.install(store)
    if new:
        backfill(store)


def backfill(store: SqlStore) -> int:
    """Every case's record recomputed from its facts; how many."""
    with store.transaction() as cur:
        cur.execute("SELECT case_id FROM supervision_kpi_cases")
        ids = [str(row[0]) for row in cur.fetchall()]
        for case_id in ids:
            refresh(cur, case_id)
    return len(ids)


def refresh(cur: Cursor, case_id: str) -> None:
    """Recompute `case_id`'s record from its facts. `cur` is the writer's cursor: bound
    to one part's version (a `BoundCursor`) its tables are read there, the others' live."""
    raw: Cursor = getattr(cur, "cursor", cur)
    names = {table: table for table in FACT_TABLES}
    names.update(getattr(cur, "names", {}))
    names.update(getattr(RECORD_TABLES.bind(raw), "names", {}))
    bound = BoundCursor(raw, names)
    record = case_record(bound, case_id)
    if record is not None:
        bound.execute(_UPSERT, row_of(record))


def case_record(cur: Cursor, case_id: str) -> CaseRecord | None:
    """The case as the figures count it, from its facts (`cur` writes `{table}` names);
    None before its filing is told."""
    cur.execute(_CASE, (case_id,))
    r = cur.fetchone()
    if r is None:
        return None
    filed_on, closed_on, closure = _day(r[3]), _maybe(r[5]), str(r[6] or "")
    unmet: tuple[str, ...] = ()
    if closure == ZHONGBEN and closed_on is not None:
        unmet = tuple(unmet_at_conclusion(conclusion_facts(cur, case_id, filed_on, closed_on)))
    return CaseRecord(case_id=case_id, case_number=str(r[0]), court_code=str(r[1]),
                      case_type=str(r[2]), filed_on=filed_on, claim_total_fen=int(r[4]),
                      closed_on=closed_on, closure=closure, received_fen=int(r[7] or 0),
                      close_by=_maybe(r[8]), unmet=unmet)


def conclusion_facts(cur: Cursor, case_id: str, filed_on: date,
                     concluded_on: date) -> ConclusionFacts:
    """What the events told of a 终本 case (R16), each fact with its date."""
    cur.execute("SELECT served_on FROM {supervision_kpi_notices} WHERE case_id = %s",
                (case_id,))
    notice = cur.fetchone()
    cur.execute("SELECT debtor FROM {supervision_kpi_respondents} WHERE case_id = %s",
                (case_id,))
    respondents = frozenset(str(row[0]) for row in cur.fetchall())
    cur.execute("SELECT debtor, kind, decided_on FROM {supervision_kpi_decisions} "
                "WHERE case_id = %s", (case_id,))
    decided: dict[str, dict[str, date]] = defaultdict(dict)
    for debtor, kind, day in cur.fetchall():
        decided["restricted" if kind == "restricted" else "listing"][str(debtor)] = _day(day)
    cur.execute("SELECT inquiry_id, revision, completed_on, agency_kinds, property_found, "
                "requery FROM {supervision_kpi_inquiries} WHERE case_id = %s", (case_id,))
    inquiries = tuple(InquiryFact(str(r[0]), int(r[1]), _day(r[2]),
                                  frozenset(filter(None, str(r[3]).split(","))),
                                  bool(r[4]), bool(r[5])) for r in cur.fetchall())
    return ConclusionFacts(filed_on=filed_on, concluded_on=concluded_on,
                           notice_served_on=None if notice is None else _day(notice[0]),
                           respondents=respondents, restricted=decided["restricted"],
                           listing_decided=decided["listing"], inquiries=inquiries)


def row_of(record: CaseRecord) -> tuple[Any, ...]:
    """The record's row, in `COLUMNS` order."""
    closed = record.closed_on
    zhongben = record.closure == ZHONGBEN
    return (record.case_id, record.case_number, record.court_code, record.case_type,
            record.filed_on.isoformat(), record.claim_total_fen,
            None if closed is None else closed.isoformat(),
            None if closed is None else max(closed, record.filed_on).isoformat(),
            record.closure, record.received_fen,
            "" if record.close_by is None else record.close_by.isoformat(), record.days,
            int(zhongben), int(zhongben and not record.unmet),
            int(record.case_type == FIRST_ENFORCEMENT), int(record.within_limit),
            ",".join(record.unmet))


def record_of(row: tuple[Any, ...]) -> CaseRecord:
    """A row read back (`COLUMNS` order) as the record it keeps."""
    values = dict(zip(COLUMNS, row, strict=True))
    return CaseRecord(case_id=str(values["case_id"]), case_number=str(values["case_number"]),
                      court_code=str(values["court_code"]), case_type=str(values["case_type"]),
                      filed_on=_day(values["filed_on"]),
                      claim_total_fen=int(values["claim_total_fen"]),
                      closed_on=_maybe(values["closed_on"]), closure=str(values["closure"]),
                      received_fen=int(values["received_fen"]),
                      close_by=_maybe(values["close_by"]),
                      unmet=tuple(filter(None, str(values["unmet"]).split(","))))


def _day(text: Any) -> date:
    return date.fromisoformat(str(text))


def _maybe(text: Any) -> date | None:
    return date.fromisoformat(str(text)) if text else None
