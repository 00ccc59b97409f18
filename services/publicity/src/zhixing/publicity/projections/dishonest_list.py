"""失信被执行人名单公布 — the public dishonest-debtor list, fed by the credit events.

Only the fields R6 makes public are stored (R61), and a natural person's ID number is
masked HERE, before the insert (R60): the store never holds the full number, an
address, a phone or an account. A removal (R8) deletes the public entry (R61) and leaves
a tombstone of the listing id and the day only, so a late or redelivered publication
cannot bring the entry back. Per-court counters are kept in the same transaction.
"""

from __future__ import annotations

import json
from datetime import date

from zhixing.contracts.events.credit.v1 import (
    ConsumptionRestrictionIssued,
    ConsumptionRestrictionLifted,
    ListingPublished,
    ListingRemoved,
)
from zhixing.eventstore.columns import add_missing_columns, seal_earlier_rows
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import (
    Versioned,
    VersionedTables,
    kind,
    live_version,
    physical,
    registration,
)
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.identity import ResidentId
from zhixing.kernel.listing import GROUNDS
from zhixing.kernel.masking import mask_id_number
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.publicity.projections.debtor_index import identity_key, keys_ddl, name_key

TABLE_DDL = """CREATE TABLE IF NOT EXISTS {dishonest_list} (
    listing_id TEXT PRIMARY KEY, court_code TEXT NOT NULL, case_id TEXT NOT NULL,
    case_number TEXT NOT NULL, debtor_kind TEXT NOT NULL, name TEXT NOT NULL,
    sex TEXT NOT NULL, age INTEGER, identity TEXT NOT NULL,
    legal_representative TEXT NOT NULL, conduct TEXT NOT NULL, decided_on TEXT NOT NULL,
    published_on TEXT NOT NULL, name_key TEXT NOT NULL DEFAULT '')"""
"""R60: `name`, `identity` and `legal_representative` are sealed; `name_key` is the
name's blind index, for the public search by exact name."""
COURT_INDEX_DDL = ("CREATE INDEX IF NOT EXISTS {dishonest_list}_court "
                   "ON {dishonest_list} (court_code, published_on)")
NAME_INDEX_DDL = ("CREATE INDEX IF NOT EXISTS {dishonest_list}_name_key "
                  "ON {dishonest_list} (name_key)")
TOMBSTONE_DDL = """CREATE TABLE IF NOT EXISTS {dishonest_removed} (
    listing_id TEXT PRIMARY KEY, removed_on TEXT NOT NULL)"""
STATS_DDL = """CREATE TABLE IF NOT EXISTS {dishonest_court_stats} (
    court_code TEXT NOT NULL, metric TEXT NOT NULL, n BIGINT NOT NULL,
    PRIMARY KEY (court_code, metric))"""
RESTRICTION_DDL = """CREATE TABLE IF NOT EXISTS {dishonest_restriction_seen} (
    restriction_id TEXT NOT NULL, mark TEXT NOT NULL, PRIMARY KEY (restriction_id, mark))"""
"""Only ids: remembers which restriction events were counted, for redelivery."""
TABLES = VersionedTables("dishonest_list", {
    "dishonest_list": (TABLE_DDL, COURT_INDEX_DDL, NAME_INDEX_DDL),
    "dishonest_removed": (TOMBSTONE_DDL,),
    "dishonest_court_stats": (STATS_DDL,),
    "dishonest_restriction_seen": (RESTRICTION_DDL,),
    "dishonest_keys": keys_ddl("dishonest_keys", "listing_id")})
"""Versioned for blue/green rebuilds: readers read the views of these names.
`dishonest_keys` (issue 17) holds each entry's search keys for 综合查询; a list of an
earlier release gains it empty: `zhixing publicity rebuild dishonest_list` fills it."""

PUBLISHED = "published"
ISSUED = "restrictions_issued"
LIFTED = "restrictions_lifted"


def removed_metric(reason: int) -> str:
    """The counter of removals for R8 reason (1)–(7), 0 for an expired term."""
    return f"removed_{reason}"


def person_facts(identity_number: str, on: str) -> tuple[str, int | None]:
    """R6: sex (17th digit odd = male) and age on the day of publication. An ID the
    kernel cannot read gives neither rather than a guess."""
    try:
        resident = ResidentId.parse(identity_number, field="debtor_identity_number")
        return resident.sex, resident.age_on(date.fromisoformat(on))
    except (InvalidInput, ValueError):
        return "", None


def conduct_text(grounds: list[int]) -> list[str]:
    return [GROUNDS.get(g, f"第{g}项") for g in grounds]


