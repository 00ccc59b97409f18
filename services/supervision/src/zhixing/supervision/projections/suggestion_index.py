"""司法建议 list for ListSuggestions (R37): one row per judicial or disciplinary
suggestion — the receiving unit, the agency and case concerned, sent, the handling's last
day, the handling and whether it was found overdue. The reason and the recipient's
outcome stay in the service (SendSuggestion and RecordHandling answer with them).

Fed by the supervision service's own integration events (consumer group
`supervision.alert-index`, in order after the alert index: `bootstrap`): the
suggestion's two events, and the suggestion_overdue alert the sweep raised about it (its
subject is the suggestion id). A row is made by
whichever comes first; the status only moves forward (sent → handled).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zhixing.contracts.events.supervision.v1 import (
    AlertRaised,
    JudicialSuggestionHandled,
    JudicialSuggestionSent,
)
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.supervision.projections.index_paging import IndexRows, scope_clause, window

GROUP = "supervision.alert-index"
"""The consumer group it runs in, with the alert index (`bootstrap`, helm values)."""
INDEX_DDL = """CREATE TABLE IF NOT EXISTS {supervision_suggestion_index} (
    suggestion_id TEXT PRIMARY KEY, kind TEXT NOT NULL DEFAULT '',
    court_code TEXT NOT NULL DEFAULT '', recipient TEXT NOT NULL DEFAULT '',
    agency_id TEXT NOT NULL DEFAULT '', case_id TEXT NOT NULL DEFAULT '',
    document_number TEXT NOT NULL DEFAULT '', sent_on TEXT NOT NULL DEFAULT '',
    handle_by TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'sent',
    status_rank INTEGER NOT NULL DEFAULT 0, handled_on TEXT NOT NULL DEFAULT '',
    within_limit INTEGER NOT NULL DEFAULT 0, overdue_due TEXT NOT NULL DEFAULT '')"""
INDEX_INDEXES = ("CREATE INDEX IF NOT EXISTS {supervision_suggestion_index}_court "
                 "ON {supervision_suggestion_index} (court_code, status, sent_on)",)
TABLES = VersionedTables("supervision_suggestion_index",
                         {"supervision_suggestion_index": (INDEX_DDL, *INDEX_INDEXES)})
"""Versioned for blue/green rebuilds: readers read the view `supervision_suggestion_index`."""
ROWS = IndexRows("supervision_suggestion_index", "suggestion_id")
"""How its handlers make and fill in a row."""

STATUSES = ("sent", "handled")
COLUMNS = ("suggestion_id", "kind", "court_code", "recipient", "agency_id", "case_id",
           "document_number", "sent_on", "handle_by", "status", "handled_on",
           "within_limit", "overdue_due")


@dataclass(frozen=True)
class SuggestionRow:
    """One suggestion as a list shows it (dates YYYY-MM-DD, '' when not yet)."""

    suggestion_id: str
    kind: str
    """judicial (司法建议) or disciplinary (纪律处分建议)."""
    court_code: str
    recipient: str
    """The receiving body — a unit, never a person's name."""
    agency_id: str
    case_id: str
    document_number: str
    sent_on: str
    handle_by: str
    """R37: the time the suggestion names (2 months unless configured otherwise)."""
    status: str
    """sent or handled."""
    handled_on: str
    within_limit: bool
    overdue: bool
    """Found past its handling's last day unhandled (its alert was raised)."""


class SuggestionIndex(Versioned, TypedHandler):
    """Keeps `supervision_suggestion_index` (STYLE 7: one class per read model)."""

    tables = TABLES

    @staticmethod
    def migrate(store: SqlStore) -> None:
        TABLES.install(store)

    @on(JudicialSuggestionSent)
    def sent(self, e: JudicialSuggestionSent, ctx: Context) -> None:
        ROWS.make(ctx.cursor, e.suggestion_id, e.court_code)
        ROWS.set(ctx.cursor, e.suggestion_id, "kind = %s, recipient = %s, agency_id = %s, "
                 "case_id = %s, document_number = %s, sent_on = %s, handle_by = %s",
                 e.kind, e.recipient, e.agency_id, e.case_id, e.document_number, e.sent_on,
                 e.handle_by)

    @on(JudicialSuggestionHandled)
    def handled(self, e: JudicialSuggestionHandled, ctx: Context) -> None:
        ROWS.make(ctx.cursor, e.suggestion_id, e.court_code)
        ROWS.set(ctx.cursor, e.suggestion_id, "handled_on = %s, within_limit = %s, "
                 "status = 'handled', status_rank = 1", e.handled_on, int(e.within_limit))

    @on(AlertRaised)
    def alert(self, e: AlertRaised, ctx: Context) -> None:
        """R37: the sweep found the handling overdue (`IndexRows.mark_overdue`)."""
        if e.kind != "suggestion_overdue":
            return
        ROWS.mark_overdue(ctx.cursor, e)


class SuggestionQueries:
    """ListSuggestions."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def list(self, scope_prefixes: Sequence[str], status: str | None = None,
             page_size: int = 50, page_token: str = "") -> tuple[list[SuggestionRow], str]:
        """The suggestions the courts of the scope sent (code prefixes, R39), newest
        first, optionally of one status; the page and the next page's token."""
        if status and status not in STATUSES:
            raise InvalidInput(f"status must be one of {', '.join(STATUSES)}",
                               field="status")
        page = window(page_size, page_token)
        where, params = scope_clause(scope_prefixes)
        if status:
            where, params = f"{where} AND status = %s", [*params, status]
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {', '.join(COLUMNS)} FROM supervision_suggestion_index "
                        f"WHERE {where} ORDER BY sent_on DESC, suggestion_id {page.sql}",
                        tuple(params))
            rows = [_read(row) for row in cur.fetchall()]
        return page.cut(rows)


def _read(row: tuple[object, ...]) -> SuggestionRow:
    fields = dict(zip(COLUMNS, row, strict=True))
    fields["within_limit"] = bool(fields["within_limit"])
    missed = str(fields.pop("overdue_due"))
    fields["overdue"] = bool(missed) and missed >= str(fields["handle_by"])
    return SuggestionRow(**fields)  # type: ignore[arg-type]
