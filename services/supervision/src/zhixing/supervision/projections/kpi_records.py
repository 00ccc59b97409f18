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
_DAYS = {"postgresql": "CAST(x.closed_on AS DATE) - CAST(c.filed_on AS DATE)",
         "sqlite": "CAST(julianday(x.closed_on) - julianday(c.filed_on) AS INTEGER)"}
"""Days from filing to closure: text days (YYYY-MM-DD) as dates, by backend."""
_REFRESH = f"""INSERT INTO {{supervision_kpi_records}} ({', '.join(COLUMNS)})
    SELECT c.case_id, c.case_number, c.court_code, c.case_type, c.filed_on,
    c.claim_total_fen, x.closed_on, CASE WHEN x.closed_on IS NULL THEN NULL
    WHEN x.closed_on > c.filed_on THEN x.closed_on ELSE c.filed_on END,
    COALESCE(x.closure, ''), COALESCE((SELECT SUM(r.amount_fen)
    FROM {{supervision_kpi_receipts}} r WHERE r.case_id = c.case_id
    AND r.received_on <= x.closed_on), 0), COALESCE(l.close_by, ''), {{days}},
    CASE WHEN x.closure = '{ZHONGBEN}' THEN 1 ELSE 0 END,
    CASE WHEN x.closure = '{ZHONGBEN}' THEN 1 ELSE 0 END,
    CASE WHEN c.case_type = '{FIRST_ENFORCEMENT}' THEN 1 ELSE 0 END,
    CASE WHEN x.closed_on IS NOT NULL AND l.close_by <> '' AND x.closed_on <= l.close_by
    THEN 1 ELSE 0 END, ''
    FROM {{supervision_kpi_cases}} c
    LEFT JOIN {{supervision_kpi_closures}} x ON x.case_id = c.case_id
    LEFT JOIN (SELECT case_id, CASE WHEN extended_by > counted_by THEN extended_by
    ELSE counted_by END AS close_by FROM {{supervision_kpi_limits}}) l
    ON l.case_id = c.case_id WHERE c.case_id = %s
    ON CONFLICT (case_id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in COLUMNS[1:])}
    RETURNING filed_on, closed_on, closure"""
"""The record recomputed in one statement — all but R16, which a 终本 adds after
(`refresh`): `compliant` is 1 for a 终本 until its unmet rules are known."""
_CONCLUSION = """SELECT 'notice', served_on, '', '', 0, 0, 0 FROM {supervision_kpi_notices}
    WHERE case_id = %s UNION ALL SELECT 'respondent', '', debtor, '', 0, 0, 0
    FROM {supervision_kpi_respondents} WHERE case_id = %s UNION ALL SELECT kind, decided_on,
    debtor, '', 0, 0, 0 FROM {supervision_kpi_decisions} WHERE case_id = %s UNION ALL
    SELECT 'inquiry', completed_on, inquiry_id, agency_kinds, revision, property_found,
    requery FROM {supervision_kpi_inquiries} WHERE case_id = %s"""
"""Every fact R16 reads of one case, in one statement (kind, day, key, kinds, revision,
found, requery)."""


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
    """Recompute `case_id`'s record from its facts (nothing before its filing is told).
    `cur` is the writer's cursor: bound to one part's version (a `BoundCursor`) its
    tables are read there, the others' live ones."""
    raw: Cursor = getattr(cur, "cursor", cur)
    names = {table: table for table in FACT_TABLES}
    names.update(getattr(cur, "names", {}))
    names.update(getattr(RECORD_TABLES.bind(raw), "names", {}))
    dialect = getattr(raw, "dialect", "postgresql")
    names["days"] = _DAYS[dialect]
    bound = BoundCursor(raw, names)
    if dialect == "postgresql":
        # Two topics' consumers may refresh one case at once (a closure and an inquiry).
        # Each statement reads the facts committed when it starts, so without this lock
        # the later commit writes a record computed without the other's fact. Held to
        # commit: the second waits, then its recompute reads the first's fact. (SQLite
        # has one writer at a time.)
        raw.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                    (f"supervision_kpi_records:{case_id}",))
    bound.execute(_REFRESH, (case_id,))
    row = bound.fetchone()
    if row is None or row[2] != ZHONGBEN:
        return
    unmet = unmet_at_conclusion(conclusion_facts(bound, case_id, _day(row[0]), _day(row[1])))
    if unmet:
        bound.execute("UPDATE {supervision_kpi_records} SET unmet = %s, compliant = 0 "
                      "WHERE case_id = %s", (",".join(unmet), case_id))


def conclusion_facts(cur: Cursor, case_id: str, filed_on: date,
                     concluded_on: date) -> ConclusionFacts:
    """What the events told of a 终本 case (R16), each fact with its date."""
    cur.execute(_CONCLUSION, (case_id,) * 4)
    notice: date | None = None
    respondents: set[str] = set()
    decided: dict[str, dict[str, date]] = defaultdict(dict)
    inquiries = []
    for kind, day, key, kinds, revision, found, requery in cur.fetchall():
        if kind == "notice":
            notice = _day(day)
        elif kind == "respondent":
            respondents.add(str(key))
        elif kind == "inquiry":
            inquiries.append(InquiryFact(str(key), int(revision), _day(day),
                                         frozenset(filter(None, str(kinds).split(","))),
                                         bool(found), bool(requery)))
        else:
            decided["restricted" if kind == "restricted" else "listing"][str(key)] = _day(day)
    return ConclusionFacts(filed_on=filed_on, concluded_on=concluded_on,
                           notice_served_on=notice, respondents=frozenset(respondents),
                           restricted=decided["restricted"], listing_decided=decided["listing"],
                           inquiries=tuple(inquiries))


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
