"""What relief knows of each enforcement case (`domain.facts.CaseFacts`), from the cases
and assets integration events — never from their stores (DESIGN §2). R29 (the debtor
cannot pay) and R30 (the unpaid part of the claim) read it.

How each event moves a case's row:

- `CaseFiled` — the row: 案号, court, claim, and the parties as (index, role, kind,
  identity key); the index is the party's place in the filing, as `applicant:<index>`
  names it. A 执恢 case is filed like any other, with the unpaid remainder as its claim.
  Names and identity numbers are not kept: relief names a party by its index, and tells
  it in another case (R29 across a 执恢 case and the one it continues) by a keyed blind
  index of its identity number (R60) — when the view is given the service's cipher.
- `MoneyReceived` — one receipt, kept by its case and `receipt_id`, so a receipt
  counts once however often it is delivered.
- `MoneyDisbursed`, `CaseConcluded`, `CaseClosed` — carry totals the cases service
  counted (`received_total_fen`; the claim less `unpaid_fen`; `recovered_fen`): each
  raises a floor under the received total. The total is the larger of the receipts and
  that floor, so a receipt missed here can only lower the unpaid part, never raise the
  R30 ceiling above what the cases service knows.
- `CaseConcluded` — stage 终本 (`concluded`).
- `CaseResumed` — this case ends here (its account closes; the cases service files a 执恢
  case, `new_case_id`, for the unpaid remainder): stage `closed`. Relief is asked in the
  执恢 case, whose own `CaseFiled` makes its row.
- `CaseClosed` — stage 结案 (`closed`).

A stage only moves forward (filed → 终本 → closed), so a late repeat of an earlier event
changes nothing. `NetworkInquiryCompleted` (assets topic) is kept per `inquiry_id`, its
latest `revision` winning: an overdue agency's late answer that found property is
property found (R29). The debtor's identity number in that event is not kept.

Receipts, floors and inquiries have tables of their own, read with the case's row at
query time: the account's events travel under the account's key and the inquiries on
another topic, so they may arrive before the case's filing.

Every write is idempotent and order-insensitive: redelivery, replay and a rebuild give
the same rows. The view is fed by two consumers (`relief.case-facts` on the cases topic,
`relief.case-facts-assets` on the assets topic); the tables of each topic are versioned
apart (`CASE_TABLES`, `INQUIRY_TABLES`), so each can be rebuilt from its own topic.
"""

from __future__ import annotations

import json

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.events.cases.v1 import (
    CaseClosed,
    CaseConcluded,
    CaseFiled,
    CaseResumed,
    MoneyDisbursed,
    MoneyReceived,
)
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import PinnedTables, Versioned, VersionedTables
from zhixing.kernel.identity import canonical_identity
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.relief.domain.facts import CaseFacts, CaseParty, CaseStage

CASES_DDL = """CREATE TABLE IF NOT EXISTS {relief_case_facts} (
    case_id TEXT PRIMARY KEY, case_number TEXT NOT NULL, court_code TEXT NOT NULL,
    stage TEXT NOT NULL, stage_rank INTEGER NOT NULL, claim_total_fen BIGINT NOT NULL,
    parties TEXT NOT NULL, resumes_case_id TEXT NOT NULL DEFAULT '')"""
"""`parties`: JSON list of [index, role, kind, identity key] — no names, no identity
numbers; the key is a keyed blind index ("" when not known; rows of before it hold
three items: a rebuild fills it).
`resumes_case_id`: for a 执恢 case, the case it resumes (R29 follows the chain back)."""
CASES_INDEX = ("CREATE INDEX IF NOT EXISTS {relief_case_facts}_number "
               "ON {relief_case_facts} (case_number)")
RECEIPTS_DDL = """CREATE TABLE IF NOT EXISTS {relief_case_receipts} (
    case_id TEXT NOT NULL, receipt_id TEXT NOT NULL, amount_fen BIGINT NOT NULL,
    PRIMARY KEY (case_id, receipt_id))"""
"""A receipt's reference is unique in its case's account (R28), not across cases."""
FLOORS_DDL = """CREATE TABLE IF NOT EXISTS {relief_case_floors} (
    case_id TEXT PRIMARY KEY, received_floor_fen BIGINT NOT NULL)"""
"""The largest received total the cases service told (the account's events come under
the account's key, so they may arrive before the case's filing)."""
INQUIRIES_DDL = """CREATE TABLE IF NOT EXISTS {relief_case_inquiries} (
    inquiry_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, revision INTEGER NOT NULL,
    property_found INTEGER NOT NULL, completed_on TEXT NOT NULL)"""
INQUIRIES_INDEX = ("CREATE INDEX IF NOT EXISTS {relief_case_inquiries}_case "
                   "ON {relief_case_inquiries} (case_id)")
