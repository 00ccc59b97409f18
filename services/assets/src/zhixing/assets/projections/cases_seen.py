"""The cases as the assets service knows them, from the cases events (DESIGN §1).

The assets service never reads the cases database: it keeps what it needs here — court,
number, assigned team (R46: officers see property results only for their team's
cases), the claim (R21's cap) and the debtors (whom to inquire about) — and the R18
re-query schedule announced with 终本. The debtors' names and ID numbers are sealed
(R60: personal data encrypted at rest).
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.contracts.events.cases.v1 import (
    CaseAssigned,
    CaseClosed,
    CaseConcluded,
    CaseDelegated,
    CaseFiled,
    CaseResumed,
)
from zhixing.eventstore.columns import seal_earlier_rows
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.identity import canonical_identity
from zhixing.messaging.typed import Context, TypedHandler, on

CASES_DDL = """CREATE TABLE IF NOT EXISTS assets_cases (
    case_id TEXT PRIMARY KEY, case_number TEXT NOT NULL, court_code TEXT NOT NULL,
    case_type TEXT NOT NULL, team TEXT NOT NULL, status TEXT NOT NULL,
    claim_total_fen BIGINT NOT NULL, debtors TEXT NOT NULL)"""
CASES_INDEX = "CREATE INDEX IF NOT EXISTS assets_cases_number ON assets_cases (case_number)"
REQUERY_DDL = """CREATE TABLE IF NOT EXISTS requery_schedule (
    case_id TEXT NOT NULL, due_on TEXT NOT NULL, done INTEGER NOT NULL,
    PRIMARY KEY (case_id, due_on))"""
_STATUS: dict[type, str] = {CaseConcluded: "concluded", CaseResumed: "resumed",
                            CaseClosed: "closed", CaseDelegated: "delegated"}


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


class CasesSeen(TypedHandler):
    """Keeps `assets_cases` and `requery_schedule` (STYLE 7: view and position in one
    transaction). Writes are idempotent, so redelivery converges."""

    def __init__(self, cipher: FieldCipher) -> None:
        self.cipher = cipher

    @staticmethod
    def migrate(store: SqlStore) -> None:
        store.migrate(CASES_DDL, CASES_INDEX, REQUERY_DDL)

    @on(CaseFiled)
    def filed(self, event: CaseFiled, ctx: Context) -> None:
        debtors = [{"identity_number": canonical_identity(p.identity_number), "name": p.name}
                   for p in event.parties if p.role == "respondent"]
        ctx.cursor.execute(
            "INSERT INTO assets_cases (case_id, case_number, court_code, case_type, team, "
            "status, claim_total_fen, debtors) VALUES (%s, %s, %s, %s, '', 'filed', %s, %s) "
            "ON CONFLICT (case_id) DO NOTHING",
            (event.case_id, event.case_number, event.court_code, event.case_type,
             event.claim_total_fen, self.cipher.seal_json(debtors)))

    @on(CaseAssigned)
    def assigned(self, event: CaseAssigned, ctx: Context) -> None:
        ctx.cursor.execute("UPDATE assets_cases SET team = %s WHERE case_id = %s",
                           (event.team, event.case_id))

    @on(CaseConcluded)
    def concluded(self, event: CaseConcluded, ctx: Context) -> None:
        """R18: 终本 announces the re-query dates."""
        self._set_status(ctx.cursor, event)
        for due_on in event.requery_dates:
            ctx.cursor.execute("INSERT INTO requery_schedule (case_id, due_on, done) "
                               "VALUES (%s, %s, 0) ON CONFLICT (case_id, due_on) DO NOTHING",
                               (event.case_id, due_on))

    @on(CaseResumed, CaseClosed, CaseDelegated)
    def left_zhongben(self, event: CaseResumed | CaseClosed | CaseDelegated,
                      ctx: Context) -> None:
        """R18: resumption, closure or delegation ends the re-queries still to run."""
        self._set_status(ctx.cursor, event)
        ctx.cursor.execute("DELETE FROM requery_schedule WHERE case_id = %s AND done = 0",
                           (event.case_id,))

    @staticmethod
    def _set_status(cursor: Cursor, event: CaseConcluded | CaseResumed | CaseClosed
                    | CaseDelegated) -> None:
        cursor.execute("UPDATE assets_cases SET status = %s WHERE case_id = %s",
                       (_STATUS[type(event)], event.case_id))


def seal_earlier_cases(store: SqlStore, cipher: FieldCipher) -> None:
    """Debtors an earlier release stored in plaintext are sealed on the first start."""
    seal_earlier_rows(store, "assets_cases", ("case_id",), ("debtors",),
                      lambda row: (cipher.seal(row[0]),))


class CasesSeenQueries:
    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher

    def find(self, case: str) -> SeenCase | None:
        """The case by its id or by its number (案号)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id, case_number, court_code, case_type, team, status, "
                        "claim_total_fen, debtors FROM assets_cases WHERE case_id = %s "
                        "OR case_number = %s", (case, case))
            row = cur.fetchone()
        if row is None:
            return None
        # An earlier release kept IDs as typed (a lower-case `x`); requests name them in
        # the canonical form (issue 12 item 5), so they are read in that form.
        debtors = tuple(Debtor(canonical_identity(d["identity_number"]), d["name"])
                        for d in self.cipher.open_json(row[7]))
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
