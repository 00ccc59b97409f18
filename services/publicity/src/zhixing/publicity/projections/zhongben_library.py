"""终本案件库 — cases whose current round of enforcement was terminated (R19).

A case is listed from 终本 until it is resumed or closed: only what R19 requires is
public (R61), and natural persons are masked here, before anything is stored (R60).
"""

from __future__ import annotations

from zhixing.contracts.events.cases.v1 import CaseClosed, CaseConcluded, CaseResumed
from zhixing.eventstore.columns import seal_earlier_rows
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import VersionedTables, live_version, physical
from zhixing.kernel.courts import CourtDirectory
from zhixing.messaging.typed import Context, on
from zhixing.publicity.projections.case_progress import public_party, store_keys
from zhixing.publicity.projections.debtor_index import keys_ddl
from zhixing.publicity.projections.public_view import PublicView

TABLE_DDL = """CREATE TABLE IF NOT EXISTS {zhongben_library} (
    case_number TEXT PRIMARY KEY, court_code TEXT NOT NULL, court_name TEXT NOT NULL,
    concluded_on TEXT NOT NULL, unpaid_fen BIGINT NOT NULL, debtors TEXT NOT NULL)"""
INDEX_DDL = ("CREATE INDEX IF NOT EXISTS {zhongben_library}_court "
             "ON {zhongben_library} (court_code, concluded_on)")
TABLES = VersionedTables("zhongben_library", {
    "zhongben_library": (TABLE_DDL, INDEX_DDL),
    "zhongben_keys": keys_ddl("zhongben_keys", "case_number")})
"""Versioned for blue/green rebuilds: readers read the views of these names.
`zhongben_keys` (issue 17) holds each case's debtors' search keys for 综合查询; a library
of an earlier release gains it empty: `zhixing publicity rebuild zhongben_library`."""


def seal_earlier_library(store: SqlStore, cipher: FieldCipher) -> None:
    """Debtors an earlier release stored in plaintext are sealed on the first start."""
    with store.transaction(read_only=True) as cur:
        live = live_version(cur, TABLES.name)
    seal_earlier_rows(store, physical("zhongben_library", live), ("case_number",),
                      ("debtors",), lambda row: (cipher.seal(row[0]),))


class ZhongbenLibraryProjection(PublicView):
    """One entry per case in 终本; deterministic and resumable (STYLE 7)."""

    tables = TABLES

    @on(CaseConcluded)
    def concluded(self, payload: CaseConcluded, ctx: Context) -> None:
        debtors = [public_party(p, self.keep_head, self.keep_tail) for p in payload.respondents]
        court = CourtDirectory.default().get(payload.court_code)
        ctx.cursor.execute(
            "INSERT INTO {zhongben_library} (case_number, court_code, court_name, concluded_on, "
            "unpaid_fen, debtors) VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (case_number) DO NOTHING",
            (payload.case_number, payload.court_code, court.name, payload.concluded_on,
             payload.unpaid_fen, self.cipher.seal_json(debtors)))
        store_keys(ctx.cursor, "{zhongben_keys}", payload.case_number, payload.respondents,
                   self.cipher)

    @on(CaseResumed, CaseClosed)
    def left(self, payload: CaseResumed | CaseClosed, ctx: Context) -> None:
        """R61: out of 终本, out of the library."""
        for table in ("{zhongben_library}", "{zhongben_keys}"):
            ctx.cursor.execute(f"DELETE FROM {table} WHERE case_number = %s",
                               (payload.case_number,))
