"""限制消费人员名单 — the public consumption-restriction list, fed by the credit events.

An order is stored when issued but shown only once `ConsumptionRestrictionPublished`
arrived (R10: its grace period ended, or it came with a listing); lifting it deletes the
entry at once (R61), and a released former legal representative (R15) leaves the
entry's persons and the search keys at once. Names and identities are sealed at rest
and a natural person's ID is masked HERE, before anything is stored (R60); the search
keys are blind indexes of the canonical identity and of the name.

Events of one order arrive in its own order; a redelivered earlier event (its `sequence`
not after the last one applied) changes nothing, so a lifted order never comes back
but by a later reissue.
"""

from __future__ import annotations

import json

from zhixing.contracts.events.credit.v1 import (
    BoundPersonV1,
    ConsumptionRestrictionIssued,
    ConsumptionRestrictionLifted,
    ConsumptionRestrictionPublished,
    RestrictedPersonReleased,
)
from zhixing.eventstore.sql import Cursor
from zhixing.eventstore.versioned import VersionedTables
from zhixing.kernel.masking import mask_id_number
from zhixing.messaging.typed import Context, on
from zhixing.publicity.projections.debtor_index import identity_key, keys_ddl, name_key
from zhixing.publicity.projections.public_view import PublicView

CONDUCT_LABELS: dict[str, str] = {
    "flights": "乘坐飞机", "soft_sleepers": "乘坐列车软卧",
    "ship_second_class": "乘坐轮船二等以上舱位", "g_trains": "乘坐G字头动车组列车全部座位",
    "high_speed_first_class": "乘坐其他动车组列车一等以上座位",
    "starred_hotels": "在星级以上宾馆、酒店高消费", "nightclubs": "在夜总会高消费",
    "golf": "在高尔夫球场高消费", "real_estate": "购买不动产",
    "luxury_building": "新建、扩建、高档装修房屋",
    "high_end_offices": "租赁高档写字楼、宾馆、公寓等场所办公",
    "vehicles": "购买非经营必需车辆", "travel": "旅游、度假",
    "private_schools": "子女就读高收费私立学校", "insurance_wealth": "支付高额保费购买保险理财产品",
}
"""R13's conduct in Chinese, by the codes the credit events carry (the credit service's
own table stays private to it: contexts share events, not modules)."""
ORGANISATION = "organisation"

LIST_DDL = """CREATE TABLE IF NOT EXISTS {restricted_list} (
    restriction_id TEXT PRIMARY KEY, court_code TEXT NOT NULL, case_id TEXT NOT NULL,
    case_number TEXT NOT NULL, debtor_kind TEXT NOT NULL, name TEXT NOT NULL,
    identity TEXT NOT NULL, persons TEXT NOT NULL, conduct TEXT NOT NULL,
    decided_on TEXT NOT NULL, publish_on TEXT NOT NULL, published_on TEXT NOT NULL)"""
"""R60: `name`, `identity` and `persons` are sealed; `published_on` is '' until R10."""
LIST_INDEX_DDL = ("CREATE INDEX IF NOT EXISTS {restricted_list}_published "
                  "ON {restricted_list} (published_on, restriction_id)")
COURT_INDEX_DDL = ("CREATE INDEX IF NOT EXISTS {restricted_list}_court "
                   "ON {restricted_list} (court_code, published_on)")
SEQ_DDL = """CREATE TABLE IF NOT EXISTS {restricted_seq} (
    restriction_id TEXT PRIMARY KEY, seq BIGINT NOT NULL)"""
"""Only ids: the last event of each order applied, so a redelivery cannot undo a lift."""
TABLES = VersionedTables("restricted_list", {
    "restricted_list": (LIST_DDL, LIST_INDEX_DDL, COURT_INDEX_DDL),
    "restricted_keys": keys_ddl("restricted_keys", "restriction_id"),
    "restricted_seq": (SEQ_DDL,)})
# restricted_keys: who the order binds — the debtor and its unreleased persons (R14).
"""Versioned for blue/green rebuilds: readers read the views of these names."""


