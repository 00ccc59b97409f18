"""案件进度 — the public view of a case's progress, fed by the cases integration events.

Masking happens HERE (R60): the view never stores a natural person's full name or ID
number, so no unmasked value can reach a public page. Organisations are public (R6).
"""

from __future__ import annotations

from zhixing.contracts.events.cases.v1 import (
    CaseAssigned,
    CaseClosed,
    CaseConcluded,
    CaseDelegated,
    CaseFiled,
    CaseResumed,
    MoneyDisbursed,
    PartyV1,
    SettlementAgreed,
    SettlementDefaulted,
)
from zhixing.eventstore.columns import seal_earlier_rows
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import VersionedTables, live_version, physical
from zhixing.kernel.courts import CourtDirectory
from zhixing.kernel.masking import mask_id_number, mask_name
from zhixing.messaging.typed import Context, on
from zhixing.publicity.projections.debtor_index import identity_key, keys_ddl, name_key
from zhixing.publicity.projections.public_view import PublicView

TABLE_DDL = """CREATE TABLE IF NOT EXISTS {case_progress} (
    case_number TEXT PRIMARY KEY, case_id TEXT NOT NULL, court_code TEXT NOT NULL,
    court_name TEXT NOT NULL, case_type TEXT NOT NULL, status TEXT NOT NULL,
    filed_on TEXT NOT NULL, parties TEXT NOT NULL, updated_at TEXT NOT NULL)"""
INDEX_DDL = "CREATE INDEX IF NOT EXISTS {case_progress}_court ON {case_progress} (court_code)"
STATUS_INDEX_DDL = ("CREATE INDEX IF NOT EXISTS {case_progress}_court_status "
                    "ON {case_progress} (court_code, status)")
"""The public figures count cases filed and closed per court from the index alone."""
BASIS_DDL = """CREATE TABLE IF NOT EXISTS {case_basis} (
    case_number TEXT PRIMARY KEY, basis_kind TEXT NOT NULL,
    basis_document_number TEXT NOT NULL, basis_issuing_body TEXT NOT NULL,
    claim_fen BIGINT NOT NULL, performed_fen BIGINT NOT NULL DEFAULT 0)"""
"""R6: what a listing publishes of its case — the enforcement basis (number and issuing
body), the obligation it fixed (the claim) and how much of it was performed (the money
received by the case, as its disbursements and closure state it)."""
TABLES = VersionedTables("case_progress", {
    "case_progress": (TABLE_DDL, INDEX_DDL, STATUS_INDEX_DDL),
    "case_progress_keys": keys_ddl("case_progress_keys", "case_number"),
    "case_basis": (BASIS_DDL,)})
"""Versioned for blue/green rebuilds: readers read the views of these names.
`case_progress_keys` (issue 17) holds the respondents' search keys for 综合查询, and
`case_basis` the R6 facts of the case a listing shows; a view of an earlier release gains
them empty: `zhixing publicity rebuild case_progress`."""


def public_party(party: PartyV1, keep_head: int, keep_tail: int) -> dict[str, str]:
    """R60 for natural persons; R6 makes an organisation's name and code public."""
    if party.kind != "natural_person":
        return {"role": party.role, "name": party.name, "identity": party.identity_number}
    return {"role": party.role, "name": mask_name(party.name),
            "identity": mask_id_number(party.identity_number, keep_head, keep_tail)}


def store_keys(cursor: Cursor, table: str, case_number: str, parties: list[PartyV1],
               cipher: FieldCipher) -> None:
    """The respondents' search keys of one case (综合查询, R60: blind indexes only)."""
    for party in parties:
        if party.role != "applicant":
            cursor.execute(
                f"INSERT INTO {table} (case_number, identity_key, name_key) VALUES (%s, %s, %s) "
                "ON CONFLICT (case_number, identity_key) DO NOTHING",
                (case_number, identity_key(cipher, party.identity_number),
                 name_key(cipher, party.name)))