CASE_TABLES = VersionedTables("relief_case_facts", {
    "relief_case_facts": (CASES_DDL, CASES_INDEX),
    "relief_case_receipts": (RECEIPTS_DDL,),
    "relief_case_floors": (FLOORS_DDL,)})
"""What the cases topic tells. Versioned for blue/green rebuilds: readers read the
views of these names."""
INQUIRY_TABLES = VersionedTables("relief_case_inquiries", {
    "relief_case_inquiries": (INQUIRIES_DDL, INQUIRIES_INDEX)})
"""What the assets topic tells: versioned apart, so each is rebuilt from its own topic."""
FOLLOWS = {"cases": CASE_TABLES, "assets": INQUIRY_TABLES}

STAGE_RANK = {CaseStage.UNDER_ENFORCEMENT: 0, CaseStage.CONCLUDED: 1, CaseStage.CLOSED: 2}
"""A case's stage only moves forward."""


class CaseFactsView(Versioned, TypedHandler):
    """Keeps the case facts (STYLE 7: one class per read model); the consumer writes its
    tracking with them.

    `CaseFactsView()` follows both topics. `CaseFactsView("cases")` and
    `CaseFactsView("assets")` each follow one, and then each part is rebuildable
    (`zhixing relief rebuild`): a rebuild replays one consumer's topic into its tables."""

    tables: VersionedTables | PinnedTables

    def __init__(self, follows: str = "", *, cipher: FieldCipher | None = None) -> None:
        """`cipher`: the service's, whose blind index keys each party's identity (none:
        parties are kept without one, and R29 cannot follow them into a 执恢 case)."""
        self.cipher = cipher
        if follows:
            if follows not in FOLLOWS:
                raise ValueError(f"follows is one of {', '.join(FOLLOWS)} (or empty for both)")
            self.tables = FOLLOWS[follows]

    @staticmethod
    def migrate(store: SqlStore) -> None:
        CASE_TABLES.install(store)
        INQUIRY_TABLES.install(store)

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        """Each method binds the tables of its own topic (`_bound`)."""
        TypedHandler.handle(self, event, cursor)

    def _bound(self, part: VersionedTables, ctx: Context) -> Cursor | None:
        """The cursor writing `part`'s live tables — or the version a rebuild writes —
        or None when this view follows the other topic only (not its to write)."""
        followed = getattr(self, "tables", None)
        if followed is None:
            return part.bind(ctx.cursor)
        return followed.bind(ctx.cursor) if followed.name == part.name else None

    @on(CaseFiled)
    def filed(self, event: CaseFiled, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        parties = [[index, p.role, p.kind, self._identity_key(p.identity_number)]
                   for index, p in enumerate(event.parties)]
        cur.execute(
            "INSERT INTO {relief_case_facts} (case_id, case_number, court_code, stage, "
            "stage_rank, claim_total_fen, parties, resumes_case_id) "
            "VALUES (%s, %s, %s, %s, 0, %s, %s, %s) ON CONFLICT (case_id) DO NOTHING",
            (event.case_id, event.case_number, event.court_code,
             str(CaseStage.UNDER_ENFORCEMENT), event.claim_total_fen, json.dumps(parties),
             _resumed(event)))

    def _identity_key(self, identity_number: str) -> str:
        return self.cipher.blind(canonical_identity(identity_number)) if self.cipher else ""

    @on(MoneyReceived)
    def received(self, event: MoneyReceived, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        cur.execute(
            "INSERT INTO {relief_case_receipts} (case_id, receipt_id, amount_fen) "
            "VALUES (%s, %s, %s) ON CONFLICT (case_id, receipt_id) DO NOTHING",
            (event.case_id, event.receipt_id, event.amount_fen))

    @on(MoneyDisbursed)
    def disbursed(self, event: MoneyDisbursed, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is not None:
            _raise_floor(cur, event.case_id, event.received_total_fen)

    @on(CaseConcluded)
    def concluded(self, event: CaseConcluded, ctx: Context) -> None:
        """终本: the cases service counted what is unpaid; the rest was received (the
        case's events come in order under its key: its filing is here already)."""
        if (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        cur.execute("SELECT claim_total_fen FROM {relief_case_facts} WHERE case_id = %s",
                    (event.case_id,))
        row = cur.fetchone()
        if row is not None:
            _raise_floor(cur, event.case_id, int(row[0]) - event.unpaid_fen)
        _advance(cur, event.case_id, CaseStage.CONCLUDED)

    @on(CaseResumed)
    def resumed(self, event: CaseResumed, ctx: Context) -> None:
        """恢复执行: this case ends here; the 执恢 case continues it under its own row."""
        if (cur := self._bound(CASE_TABLES, ctx)) is not None:
            _advance(cur, event.case_id, CaseStage.CLOSED)

    @on(CaseClosed)
    def closed(self, event: CaseClosed, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is not None:
            _raise_floor(cur, event.case_id, event.recovered_fen)
            _advance(cur, event.case_id, CaseStage.CLOSED)

    @on(NetworkInquiryCompleted)
    def inquired(self, event: NetworkInquiryCompleted, ctx: Context) -> None:
        """网络查控: the latest revision of each inquiry wins (a late answer revises it)."""
        if (cur := self._bound(INQUIRY_TABLES, ctx)) is None:
            return
        cur.execute(
            "INSERT INTO {relief_case_inquiries} (inquiry_id, case_id, revision, "
            "property_found, completed_on) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (inquiry_id) DO UPDATE SET revision = excluded.revision, "
            "property_found = excluded.property_found, completed_on = excluded.completed_on "
            "WHERE {relief_case_inquiries}.revision < excluded.revision",
            (event.inquiry_id, event.case_id, event.revision,
             int(event.disposable_property_found), event.completed_on))


def _advance(cursor: Cursor, case_id: str, stage: CaseStage) -> None:
    cursor.execute("UPDATE {relief_case_facts} SET stage = %s, stage_rank = %s "
                   "WHERE case_id = %s AND stage_rank < %s",
                   (str(stage), STAGE_RANK[stage], case_id, STAGE_RANK[stage]))


def _raise_floor(cursor: Cursor, case_id: str, received_fen: int) -> None:
    """The floor only rises: a smaller total told later (or again) changes nothing."""
    cursor.execute(
        "INSERT INTO {relief_case_floors} (case_id, received_floor_fen) VALUES (%s, %s) "
        "ON CONFLICT (case_id) DO UPDATE SET received_floor_fen = excluded.received_floor_fen "
        "WHERE {relief_case_floors}.received_floor_fen < excluded.received_floor_fen",
        (case_id, max(received_fen, 0)))


class CaseFactsQueries:
    """`get(case_id)`: the application's `CaseFactsLookup`."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def get(self, case_id: str) -> CaseFacts | None:
        """The case as relief knows it, or None when no `CaseFiled` was seen for it."""
        with self.store.transaction(read_only=True) as cur:
            return facts_in(cur, case_id)

    def find(self, case_ref: str) -> CaseFacts | None:
        """The case whose id or 案号 is `case_ref` (as a court names it), or None."""
        found = self.get(case_ref)
        if found is not None or "执" not in case_ref:
            return found
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id FROM relief_case_facts WHERE case_number = %s",
                        (case_ref,))
            row = cur.fetchone()
        return self.get(str(row[0])) if row else None

    def concluded(self, limit: int = 10) -> list[CaseFacts]:
        """Cases in 终本 (R29: the debtor cannot pay), oldest 案号 first (the demo's)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT case_id FROM relief_case_facts WHERE stage = %s "
                        "ORDER BY case_number LIMIT %s", (str(CaseStage.CONCLUDED), int(limit)))
            ids = [str(row[0]) for row in cur.fetchall()]
        return [facts for facts in map(self.get, ids) if facts is not None]


def facts_in(cursor: Cursor, case_id: str) -> CaseFacts | None:
    """`get` inside a transaction already open (a consumer's, on the same store)."""
    cursor.execute(
        "SELECT case_number, court_code, stage, claim_total_fen, "
        "(SELECT COALESCE(MAX(received_floor_fen), 0) FROM relief_case_floors f "
        " WHERE f.case_id = c.case_id), parties, "
        "(SELECT COALESCE(SUM(amount_fen), 0) FROM relief_case_receipts r "
        " WHERE r.case_id = c.case_id), "
        "(SELECT COUNT(*) FROM relief_case_inquiries i WHERE i.case_id = c.case_id), "
        "(SELECT COUNT(*) FROM relief_case_inquiries i WHERE i.case_id = c.case_id "
        " AND i.property_found = 1), resumes_case_id "
        "FROM relief_case_facts c WHERE case_id = %s", (case_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    parties = tuple(CaseParty(int(party[0]), str(party[1]), str(party[2]),
                              str(party[3]) if len(party) > 3 else "")
                    for party in json.loads(str(row[5])))
    return CaseFacts(case_id=case_id, case_number=str(row[0]), court_code=str(row[1]),
                     stage=CaseStage(str(row[2])), claim_total_fen=int(row[3]),
                     received_total_fen=max(int(row[4]), int(row[6])), parties=parties,
                     inquiries_completed=int(row[7]), property_found=int(row[8]) > 0,
                     resumes_case_id=str(row[9]))


def _resumed(event: CaseFiled) -> str:
    """The case a 执恢 case resumes (R18), so R29's one payment per party follows it."""
    return event.linked_case_id or "" if event.link_kind == "resumes" else ""
