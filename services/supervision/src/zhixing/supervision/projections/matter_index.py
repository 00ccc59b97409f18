"""检察监督 list for ListMatters (R34): one row per procuratorial suggestion or inquiry —
document, case, received, the reply's last day (extended or not), the reply, and whether
it was found overdue. No summary of what the procuratorate asks: GetMatter reads it from
the service.

Fed by the supervision service's own integration events (consumer group
`supervision.alert-index`, in order after the alert index: `bootstrap`): the matter's
three events, and the procuratorial_overdue alert the sweep raised about it (its subject
is the matter id) for the overdue mark. A row is made by whichever event comes first;
the status only moves forward (awaiting → replied), an extended last day is never undone
by a late-replayed receipt.
`MatterQueries.case_ids_named` and `case_numbers_named` give the procurator's drill-down
its cases (R46).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zhixing.contracts.events.supervision.v1 import (
    AlertRaised,
    ProcuratorialMatterReceived,
    ProcuratorialReplied,
    ProcuratorialReplyExtended,
)
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.supervision.projections.index_paging import IndexRows, scope_clause, window

GROUP = "supervision.alert-index"
"""The consumer group it runs in, with the alert index (`bootstrap`, helm values)."""
INDEX_DDL = """CREATE TABLE IF NOT EXISTS {supervision_matter_index} (
    matter_id TEXT PRIMARY KEY, kind TEXT NOT NULL DEFAULT '', court_code TEXT NOT NULL DEFAULT '',
    document_number TEXT NOT NULL DEFAULT '', case_id TEXT NOT NULL DEFAULT '',
    case_number TEXT NOT NULL DEFAULT '', received_on TEXT NOT NULL DEFAULT '',
    reply_by TEXT NOT NULL DEFAULT '', extended INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'awaiting', status_rank INTEGER NOT NULL DEFAULT 0,
    replied_on TEXT NOT NULL DEFAULT '', reply_document_number TEXT NOT NULL DEFAULT '',
    within_limit INTEGER NOT NULL DEFAULT 0, overdue_due TEXT NOT NULL DEFAULT '')"""
INDEX_INDEXES = ("CREATE INDEX IF NOT EXISTS {supervision_matter_index}_court "
                 "ON {supervision_matter_index} (court_code, status, received_on)",)
TABLES = VersionedTables("supervision_matter_index",
                         {"supervision_matter_index": (INDEX_DDL, *INDEX_INDEXES)})
"""Versioned for blue/green rebuilds: readers read the view `supervision_matter_index`."""
ROWS = IndexRows("supervision_matter_index", "matter_id")
"""How its handlers make and fill in a row."""

RANK = {"awaiting": 0, "replied": 1}
KINDS = ("suggestion", "inquiry")
COLUMNS = ("matter_id", "kind", "court_code", "document_number", "case_id", "case_number",
           "received_on", "reply_by", "extended", "status", "replied_on",
           "reply_document_number", "within_limit", "overdue_due")


@dataclass(frozen=True)
class MatterRow:
    """One procuratorial matter as a list shows it (dates YYYY-MM-DD, '' when not yet)."""

    matter_id: str
    kind: str
    """suggestion (检察建议) or inquiry (书面询问)."""
    court_code: str
    document_number: str
    """The procuratorate's document number."""
    case_id: str
    case_number: str
    received_on: str
    reply_by: str
    """R34: 3 months (suggestion) or 15 days (inquiry), by R62–R64; +1 month extended."""
    extended: bool
    status: str
    """awaiting or replied."""
    replied_on: str
    reply_document_number: str
    within_limit: bool
    overdue: bool
    """Found past its reply's last day unanswered (its alert was raised)."""


