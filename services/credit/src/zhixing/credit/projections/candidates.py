"""失信候选 — the debtors the cases events propose for listing, until a judge decides.

A missed property report (R1(4), PropertyReportMissed) and a defaulted settlement
(R1(6), SettlementDefaulted) propose a case's respondents; a decision on that debtor in
that case — listed (DebtorListed) or not (ListingDeclined), from the credit service's own
topic — settles every proposal made on or before the decision's day. Only the events
change this view (STYLE 17): no servicer writes it beside a command, so neither a crash
between the two nor a rebuild can bring a decided candidate back.

The proposals and the decisions come on two topics, in no fixed order between them, so
the latest decision day of each debtor in each case is kept (`credit_decisions`) and a
proposal that arrives after its decision is stored already decided: replaying the
events in any order gives the same rows. Every write is idempotent.

R60: rows are keyed by the debtor's blind index (a keyed HMAC of the canonical ID), and
the ID itself is kept sealed in `debtor`, to be shown masked.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.contracts.events.cases.v1 import PartyV1, PropertyReportMissed, SettlementDefaulted
from zhixing.contracts.events.credit.v1 import DebtorListed, ListingDeclined
from zhixing.eventstore.columns import add_missing_columns, seal_earlier_rows
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.identity import canonical_identity
from zhixing.messaging.typed import Context, TypedHandler, on

CANDIDATES_DDL = """CREATE TABLE IF NOT EXISTS credit_candidates (
    case_id TEXT NOT NULL, identity_number TEXT NOT NULL, ground INTEGER NOT NULL,
    court_code TEXT NOT NULL, case_number TEXT NOT NULL, because TEXT NOT NULL,
    seen_on TEXT NOT NULL, decided INTEGER NOT NULL, debtor TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, identity_number, ground))"""
"""`identity_number` holds the blind index, `debtor` the sealed ID (R60)."""
DECISIONS_DDL = """CREATE TABLE IF NOT EXISTS credit_decisions (
    case_id TEXT NOT NULL, identity_number TEXT NOT NULL, decided_on TEXT NOT NULL,
    PRIMARY KEY (case_id, identity_number))"""


@dataclass(frozen=True)
class Candidate:
    case_id: str
    case_number: str
    identity_number: str
    ground: int
    because: str
    seen_on: str


class Candidates(TypedHandler):
    """Keeps `credit_candidates` and `credit_decisions` (STYLE 7: one class per view).
    Fed by the cases topic (proposals) and the credit topic (decisions)."""

    def __init__(self, cipher: FieldCipher) -> None:
        self.cipher = cipher

    @staticmethod
    def migrate(store: SqlStore) -> None:
        store.migrate(CANDIDATES_DDL, DECISIONS_DDL)
        add_missing_columns(store, "credit_candidates", {"debtor": "TEXT NOT NULL DEFAULT ''"})

    @on(PropertyReportMissed)
    def report_missed(self, event: PropertyReportMissed, ctx: Context) -> None:
        """R1(4): the debtors who did not report their property."""
        _propose(ctx.cursor, self.cipher, event.case_id, event.case_number, event.court_code,
                 event.respondents, 4, "PropertyReportMissed", event.due_on)

    @on(SettlementDefaulted)
    def settlement_defaulted(self, event: SettlementDefaulted, ctx: Context) -> None:
        """R1(6): the debtors who failed the settlement."""
        _propose(ctx.cursor, self.cipher, event.case_id, event.case_number, event.court_code,
                 event.respondents, 6, "SettlementDefaulted", event.defaulted_on)

    @on(DebtorListed, ListingDeclined)
    def decided(self, event: DebtorListed | ListingDeclined, ctx: Context) -> None:
        """A judge decided on the debtor in the case (R5): listed or not, the proposals
        made so far are settled."""
        debtor = self.cipher.blind(canonical_identity(event.debtor_identity_number))
        ctx.cursor.execute(
            "INSERT INTO credit_decisions (case_id, identity_number, decided_on) "
            "VALUES (%s, %s, %s) ON CONFLICT (case_id, identity_number) DO UPDATE "
            "SET decided_on = excluded.decided_on "
            "WHERE credit_decisions.decided_on < excluded.decided_on",
            (event.case_id, debtor, event.decided_on))
        ctx.cursor.execute(
            "UPDATE credit_candidates SET decided = 1 WHERE case_id = %s AND "
            "identity_number = %s AND seen_on <= %s",
            (event.case_id, debtor, event.decided_on))


def seal_earlier_candidates(store: SqlStore, cipher: FieldCipher) -> None:
    """Rows an earlier release keyed by the plain ID are re-keyed by its blind index,
    the ID kept sealed, on the first start."""
    seal_earlier_rows(store, "credit_candidates", ("case_id", "identity_number", "ground"),
                      ("identity_number", "debtor"),
                      lambda row: (cipher.blind(canonical_identity(row[0])),
                                   cipher.seal(canonical_identity(row[0]))))
    seal_earlier_rows(store, "credit_decisions", ("case_id", "identity_number"),
                      ("identity_number",),
                      lambda row: (cipher.blind(canonical_identity(row[0])),))


def _propose(cursor: Cursor, cipher: FieldCipher, case_id: str, case_number: str, court_code: str,
             respondents: list[PartyV1], ground: int, because: str, seen_on: str) -> None:
    """One row per debtor and ground, holding its latest proposal: a ground made out
    again after a decision on it (a second settlement failed) proposes the debtor again."""
    for party in respondents:
        # Events of an earlier release kept the ID as typed (a lower-case `x`): the blind
        # index is of the canonical form, as every lookup and decision names it (item 5).
        identity = canonical_identity(party.identity_number)
        debtor = cipher.blind(identity)
        cursor.execute(
            "INSERT INTO credit_candidates (case_id, identity_number, ground, court_code, "
            "case_number, because, seen_on, debtor, decided) VALUES (%s, %s, %s, %s, %s, %s, "
            "%s, %s, CASE WHEN EXISTS (SELECT 1 FROM credit_decisions WHERE case_id = %s AND "
            "identity_number = %s AND decided_on >= %s) THEN 1 ELSE 0 END) "
            "ON CONFLICT (case_id, identity_number, ground) DO UPDATE SET "
            "seen_on = excluded.seen_on, because = excluded.because, "
            "decided = excluded.decided WHERE credit_candidates.seen_on < excluded.seen_on",
            (case_id, debtor, ground, court_code, case_number, because, seen_on,
             cipher.seal(identity), case_id, debtor, seen_on))


def undecided_in(cursor: Cursor, cipher: FieldCipher, court_code: str,
                 limit: int) -> list[Candidate]:
    """The court's undecided candidates, newest first."""
    cursor.execute("SELECT case_id, case_number, debtor, ground, because, seen_on "
                   "FROM credit_candidates WHERE court_code = %s AND decided = 0 "
                   "ORDER BY seen_on DESC, case_number LIMIT %s", (court_code, limit))
    return [Candidate(str(r[0]), str(r[1]), cipher.open(str(r[2])), int(r[3]), str(r[4]),
                      str(r[5])) for r in cursor.fetchall()]