def seal_earlier_progress(store: SqlStore, cipher: FieldCipher) -> None:
    """Parties an earlier release stored in plaintext are sealed on the first start."""
    with store.transaction(read_only=True) as cur:
        live = live_version(cur, TABLES.name)
    seal_earlier_rows(store, physical("case_progress", live), ("case_number",), ("parties",),
                      lambda row: (cipher.seal(row[0]),))


class CaseProgressProjection(PublicView):
    """One row per case; deterministic and resumable (STYLE 7)."""

    tables = TABLES

    @on(CaseFiled)
    def filed(self, payload: CaseFiled, ctx: Context) -> None:
        parties = [public_party(p, self.keep_head, self.keep_tail) for p in payload.parties]
        court = CourtDirectory.default().get(payload.court_code)
        ctx.cursor.execute(
            "INSERT INTO {case_progress} (case_number, case_id, court_code, court_name, "
            "case_type, status, filed_on, parties, updated_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (case_number) DO NOTHING",
            (payload.case_number, payload.case_id, payload.court_code, court.name,
             payload.case_type, payload.status, payload.filed_on,
             self.cipher.seal_json(parties), ctx.time))
        if ctx.cursor.rowcount == 1:
            store_keys(ctx.cursor, "{case_progress_keys}", payload.case_number,
                       list(payload.parties), self.cipher)
        ctx.cursor.execute(
            "INSERT INTO {case_basis} (case_number, basis_kind, basis_document_number, "
            "basis_issuing_body, claim_fen) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (case_number) DO NOTHING",
            (payload.case_number, payload.basis_kind, payload.basis_document_number,
             payload.basis_issuing_body, payload.claim_total_fen))

    @on(MoneyDisbursed)
    def disbursed(self, payload: MoneyDisbursed, ctx: Context) -> None:
        """R6 履行情况: the total received so far, as the disbursement states it (a total,
        so redelivery and reordering change nothing)."""
        _performed(ctx.cursor, payload.case_number, payload.received_total_fen)

    @on(CaseAssigned)
    def assigned(self, payload: CaseAssigned, ctx: Context) -> None:
        self._set_status(ctx.cursor, payload.case_number, "executing", ctx.time)

    @on(SettlementAgreed)
    def settled(self, payload: SettlementAgreed, ctx: Context) -> None:
        self._set_status(ctx.cursor, payload.case_number, "settled", ctx.time)

    @on(SettlementDefaulted)
    def settlement_defaulted(self, payload: SettlementDefaulted, ctx: Context) -> None:
        self._set_status(ctx.cursor, payload.case_number, "executing", ctx.time)

    @on(CaseConcluded)
    def concluded(self, payload: CaseConcluded, ctx: Context) -> None:
        """R19: a 终本 case is published as such (终本案件库)."""
        self._set_status(ctx.cursor, payload.case_number, "concluded", ctx.time)

    @on(CaseResumed)
    def resumed(self, payload: CaseResumed, ctx: Context) -> None:
        self._set_status(ctx.cursor, payload.case_number, "resumed", ctx.time)

    @on(CaseDelegated)
    def delegated(self, payload: CaseDelegated, ctx: Context) -> None:
        self._set_status(ctx.cursor, payload.case_number, "delegated", ctx.time)

    @on(CaseClosed)
    def closed(self, payload: CaseClosed, ctx: Context) -> None:
        self._set_status(ctx.cursor, payload.case_number, payload.closure, ctx.time)
        _performed(ctx.cursor, payload.case_number, payload.recovered_fen)

    @staticmethod
    def _set_status(cursor: Cursor, case_number: str, status: str, at: str) -> None:
        cursor.execute("UPDATE {case_progress} SET status = %s, updated_at = %s "
                       "WHERE case_number = %s", (status, at, case_number))


def _performed(cursor: Cursor, case_number: str, total_fen: int) -> None:
    """The performed amount only grows: the largest total any event stated."""
    cursor.execute("UPDATE {case_basis} SET performed_fen = %s "
                   "WHERE case_number = %s AND performed_fen < %s",
                   (total_fen, case_number, total_fen))
