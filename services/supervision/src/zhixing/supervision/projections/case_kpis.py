"""What the KPIs (R33) are computed from: facts with their dates, from the cases, assets,
credit and relief integration events — never from those services' stores (DESIGN §2).

Every row is a fact as an event told it, kept with its date; each case's KPI record is
recomputed from all of its facts whenever one of them arrives (`kpi_records`), and the
figures are sums of the records in SQL (`kpi_queries`, `domain.kpi`). So the order the
four topics' events arrive in never matters — a credit decision may come before the
case's filing, a relief decision before its application — and every write is
idempotent: redelivery, replay and a rebuild give the same rows. Where an event may come
twice with different days, the rule for which one counts is in the SQL: the first
closure, the first notice, the first decision on a debtor, each inquiry revision kept
apart.

No names and no identity numbers are kept: a debtor is its blind index
(`FieldCipher.blind` of the canonical ID), matched between the filing's respondents
and the credit decisions (R16(2)). The network inquiries are kept per case only.

Each topic's tables are versioned apart (`FOLLOWS`), so `CaseKpiView(cipher, "cases")`
and the other three are each rebuildable from their own topic; the consumer groups are
`supervision.kpi-cases`, `supervision.kpi-assets`, `supervision.kpi-credit` and
`supervision.kpi-relief` (`GROUPS`).
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.assets.v1 import NetworkInquiryCompleted
from zhixing.contracts.events.cases.v1 import (
    CaseClosed,
    CaseConcluded,
    CaseFiled,
    CaseResumed,
    DeadlineExtended,
    DeadlinesCounted,
    ExecutionNoticeServed,
    MoneyReceived,
    NodeOverdue,
)
from zhixing.contracts.events.credit.v1 import (
    ConsumptionRestrictionIssued,
    DebtorListed,
    ListingDeclined,
    ListingRemoved,
)
from zhixing.contracts.events.fields import MAX_FEN
from zhixing.contracts.events.relief.v1 import ReliefApplied, ReliefApproved, ReliefRejected
from zhixing.contracts.topics import ASSETS_EVENTS, CASES_EVENTS, CREDIT_EVENTS, RELIEF_EVENTS
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import PinnedTables, Versioned, VersionedTables
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.identity import canonical_identity
from zhixing.kernel.periods import period_end
from zhixing.kernel.policy import PolicyTable
from zhixing.messaging.typed import Context, TypedHandler, UnreadableEvent, on
from zhixing.supervision.domain.kpi import ZHONGBEN
from zhixing.supervision.projections import kpi_records

CASE_TABLES = VersionedTables("supervision_kpi_cases", {
    "supervision_kpi_cases": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_cases} (case_id TEXT PRIMARY KEY,
        case_number TEXT NOT NULL, court_code TEXT NOT NULL, case_type TEXT NOT NULL,
        filed_on TEXT NOT NULL, claim_total_fen BIGINT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS {supervision_kpi_cases}_court "
        "ON {supervision_kpi_cases} (court_code, filed_on)"),
    "supervision_kpi_respondents": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_respondents} (case_id TEXT NOT NULL,
        debtor TEXT NOT NULL, PRIMARY KEY (case_id, debtor))""",),
    "supervision_kpi_closures": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_closures} (case_id TEXT PRIMARY KEY,
        closed_on TEXT NOT NULL, closure TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS {supervision_kpi_closures}_on "
        "ON {supervision_kpi_closures} (closed_on)"),
    "supervision_kpi_conclusions": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_conclusions} (case_id TEXT PRIMARY KEY,
        concluded_on TEXT NOT NULL, requery_dates TEXT NOT NULL, first_requery TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS {supervision_kpi_conclusions}_requery "
        "ON {supervision_kpi_conclusions} (first_requery)"),
    "supervision_kpi_finished": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_finished} (case_id TEXT PRIMARY KEY,
        finished_on TEXT NOT NULL)""",),
    "supervision_kpi_receipts": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_receipts} (case_id TEXT NOT NULL,
        receipt_id TEXT NOT NULL, amount_fen BIGINT NOT NULL, received_on TEXT NOT NULL,
        PRIMARY KEY (case_id, receipt_id))""",),
    "supervision_kpi_notices": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_notices} (case_id TEXT PRIMARY KEY,
        served_on TEXT NOT NULL)""",),
    "supervision_kpi_overdue": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_overdue} (case_id TEXT NOT NULL,
        node TEXT NOT NULL, due_on TEXT NOT NULL, court_code TEXT NOT NULL,
        PRIMARY KEY (case_id, node, due_on))""",
        "CREATE INDEX IF NOT EXISTS {supervision_kpi_overdue}_court "
        "ON {supervision_kpi_overdue} (court_code, due_on)"),
    "supervision_kpi_limits": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_limits} (case_id TEXT PRIMARY KEY,
        counted_on TEXT NOT NULL DEFAULT '', counted_by TEXT NOT NULL DEFAULT '',
        extended_by TEXT NOT NULL DEFAULT '')""",)})
"""What the cases topic tells. `closures`: each case's first closure (结案 or 终本);
`finished`: the first day a 终本 case ended (resumed or closed: no more re-queries, R18);
`limits`: the "close" node's last day as counted (latest count wins) or extended (R26)."""
INQUIRY_TABLES = VersionedTables("supervision_kpi_inquiries", {
    "supervision_kpi_inquiries": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_inquiries} (inquiry_id TEXT NOT NULL,
        revision INTEGER NOT NULL, case_id TEXT NOT NULL, completed_on TEXT NOT NULL,
        agency_kinds TEXT NOT NULL, property_found INTEGER NOT NULL,
        requery INTEGER NOT NULL, PRIMARY KEY (inquiry_id, revision))""",
        "CREATE INDEX IF NOT EXISTS {supervision_kpi_inquiries}_case "
        "ON {supervision_kpi_inquiries} (case_id)")})
"""Every revision of every inquiry: R16(3) reads each as it stood on the 终本 day."""
CREDIT_TABLES = VersionedTables("supervision_kpi_credit", {
    "supervision_kpi_decisions": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_decisions} (case_id TEXT NOT NULL,
        debtor TEXT NOT NULL, kind TEXT NOT NULL, decided_on TEXT NOT NULL,
        PRIMARY KEY (case_id, debtor, kind))""",),
    "supervision_kpi_removals": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_removals} (listing_id TEXT PRIMARY KEY,
        court_code TEXT NOT NULL, case_id TEXT NOT NULL, removed_on TEXT NOT NULL,
        remove_by TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS {supervision_kpi_removals}_court "
        "ON {supervision_kpi_removals} (court_code, removed_on)")})