class DishonestListProjection(Versioned, TypedHandler):
    """One public entry per listing; deterministic and resumable (STYLE 7). Decisions
    not yet public (DebtorListed), repairs and corrections carry nothing the public list
    shows, so it does not read them."""

    tables = TABLES

    def __init__(self, cipher: FieldCipher, keep_head: int = 6, keep_tail: int = 4) -> None:
        self.cipher = cipher
        self.keep_head = keep_head
        self.keep_tail = keep_tail

    @staticmethod
    def migrate(store: SqlStore) -> None:
        _add_name_key(store)
        TABLES.install(store)

    @on(ListingPublished)
    def published(self, payload: ListingPublished, ctx: Context) -> None:
        cursor = ctx.cursor
        cursor.execute("SELECT 1 FROM {dishonest_removed} WHERE listing_id = %s",
                       (payload.listing_id,))
        if cursor.fetchone() is not None:
            return  # R61: a removed listing never comes back
        cursor.execute(
            "INSERT INTO {dishonest_list} (listing_id, court_code, case_id, case_number, "
            "debtor_kind, name, sex, age, identity, legal_representative, conduct, "
            "decided_on, published_on, name_key) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s, %s, %s, %s) ON CONFLICT (listing_id) DO NOTHING",
            self._public_row(payload))
        if cursor.rowcount == 1:
            _count(cursor, payload.court_code, PUBLISHED)
            cursor.execute(
                "INSERT INTO {dishonest_keys} (listing_id, identity_key, name_key) "
                "VALUES (%s, %s, %s) ON CONFLICT (listing_id, identity_key) DO NOTHING",
                (payload.listing_id, identity_key(self.cipher, payload.debtor_identity_number),
                 name_key(self.cipher, payload.debtor_name)))

    @on(ListingRemoved)
    def removed(self, payload: ListingRemoved, ctx: Context) -> None:
        """R8/R61: the public entry is deleted; only the tombstone remains."""
        cursor = ctx.cursor
        cursor.execute("INSERT INTO {dishonest_removed} (listing_id, removed_on) VALUES (%s, %s) "
                       "ON CONFLICT (listing_id) DO NOTHING",
                       (payload.listing_id, payload.removed_on))
        cursor.execute("DELETE FROM {dishonest_keys} WHERE listing_id = %s", (payload.listing_id,))
        cursor.execute("DELETE FROM {dishonest_list} WHERE listing_id = %s", (payload.listing_id,))
        if cursor.rowcount == 1:
            _count(cursor, payload.court_code, removed_metric(payload.reason))

    @on(ConsumptionRestrictionIssued)
    def restricted(self, payload: ConsumptionRestrictionIssued, ctx: Context) -> None:
        if _first_time(ctx.cursor, payload.restriction_id, ISSUED):
            _count(ctx.cursor, payload.court_code, ISSUED)

    @on(ConsumptionRestrictionLifted)
    def lifted(self, payload: ConsumptionRestrictionLifted, ctx: Context) -> None:
        if _first_time(ctx.cursor, payload.restriction_id, LIFTED):
            _count(ctx.cursor, payload.court_code, LIFTED)

    def _public_row(self, payload: ListingPublished) -> tuple[object, ...]:
        """R6 fields only; the person's number masked before it is stored (R60)."""
        if payload.debtor_kind == "organisation":
            sex, age = "", None
            identity, representative = payload.debtor_identity_number, payload.legal_representative
        else:
            sex, age = person_facts(payload.debtor_identity_number, payload.published_on)
            identity = mask_id_number(payload.debtor_identity_number, self.keep_head,
                                      self.keep_tail)
            representative = ""
        seal = self.cipher.seal
        return (payload.listing_id, payload.court_code, payload.case_id, payload.case_number,
                payload.debtor_kind, seal(payload.debtor_name), sex, age, seal(identity),
                seal(representative), json.dumps(conduct_text(payload.grounds),
                                                  ensure_ascii=False),
                payload.decided_on, payload.published_on, self.cipher.blind(payload.debtor_name))


def seal_earlier_entries(store: SqlStore, cipher: FieldCipher) -> None:
    """Entries an earlier release stored in plaintext are sealed, and given their blind
    index, on the first start (R60)."""
    with store.transaction(read_only=True) as cur:
        live = live_version(cur, TABLES.name)
    seal_earlier_rows(store, physical("dishonest_list", live), ("listing_id",),
                      ("name", "identity", "legal_representative", "name_key"),
                      lambda row: (*map(cipher.seal, row[:3]), cipher.blind(row[0])))


def _add_name_key(store: SqlStore) -> None:
    """A list of an earlier release gains the blind index before its indexes are made;
    its rows keep their plain names until the projection is rebuilt (docs/keys.md)."""
    with store.transaction(read_only=True) as cur:
        found = registration(cur, TABLES.name) if kind(cur, "projection_versions") else None
    versions = [] if found is None else [found.version, found.building]
    tables = ("dishonest_list", *(physical("dishonest_list", v) for v in versions if v))
    for table in tables:
        add_missing_columns(store, table, {"name_key": "TEXT NOT NULL DEFAULT ''"})
    # The earlier index on the plain name would now index sealed text: of no use.
    store.migrate(*(f"DROP INDEX IF EXISTS {table}_name" for table in tables))


def _first_time(cursor: Cursor, restriction_id: str, mark: str) -> bool:
    cursor.execute("INSERT INTO {dishonest_restriction_seen} (restriction_id, mark) "
                   "VALUES (%s, %s) ON CONFLICT (restriction_id, mark) DO NOTHING",
                   (restriction_id, mark))
    return bool(cursor.rowcount == 1)


def _count(cursor: Cursor, court_code: str, metric: str) -> None:
    cursor.execute("INSERT INTO {dishonest_court_stats} (court_code, metric, n) VALUES (%s, %s, 1) "
                   "ON CONFLICT (court_code, metric) DO UPDATE SET n = {dishonest_court_stats}.n + 1",
                   (court_code, metric))
