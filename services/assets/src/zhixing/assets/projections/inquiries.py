"""Inquiries by case, open or completed, and agencies' overdue answers.

Fed by the assets service's own integration events; every write is an idempotent
upsert, so redelivery and replay converge.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.contracts.events.assets.v1 import (
    AgencyAnswerOverdue,
    NetworkInquiryCompleted,
    NetworkInquiryStarted,
)
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.messaging.typed import Context, TypedHandler, on

INQUIRIES_DDL = """CREATE TABLE IF NOT EXISTS {inquiries} (
    inquiry_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, court_code TEXT NOT NULL,
    status TEXT NOT NULL, started_at TEXT NOT NULL)"""
OVERDUE_DDL = """CREATE TABLE IF NOT EXISTS {overdue_answers} (
    request_id TEXT PRIMARY KEY, inquiry_id TEXT NOT NULL, case_id TEXT NOT NULL,
    court_code TEXT NOT NULL, agency_id TEXT NOT NULL, agency_kind TEXT NOT NULL,
    reply_by TEXT NOT NULL)"""
INQUIRY_INDEXES = (
    "CREATE INDEX IF NOT EXISTS {inquiries}_case ON {inquiries} (case_id, started_at)",
    "CREATE INDEX IF NOT EXISTS {inquiries}_open ON {inquiries} (status)",
)
OVERDUE_INDEX = ("CREATE INDEX IF NOT EXISTS {overdue_answers}_court "
                 "ON {overdue_answers} (court_code, reply_by)")
TABLES = VersionedTables("inquiries", {"inquiries": (INQUIRIES_DDL, *INQUIRY_INDEXES),
                                       "overdue_answers": (OVERDUE_DDL, OVERDUE_INDEX)})
"""Versioned for blue/green rebuilds: readers read the views of these names."""


@dataclass(frozen=True)
class OverdueRow:
    request_id: str
    inquiry_id: str
    case_number: str
    agency_id: str
    agency_kind: str
    reply_by: str


class InquiryIndex(Versioned, TypedHandler):
    """One class per read model (STYLE 7); tracking is written by the consumer."""

    tables = TABLES

    @staticmethod
    def migrate(store: SqlStore) -> None:
        TABLES.install(store)

    @on(NetworkInquiryStarted)
    def started(self, event: NetworkInquiryStarted, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO {inquiries} (inquiry_id, case_id, court_code, status, started_at) "
            "VALUES (%s, %s, %s, 'open', %s) ON CONFLICT (inquiry_id) DO NOTHING",
            (event.inquiry_id, event.case_id, event.court_code, event.started_at))

    @on(NetworkInquiryCompleted)
    def completed(self, event: NetworkInquiryCompleted, ctx: Context) -> None:
        ctx.cursor.execute("UPDATE {inquiries} SET status = 'completed' WHERE inquiry_id = %s",
                           (event.inquiry_id,))

    @on(AgencyAnswerOverdue)
    def overdue(self, event: AgencyAnswerOverdue, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO {overdue_answers} (request_id, inquiry_id, case_id, court_code, "
            "agency_id, agency_kind, reply_by) VALUES (%s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (request_id) DO NOTHING",
            (event.request_id, event.inquiry_id, event.case_id, event.court_code,
             event.agency_id, event.agency_kind, event.reply_by))


class InquiryQueries:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def of_case(self, case_id: str) -> list[str]:
        """Inquiry ids of a case, newest first."""
        return self._column("SELECT inquiry_id FROM inquiries WHERE case_id = %s "
                            "ORDER BY started_at DESC", (case_id,))

    def overdue(self, court_code: str, limit: int = 500) -> list[OverdueRow]:
        """Overdue answers in a court, oldest deadline first (with the case number)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute(
                "SELECT o.request_id, o.inquiry_id, COALESCE(c.case_number, ''), o.agency_id, "
                "o.agency_kind, o.reply_by FROM overdue_answers o LEFT JOIN assets_cases c "
                "ON c.case_id = o.case_id WHERE o.court_code = %s ORDER BY o.reply_by "
                "LIMIT %s", (court_code, limit))
            return [OverdueRow(*map(str, row)) for row in cur.fetchall()]

    def _column(self, sql: str, params: tuple[object, ...]) -> list[str]:
        with self.store.transaction(read_only=True) as cur:
            cur.execute(sql, params)
            return [str(row[0]) for row in cur.fetchall()]