"""`decisions`: per case and debtor (blind index), the first restriction ("restricted")
and the first listing decision, listed or declined ("listing")."""
RELIEF_TABLES = VersionedTables("supervision_kpi_relief", {
    "supervision_kpi_relief": (
        """CREATE TABLE IF NOT EXISTS {supervision_kpi_relief} (application_id TEXT PRIMARY KEY,
        court_code TEXT NOT NULL, case_id TEXT NOT NULL, decide_by TEXT NOT NULL DEFAULT '',
        decided_on TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX IF NOT EXISTS {supervision_kpi_relief}_court "
        "ON {supervision_kpi_relief} (court_code, decided_on)")})
FOLLOWS = {"cases": CASE_TABLES, "assets": INQUIRY_TABLES, "credit": CREDIT_TABLES,
           "relief": RELIEF_TABLES}
TOPICS = {"cases": CASES_EVENTS, "assets": ASSETS_EVENTS, "credit": CREDIT_EVENTS,
          "relief": RELIEF_EVENTS}
GROUPS = {part: f"supervision.kpi-{part}" for part in FOLLOWS}
"""The consumer group of each part."""


class CaseKpiView(Versioned, TypedHandler):
    """Keeps the KPI facts (STYLE 7: one class per read model). `CaseKpiView(cipher)`
    follows every topic; `CaseKpiView(cipher, "credit")` one of them (`FOLLOWS`), which
    makes that part rebuildable on its own."""

    tables: VersionedTables | PinnedTables

    def __init__(self, cipher: FieldCipher, follows: str = "", *, records: bool = True) -> None:
        """`records=False` keeps the facts only, for a bulk load that computes every
        case's record once at its end (`kpi_records.backfill`): the same rows."""
        self.cipher = cipher
        self.records = records
        if follows:
            if follows not in FOLLOWS:
                raise ValueError(f"follows is one of {', '.join(FOLLOWS)} (or empty for all)")
            self.tables = FOLLOWS[follows]

    @staticmethod
    def migrate(store: SqlStore) -> None:
        for part in FOLLOWS.values():
            part.install(store)
        kpi_records.install(store)

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        """Each method binds the tables of its own topic (`_bound`)."""
        TypedHandler.handle(self, event, cursor)

    def _bound(self, part: VersionedTables, ctx: Context) -> Cursor | None:
        """The cursor writing `part`'s live tables (or a rebuild's version), or None when
        this view follows another topic only."""
        followed = getattr(self, "tables", None)
        if followed is None:
            return part.bind(ctx.cursor)
        return followed.bind(ctx.cursor) if followed.name == part.name else None

    def _refresh(self, cur: Cursor, case_id: str) -> None:
        """The case's record recomputed from all its facts (`kpi_records`)."""
        if self.records:
            kpi_records.refresh(cur, case_id)

    def _blind(self, identity_number: str) -> str:
        return self.cipher.blind(canonical_identity(identity_number))

    @on(CaseFiled)
    def filed(self, e: CaseFiled, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        filed_on = iso_day(e.filed_on, "filed_on")
        cur.execute("INSERT INTO {supervision_kpi_cases} (case_id, case_number, court_code, "
                    "case_type, filed_on, claim_total_fen) VALUES (%s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT (case_id) DO NOTHING",
                    (e.case_id, e.case_number, e.court_code, e.case_type, filed_on,
                     fen(e.claim_total_fen, "claim_total_fen")))
        for debtor in {self._blind(p.identity_number) for p in e.parties
                       if p.role == "respondent"}:
            cur.execute("INSERT INTO {supervision_kpi_respondents} (case_id, debtor) "
                        "VALUES (%s, %s) ON CONFLICT (case_id, debtor) DO NOTHING",
                        (e.case_id, debtor))
        # R26's closing limit counted from the filing, as the cases service counts it: the
        # cases topic tells it (DeadlinesCounted) only when it was counted provisionally
        # (R64), and such a count, or an extension, wins over this one (counted_on '').
        cur.execute("INSERT INTO {supervision_kpi_limits} (case_id, counted_on, counted_by) "
                    "VALUES (%s, '', %s) ON CONFLICT (case_id) DO UPDATE SET "
                    "counted_by = excluded.counted_by WHERE "
                    "{supervision_kpi_limits}.counted_on = '' "
                    "AND {supervision_kpi_limits}.counted_by = ''",
                    (e.case_id, close_limit(e.court_code, e.basis_kind, filed_on)))
        self._refresh(cur, e.case_id)

    @on(ExecutionNoticeServed)
    def notice_served(self, e: ExecutionNoticeServed, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is not None:
            _first(cur, "supervision_kpi_notices", "served_on", e.case_id,
                   iso_day(e.served_on, "served_on"))
            self._refresh(cur, e.case_id)

    @on(MoneyReceived)
    def received(self, e: MoneyReceived, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        cur.execute("INSERT INTO {supervision_kpi_receipts} (case_id, receipt_id, amount_fen, "
                    "received_on) VALUES (%s, %s, %s, %s) "
                    "ON CONFLICT (case_id, receipt_id) DO NOTHING",
                    (e.case_id, e.receipt_id, fen(e.amount_fen, "amount_fen"),
                     iso_day(e.received_on, "received_on")))
        self._refresh(cur, e.case_id)

    @on(NodeOverdue)
    def node_overdue(self, e: NodeOverdue, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        cur.execute("INSERT INTO {supervision_kpi_overdue} (case_id, node, due_on, court_code) "
                    "VALUES (%s, %s, %s, %s) ON CONFLICT (case_id, node, due_on) DO NOTHING",
                    (e.case_id, e.node, iso_day(e.due_on, "due_on"), e.court_code))

    @on(DeadlinesCounted)
    def counted(self, e: DeadlinesCounted, ctx: Context) -> None:
        """R26's closing limit as counted: the latest count wins (a schedule loaded later
        recounts a provisional day, R64)."""
        if (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        for deadline in (d for d in e.deadlines if d.node == "close"):
            cur.execute(
                "INSERT INTO {supervision_kpi_limits} (case_id, counted_on, counted_by) "
                "VALUES (%s, %s, %s) ON CONFLICT (case_id) DO UPDATE SET "
                "counted_on = excluded.counted_on, counted_by = excluded.counted_by "
                "WHERE {supervision_kpi_limits}.counted_on < excluded.counted_on "
                "OR ({supervision_kpi_limits}.counted_on = excluded.counted_on "
                "AND {supervision_kpi_limits}.counted_by < excluded.counted_by)",
                (e.case_id, iso_day(e.counted_on, "counted_on"),
                 iso_day(deadline.due_on, "deadlines.due_on")))
        self._refresh(cur, e.case_id)

    @on(DeadlineExtended)
    def extended(self, e: DeadlineExtended, ctx: Context) -> None:
        """R26: an approved extension; the longest one granted counts."""
        if e.node != "close" or (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        cur.execute(
            "INSERT INTO {supervision_kpi_limits} (case_id, extended_by) VALUES (%s, %s) "
            "ON CONFLICT (case_id) DO UPDATE SET extended_by = excluded.extended_by "
            "WHERE {supervision_kpi_limits}.extended_by < excluded.extended_by",
            (e.case_id, iso_day(e.due_on, "due_on")))
        self._refresh(cur, e.case_id)

    @on(CaseConcluded)
    def concluded(self, e: CaseConcluded, ctx: Context) -> None:
        """终本: a closure (以终本方式结案) and the R18 re-query dates."""
        if (cur := self._bound(CASE_TABLES, ctx)) is None:
            return
        _closure(cur, e.case_id, e.concluded_on, ZHONGBEN)
        dates = sorted(iso_day(d, "requery_dates") for d in e.requery_dates)
        cur.execute(
            "INSERT INTO {supervision_kpi_conclusions} (case_id, concluded_on, requery_dates, "
            "first_requery) VALUES (%s, %s, %s, %s) ON CONFLICT (case_id) DO UPDATE SET "
            "concluded_on = excluded.concluded_on, requery_dates = excluded.requery_dates, "
            "first_requery = excluded.first_requery "
            "WHERE excluded.concluded_on < {supervision_kpi_conclusions}.concluded_on",
            (e.case_id, e.concluded_on, json.dumps(dates), dates[0] if dates else "9999-12-31"))
        self._refresh(cur, e.case_id)

    @on(CaseResumed)
    def resumed(self, e: CaseResumed, ctx: Context) -> None:
        """恢复执行: this case ends here (a 执恢 case continues it), re-queries stop."""
        if (cur := self._bound(CASE_TABLES, ctx)) is not None:
            _first(cur, "supervision_kpi_finished", "finished_on", e.case_id,
                   iso_day(e.resumed_on, "resumed_on"))

    @on(CaseClosed)
    def closed(self, e: CaseClosed, ctx: Context) -> None:
        if (cur := self._bound(CASE_TABLES, ctx)) is not None:
            _closure(cur, e.case_id, e.closed_on, e.closure)
            _first(cur, "supervision_kpi_finished", "finished_on", e.case_id, e.closed_on)
            self._refresh(cur, e.case_id)

    @on(NetworkInquiryCompleted)
    def inquired(self, e: NetworkInquiryCompleted, ctx: Context) -> None:
        """Each revision kept: a late answer revises the inquiry from its own day on."""
        if (cur := self._bound(INQUIRY_TABLES, ctx)) is None:
            return
        cur.execute(
            "INSERT INTO {supervision_kpi_inquiries} (inquiry_id, revision, case_id, "
            "completed_on, agency_kinds, property_found, requery) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (inquiry_id, revision) DO NOTHING",
            (e.inquiry_id, e.revision, e.case_id, iso_day(e.completed_on, "completed_on"),
             ",".join(sorted(set(e.agency_kinds))), int(e.disposable_property_found),
             int(e.requery)))
        self._refresh(cur, e.case_id)

    @on(ConsumptionRestrictionIssued)
    def restricted(self, e: ConsumptionRestrictionIssued, ctx: Context) -> None:
        if (cur := self._bound(CREDIT_TABLES, ctx)) is not None:
            _decided(cur, e.case_id, self._blind(e.debtor_identity_number), "restricted",
                     iso_day(e.decided_on, "decided_on"))
            self._refresh(cur, e.case_id)

    @on(DebtorListed, ListingDeclined)
    def listing_decided(self, e: DebtorListed | ListingDeclined, ctx: Context) -> None:
        if (cur := self._bound(CREDIT_TABLES, ctx)) is not None:
            _decided(cur, e.case_id, self._blind(e.debtor_identity_number), "listing",
                     iso_day(e.decided_on, "decided_on"))
            self._refresh(cur, e.case_id)

    @on(ListingRemoved)
    def removed(self, e: ListingRemoved, ctx: Context) -> None:
        if (cur := self._bound(CREDIT_TABLES, ctx)) is None:
            return
        cur.execute("INSERT INTO {supervision_kpi_removals} (listing_id, court_code, case_id, "
                    "removed_on, remove_by) VALUES (%s, %s, %s, %s, %s) "
                    "ON CONFLICT (listing_id) DO NOTHING",
                    (e.listing_id, e.court_code, e.case_id, iso_day(e.removed_on, "removed_on"),
                     iso_day(e.remove_by, "remove_by")))

    @on(ReliefApplied)
    def relief_applied(self, e: ReliefApplied, ctx: Context) -> None:
        if (cur := self._bound(RELIEF_TABLES, ctx)) is not None:
            _relief(cur, e.application_id, e.court_code, e.case_id, "decide_by", e.decide_by)

    @on(ReliefApproved, ReliefRejected)
    def relief_decided(self, e: ReliefApproved | ReliefRejected, ctx: Context) -> None:
        if (cur := self._bound(RELIEF_TABLES, ctx)) is not None:
            _relief(cur, e.application_id, e.court_code, e.case_id, "decided_on", e.decided_on)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
NON_LITIGATION_BASES = frozenset({"arbitral_award", "notarised_debt"})
"""R26: 非诉执行 — enforcement of documents not made by a court closes within 3 months."""


def close_limit(court_code: str, basis_kind: str, filed_on: str) -> str:
    """R26: the last day to close a case filed on `filed_on` — the months of the court's
    province's policy table (6, or 3 for a non-litigation basis) after the filing, moved
    off a rest day (R62–R64). "" (no limit known) for a court of no known province or a
    day that is not one: the case still counts, as closed beyond any limit."""
    key = ("closing.non_litigation_close_months" if basis_kind in NON_LITIGATION_BASES
           else "closing.close_months")
    try:
        months = _policy(court_code[:1]).int(key)
        return period_end(date.fromisoformat(filed_on), months=months).date.isoformat()
    except (InvalidInput, ValueError):
        return ""


@cache
def _policy(province: str) -> PolicyTable:
    return PolicyTable.load(province)


def iso_day(value: str, field: str) -> str:
    """A date an event carries as text, checked: YYYY-MM-DD, a real day. Kept as text, the
    facts compare by it and the queries read it back, so one that is not (`2026-3-5`,
    `20260305`) is refused — the consumer parks the delivery — naming the field, never
    the value."""
    try:
        if isinstance(value, str) and _ISO_DAY.match(value):
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise UnreadableEvent(f"{field} must be a date, YYYY-MM-DD (R33)")


def fen(value: int, field: str) -> int:
    """An amount an event carries (a plain int in the contract), checked: 0..MAX_FEN.
    Out of range it would overflow the sums of every query of its court, or make a rate
    lie; refused (the consumer parks the delivery), naming the field."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_FEN:
        raise UnreadableEvent(f"{field} must be 0..{MAX_FEN} fen (R33)")
    return value


def _first(cur: Cursor, table: str, column: str, case_id: str, day: str) -> None:
    """Keep the earliest day told (`table`, `column` are this module's constants)."""
    cur.execute(
        f"INSERT INTO {{{table}}} (case_id, {column}) VALUES (%s, %s) "
        f"ON CONFLICT (case_id) DO UPDATE SET {column} = excluded.{column} "
        f"WHERE excluded.{column} < {{{table}}}.{column}", (case_id, day))


def _closure(cur: Cursor, case_id: str, day: str, closure: str) -> None:
    """A case counts once, by its first closure; 终本 wins a tie (it came first)."""
    cur.execute(
        "INSERT INTO {supervision_kpi_closures} (case_id, closed_on, closure) "
        "VALUES (%s, %s, %s) ON CONFLICT (case_id) DO UPDATE SET "
        "closed_on = excluded.closed_on, closure = excluded.closure "
        "WHERE excluded.closed_on < {supervision_kpi_closures}.closed_on "
        "OR (excluded.closed_on = {supervision_kpi_closures}.closed_on "
        "AND excluded.closure = %s)", (case_id, day, closure, ZHONGBEN))


def _decided(cur: Cursor, case_id: str, debtor: str, kind: str, day: str) -> None:
    cur.execute(
        "INSERT INTO {supervision_kpi_decisions} (case_id, debtor, kind, decided_on) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (case_id, debtor, kind) DO UPDATE SET "
        "decided_on = excluded.decided_on "
        "WHERE excluded.decided_on < {supervision_kpi_decisions}.decided_on",
        (case_id, debtor, kind, day))


def _relief(cur: Cursor, application_id: str, court_code: str, case_id: str, column: str,
            day: str) -> None:
    """Applied and decided come in either order: each sets its own column (the first
    day told of each stays)."""
    cur.execute(
        f"INSERT INTO {{supervision_kpi_relief}} (application_id, court_code, case_id, {column}) "
        f"VALUES (%s, %s, %s, %s) ON CONFLICT (application_id) DO UPDATE SET "
        f"{column} = excluded.{column} WHERE {{supervision_kpi_relief}}.{column} = '' "
        f"OR excluded.{column} < {{supervision_kpi_relief}}.{column}",
        (application_id, court_code, case_id, day))