class RestrictedListProjection(PublicView):
    """One entry per restriction order; deterministic and resumable (STYLE 7)."""

    tables = TABLES

    @on(ConsumptionRestrictionIssued)
    def issued(self, payload: ConsumptionRestrictionIssued, ctx: Context) -> None:
        """Issued or reissued: stored, not shown until published (R10)."""
        cursor, rid = ctx.cursor, payload.restriction_id
        if not _advance(cursor, rid, ctx.sequence):
            return
        organisation = payload.debtor_kind == ORGANISATION
        identity = (payload.debtor_identity_number if organisation
                    else self._masked(payload.debtor_identity_number))
        persons = [self._person(p) for p in payload.persons] if organisation else []
        conduct = [CONDUCT_LABELS.get(code, code) for code in payload.conduct]
        seal = self.cipher.seal
        cursor.execute("DELETE FROM {restricted_list} WHERE restriction_id = %s", (rid,))
        cursor.execute(
            "INSERT INTO {restricted_list} (restriction_id, court_code, case_id, case_number, "
            "debtor_kind, name, identity, persons, conduct, decided_on, publish_on, "
            "published_on) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '')",
            (rid, payload.court_code, payload.case_id, payload.case_number, payload.debtor_kind,
             seal(payload.debtor_name), seal(identity), self.cipher.seal_json(persons),
             json.dumps(conduct, ensure_ascii=False), payload.decided_on,
             payload.publish_on or payload.decided_on))
        cursor.execute("DELETE FROM {restricted_keys} WHERE restriction_id = %s", (rid,))
        bound = [(payload.debtor_identity_number, payload.debtor_name),
                 *((p.identity_number, p.name) for p in payload.persons if organisation)]
        for number, name in bound:
            cursor.execute(
                "INSERT INTO {restricted_keys} (restriction_id, identity_key, name_key) "
                "VALUES (%s, %s, %s) ON CONFLICT (restriction_id, identity_key) DO NOTHING",
                (rid, identity_key(self.cipher, number), name_key(self.cipher, name)))

    @on(ConsumptionRestrictionPublished)
    def published(self, payload: ConsumptionRestrictionPublished, ctx: Context) -> None:
        """R10: from now on the public sees it."""
        if _advance(ctx.cursor, payload.restriction_id, ctx.sequence):
            ctx.cursor.execute("UPDATE {restricted_list} SET published_on = %s "
                               "WHERE restriction_id = %s",
                               (payload.published_on, payload.restriction_id))

    @on(ConsumptionRestrictionLifted)
    def lifted(self, payload: ConsumptionRestrictionLifted, ctx: Context) -> None:
        """R15/R61: lifted, the entry and its search keys are gone at once."""
        if _advance(ctx.cursor, payload.restriction_id, ctx.sequence):
            for table in ("{restricted_list}", "{restricted_keys}"):
                ctx.cursor.execute(f"DELETE FROM {table} WHERE restriction_id = %s",
                                   (payload.restriction_id,))

    @on(RestrictedPersonReleased)
    def released(self, payload: RestrictedPersonReleased, ctx: Context) -> None:
        """R15/R61: the released person leaves the entry and the search at once."""
        cursor, rid = ctx.cursor, payload.restriction_id
        if not _advance(cursor, rid, ctx.sequence):
            return
        key = identity_key(self.cipher, payload.person_identity_number)
        cursor.execute("DELETE FROM {restricted_keys} WHERE restriction_id = %s "
                       "AND identity_key = %s", (rid, key))
        cursor.execute("SELECT persons FROM {restricted_list} WHERE restriction_id = %s", (rid,))
        row = cursor.fetchone()
        if row is None:
            return
        persons = [p for p in self.cipher.open_json(str(row[0])) if p.get("key") != key]
        cursor.execute("UPDATE {restricted_list} SET persons = %s WHERE restriction_id = %s",
                       (self.cipher.seal_json(persons), rid))

    def _masked(self, number: str) -> str:
        """R60; a number too short to mask safely (a publisher's mistake) is shown as
        stars only, rather than stopping the list for everyone."""
        try:
            return mask_id_number(number, self.keep_head, self.keep_tail)
        except ValueError:
            return "*" * len(number)

    def _person(self, person: BoundPersonV1) -> dict[str, str]:
        """R14's person as the public sees it; `key` finds it again on release."""
        return {"role": person.role, "name": person.name,
                "identity": self._masked(person.identity_number),
                "key": identity_key(self.cipher, person.identity_number)}


def _advance(cursor: Cursor, restriction_id: str, sequence: int) -> bool:
    """Whether the event is after the last applied of its order (and mark it so); an
    envelope without a sequence (0) is always applied."""
    cursor.execute("SELECT seq FROM {restricted_seq} WHERE restriction_id = %s",
                   (restriction_id,))
    row = cursor.fetchone()
    if row is not None and sequence and int(row[0]) >= sequence:
        return False
    if row is None:
        cursor.execute("INSERT INTO {restricted_seq} (restriction_id, seq) VALUES (%s, %s)",
                       (restriction_id, sequence))
    else:
        cursor.execute("UPDATE {restricted_seq} SET seq = %s WHERE restriction_id = %s",
                       (max(sequence, int(row[0])), restriction_id))
    return True
