"""The cases as the assets service knows them, from the cases events (DESIGN §1).

The assets service never reads the cases database: it keeps what it needs here — court,
number, assigned team (R46: officers see property results only for their team's
cases), the claim (R21's cap) and the debtors (whom to inquire about) — and the R18
re-query schedule announced with 终本.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.sql import Cursor, SqlStore

CASES_DDL = """CREATE TABLE IF NOT EXISTS assets_cases (
    case_id TEXT PRIMARY KEY, case_number TEXT NOT NULL, court_code TEXT NOT NULL,
    case_type TEXT NOT NULL, team TEXT NOT NULL, status TEXT NOT NULL,
    claim_total_fen BIGINT NOT NULL, debtors TEXT NOT NULL)"""
CASES_INDEX = "CREATE INDEX IF NOT EXISTS assets_cases_number ON assets_cases (case_number)"
REQUERY_DDL = """CREATE TABLE IF NOT EXISTS requery_schedule (
    case_id TEXT NOT NULL, due_on TEXT NOT NULL, done INTEGER NOT NULL,
    PRIMARY KEY (case_id, due_on))"""
_STATUS = {"cn.zhixing.cases.v1.CaseConcluded": "concluded",
           "cn.zhixing.cases.v1.CaseResumed": "resumed",
           "cn.zhixing.cases.v1.CaseClosed": "closed",
           "cn.zhixing.cases.v1.CaseDelegated": "delegated"}


@dataclass(frozen=True)
class SeenCase:
    """One row: the case and what the assets service needs of it."""

    case_id: str
    case_number: str
    court_code: str
    case_type: str
    team: str
    status: str
    claim_total_fen: int
    debtors: tuple[Debtor, ...]

    @property
    def ref(self) -> CaseRef:
        return CaseRef(self.case_id, self.case_number, self.court_code, self.debtors,
                       self.team, self.claim_total_fen)


class CasesSeen:
    """Keeps `assets_cases` and `requery_schedule` (STYLE 7: view and position in one
    transaction). Writes are idempotent, so redelivery converges."""

    @staticmethod
    def migrate(store: SqlStore) -> None:
        store.migrate(CASES_DDL, CASES_INDEX, REQUERY_DDL)

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        data = event.data
        if event.type == "cn.zhixing.cases.v1.CaseFiled":
            self._filed(cursor, data)
        elif event.type == "cn.zhixing.cases.v1.CaseAssigned":
            cursor.execute("UPDATE assets_cases SET team = %s WHERE case_id = %s",
                           (data["team"], data["case_id"]))
        elif event.type in _STATUS:
            cursor.execute("UPDATE assets_cases SET status = %s WHERE case_id = %s",
                           (_STATUS[event.type], data["case_id"]))
            self._schedule(cursor, data, event.type)

    @staticmethod
    def _filed(cursor: Cursor, data: dict[str, Any]) -> None:
        debtors = [{"identity_number": p["identity_number"], "name": p["name"]}
                   for p in data["parties"] if p["role"] == "respondent"]
        cursor.execute(
            "INSERT INTO assets_cases (case_id, case_number, court_code, case_type, team, "
            "status, claim_total_fen, debtors) VALUES (%s, %s, %s, %s, '', 'filed', %s, %s) "
            "ON CONFLICT (case_id) DO NOTHING",
            (data["case_id"], data["case_number"], data["court_code"], data["case_type"],
             data["claim_total_fen"], json.dumps(debtors, ensure_ascii=False)))

    @staticmethod
    def _schedule(cursor: Cursor, data: dict[str, Any], event_type: str) -> None:
        """R18: 终本 announces the re-query dates; resumption or closure ends them."""
        if event_type == "cn.zhixing.cases.v1.CaseConcluded":
            for due_on in data["requery_dates"]:
                cursor.execute("INSERT INTO requery_schedule (case_id, due_on, done) "
                               "VALUES (%s, %s, 0) ON CONFLICT (case_id, due_on) DO NOTHING",
                               (data["case_id"], due_on))
        else:
            cursor.execute("DELETE FROM requery_schedule WHERE case_id = %s AND done = 0",
                           (data["case_id"],))


class CasesSeenQueries:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def find(self, case: str) -> SeenCase | None:
        """The case by its id or by its number (案号)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id, case_number, court_code, case_type, team, status, "
                        "claim_total_fen, debtors FROM assets_cases WHERE case_id = %s "
                        "OR case_number = %s", (case, case))
            row = cur.fetchone()
        if row is None:
            return None
        debtors = tuple(Debtor(d["identity_number"], d["name"]) for d in json.loads(row[7]))
        return SeenCase(*row[:6], int(row[6]), debtors)

    def requeries_due(self, today: str) -> list[tuple[str, str]]:
        """(case id, due date) of R18 re-queries due and not yet run."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id, due_on FROM requery_schedule WHERE done = 0 "
                        "AND due_on <= %s ORDER BY due_on, case_id", (today,))
            return [(str(r[0]), str(r[1])) for r in cur.fetchall()]

    def requery_done(self, case_id: str, due_on: str) -> None:
        with self.store.transaction() as cur:
            cur.execute("UPDATE requery_schedule SET done = 1 WHERE case_id = %s AND due_on = %s",
                        (case_id, due_on))
