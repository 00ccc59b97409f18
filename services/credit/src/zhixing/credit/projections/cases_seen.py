"""The cases as the credit service knows them, from the cases and assets events.

A listing decision is judged on facts other services own (DESIGN §1): the case's court
and 案号, its debtors (who may be listed, R4 by their ID), whether the execution notice
warned of listing (R5) and its deadline (R10, R12), and — for ground (1) — the debt and
the value already seized (R3). The credit service keeps them here and never reads another
service's database.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.contracts.events.assets.v1 import MeasureLapsed, MeasureReleased, MeasureTookEffect
from zhixing.contracts.events.cases.v1 import CaseFiled, ExecutionNoticeServed, MoneyReceived
from zhixing.credit.projections.candidates import Candidate, undecided_in
from zhixing.eventstore.columns import seal_earlier_rows
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.identity import canonical_identity
from zhixing.messaging.typed import Context, TypedHandler, on

CASES_DDL = """CREATE TABLE IF NOT EXISTS credit_cases (
    case_id TEXT PRIMARY KEY, case_number TEXT NOT NULL, court_code TEXT NOT NULL,
    debtors TEXT NOT NULL, claim_total_fen BIGINT NOT NULL, received_fen BIGINT NOT NULL,
    notice_served_on TEXT NOT NULL, notice_deadline TEXT NOT NULL, warned INTEGER NOT NULL)"""
CASES_INDEX = "CREATE INDEX IF NOT EXISTS credit_cases_number ON credit_cases (case_number)"
SEIZED_DDL = """CREATE TABLE IF NOT EXISTS credit_seized (
    measure_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, amount_fen BIGINT NOT NULL,
    active INTEGER NOT NULL)"""


@dataclass(frozen=True)
class Debtor:
    identity_number: str
    name: str
    kind: str
    """"natural_person" or "organisation" (a state organ counts as an organisation)."""


@dataclass(frozen=True)
class CaseFacts:
    case_id: str
    case_number: str
    court_code: str
    debtors: tuple[Debtor, ...]
    claim_total_fen: int
    received_fen: int
    notice_served_on: str
    """"" until the execution notice is served."""
    notice_deadline: str
    """The notice's deadline (its property-report day): R12 orders come after it."""
    warned: bool
    """The notice warned of listing (R5)."""
    seized_fen: int

    def debtor(self, identity_number: str) -> Debtor | None:
        return next((d for d in self.debtors if d.identity_number == identity_number), None)


class CasesSeen(TypedHandler):
    """Keeps `credit_cases` and `credit_seized` (view and position in one transaction);
    every write is idempotent, so redelivery converges. The debtors are sealed (R60)."""

    def __init__(self, cipher: FieldCipher) -> None:
        self.cipher = cipher

    @staticmethod
    def migrate(store: SqlStore) -> None:
        store.migrate(CASES_DDL, CASES_INDEX, SEIZED_DDL)

    @on(CaseFiled)
    def filed(self, event: CaseFiled, ctx: Context) -> None:
        debtors = [{"identity_number": canonical_identity(p.identity_number), "name": p.name,
                    "kind": "natural_person" if p.kind == "natural_person" else "organisation"}
                   for p in event.parties if p.role == "respondent"]
        ctx.cursor.execute(
            "INSERT INTO credit_cases (case_id, case_number, court_code, debtors, "
            "claim_total_fen, received_fen, notice_served_on, notice_deadline, warned) "
            "VALUES (%s, %s, %s, %s, %s, 0, '', '', 0) ON CONFLICT (case_id) DO NOTHING",
            (event.case_id, event.case_number, event.court_code,
             self.cipher.seal_json(debtors), event.claim_total_fen))

    @on(ExecutionNoticeServed)
    def noticed(self, event: ExecutionNoticeServed, ctx: Context) -> None:
        ctx.cursor.execute(
            "UPDATE credit_cases SET notice_served_on = %s, notice_deadline = %s, warned = %s "
            "WHERE case_id = %s", (event.served_on, event.property_report_due,
                                   int(event.listing_warning), event.case_id))

    @on(MoneyReceived)
    def received(self, event: MoneyReceived, ctx: Context) -> None:
        # Each receipt adds once: the consumer records its event id with the view.
        ctx.cursor.execute("UPDATE credit_cases SET received_fen = received_fen + %s "
                           "WHERE case_id = %s", (event.amount_fen, event.case_id))

    @on(MeasureTookEffect)
    def seized(self, event: MeasureTookEffect, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO credit_seized (measure_id, case_id, amount_fen, active) "
            "VALUES (%s, %s, %s, 1) ON CONFLICT (measure_id) DO NOTHING",
            (event.measure_id, event.case_id, event.amount_fen or 0))

    @on(MeasureReleased, MeasureLapsed)
    def ended(self, event: MeasureReleased | MeasureLapsed, ctx: Context) -> None:
        ctx.cursor.execute("UPDATE credit_seized SET active = 0 WHERE measure_id = %s",
                           (event.measure_id,))


def seal_earlier_cases(store: SqlStore, cipher: FieldCipher) -> None:
    """Debtors an earlier release stored in plaintext are sealed on the first start."""
    seal_earlier_rows(store, "credit_cases", ("case_id",), ("debtors",),
                      lambda row: (cipher.seal(row[0]),))


class CasesSeenQueries:
    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher

    def find(self, case: str) -> CaseFacts | None:
        """The case by its id or by its number (案号)."""
        with self.store.transaction(read_only=True) as cur:
            return find_in(cur, self.cipher, case)

    def noticed(self, limit: int) -> list[CaseFacts]:
        """Cases whose notice warned of listing, by case number (for the demo)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id FROM credit_cases WHERE warned = 1 "
                        "ORDER BY case_number LIMIT %s", (limit,))
            ids = [str(row[0]) for row in cur.fetchall()]
            return [found for i in ids if (found := find_in(cur, self.cipher, i)) is not None]

    def candidates(self, court_code: str, limit: int = 500) -> list[Candidate]:
        """The court's undecided candidates for listing, newest first."""
        with self.store.transaction(read_only=True) as cur:
            return undecided_in(cur, self.cipher, court_code, limit)


def find_in(cursor: Cursor, cipher: FieldCipher, case: str) -> CaseFacts | None:
    """`find` inside a transaction already open (a consumer's, on the same store)."""
    cursor.execute("SELECT case_id, case_number, court_code, debtors, claim_total_fen, "
                   "received_fen, notice_served_on, notice_deadline, warned, "
                   "(SELECT COALESCE(SUM(amount_fen), 0) FROM credit_seized s "
                   " WHERE s.case_id = c.case_id AND s.active = 1) "
                   "FROM credit_cases c WHERE case_id = %s OR case_number = %s", (case, case))
    row = cursor.fetchone()
    if row is None:
        return None
    # An earlier release kept IDs as typed (a lower-case `x`); requests name them in the
    # canonical form (issue 12 item 5), so they are read in that form.
    debtors = tuple(Debtor(**{**d, "identity_number": canonical_identity(d["identity_number"])})
                    for d in cipher.open_json(str(row[3])))
    return CaseFacts(str(row[0]), str(row[1]), str(row[2]), debtors, int(row[4]),
                     int(row[5]), str(row[6]), str(row[7]), bool(row[8]), int(row[9]))