class MatterIndex(Versioned, TypedHandler):
    """Keeps `supervision_matter_index` (STYLE 7: one class per read model)."""

    tables = TABLES

    @staticmethod
    def migrate(store: SqlStore) -> None:
        TABLES.install(store)

    @on(ProcuratorialMatterReceived)
    def received(self, e: ProcuratorialMatterReceived, ctx: Context) -> None:
        ROWS.make(ctx.cursor, e.matter_id, e.court_code)
        ROWS.set(ctx.cursor, e.matter_id, "kind = %s, document_number = %s, case_id = %s, "
                 "case_number = %s, received_on = %s, "
                 "reply_by = CASE WHEN extended = 1 THEN reply_by ELSE %s END",
                 e.kind, e.document_number, e.case_id, e.case_number, e.received_on, e.reply_by)

    @on(ProcuratorialReplyExtended)
    def extended(self, e: ProcuratorialReplyExtended, ctx: Context) -> None:
        ROWS.make(ctx.cursor, e.matter_id, e.court_code)
        ROWS.set(ctx.cursor, e.matter_id, "reply_by = %s, extended = 1", e.reply_by)

    @on(ProcuratorialReplied)
    def replied(self, e: ProcuratorialReplied, ctx: Context) -> None:
        ROWS.make(ctx.cursor, e.matter_id, e.court_code)
        ROWS.set(ctx.cursor, e.matter_id, "replied_on = %s, reply_document_number = %s, "
                 "within_limit = %s", e.replied_on, e.document_number, int(e.within_limit))
        ROWS.advance(ctx.cursor, e.matter_id, "replied", RANK["replied"])

    @on(AlertRaised)
    def alert(self, e: AlertRaised, ctx: Context) -> None:
        """R34: the sweep found the reply overdue (`IndexRows.mark_overdue`)."""
        if e.kind != "procuratorial_overdue":
            return
        ROWS.mark_overdue(ctx.cursor, e)


class MatterQueries:
    """ListMatters, and the cases a procurator may drill down to."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def list(self, scope_prefixes: Sequence[str], status: str | None = None,
             kind: str | None = None, page_size: int = 50,
             page_token: str = "") -> tuple[list[MatterRow], str]:
        """The matters addressed to the courts of the scope (code prefixes, R39), newest
        first, optionally of one status and kind; the page and the next page's token."""
        if status and status not in RANK:
            raise InvalidInput(f"status must be one of {', '.join(RANK)}", field="status")
        if kind and kind not in KINDS:
            raise InvalidInput(f"kind must be one of {', '.join(KINDS)}", field="kind")
        page = window(page_size, page_token)
        where, params = scope_clause(scope_prefixes)
        for column, value in (("status", status), ("kind", kind)):
            if value:
                where, params = f"{where} AND {column} = %s", [*params, value]
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {', '.join(COLUMNS)} FROM supervision_matter_index "
                        f"WHERE {where} ORDER BY received_on DESC, matter_id {page.sql}",
                        tuple(params))
            rows = [_read(row) for row in cur.fetchall()]
        return page.cut(rows)

    def case_ids_named(self, scope_prefixes: Sequence[str]) -> frozenset[str]:
        """The enforcement cases the scope's matters name: what a procurator may see of
        the cases behind a figure (R46) — no other case."""
        where, params = scope_clause(scope_prefixes)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT DISTINCT case_id FROM supervision_matter_index "
                        f"WHERE {where} AND case_id <> ''", tuple(params))
            return frozenset(str(row[0]) for row in cur.fetchall())

    def case_numbers_named(self, scope_prefixes: Sequence[str]) -> frozenset[str]:
        """The 案号 the scope's matters name: a procuratorate's document cites a case by
        its number, and a matter received with the number alone names it as well (R46)."""
        where, params = scope_clause(scope_prefixes)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT DISTINCT case_number FROM supervision_matter_index "
                        f"WHERE {where} AND case_number <> ''", tuple(params))
            return frozenset(str(row[0]) for row in cur.fetchall())


def _read(row: tuple[object, ...]) -> MatterRow:
    fields = dict(zip(COLUMNS, row, strict=True))
    for flag in ("extended", "within_limit"):
        fields[flag] = bool(fields[flag])
    missed = str(fields.pop("overdue_due"))
    fields["overdue"] = bool(missed) and missed >= str(fields["reply_by"])
    return MatterRow(**fields)  # type: ignore[arg-type]
