"""预警 list for ListAlerts (R36): one row per alert — its rule, court, case, subject, who
must act and by when, and where its life stands. No party's name: alerts name cases by
id and 案号, people by role, team or user subject.

Fed by the supervision service's own integration events (consumer
`supervision.alert-index`). The row is made by whichever of an alert's events arrives
first and each event sets its own columns; the status only moves forward (open →
acknowledged → closed), so a repeat or a replay changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from zhixing.contracts.events.supervision.v1 import AlertAcknowledged, AlertClosed, AlertRaised
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.supervision.projections.index_paging import IndexRows, scope_clause, window

INDEX_DDL = """CREATE TABLE IF NOT EXISTS {supervision_alert_index} (
    alert_id TEXT PRIMARY KEY, kind TEXT NOT NULL DEFAULT '', rule TEXT NOT NULL DEFAULT '',
    court_code TEXT NOT NULL DEFAULT '', case_id TEXT NOT NULL DEFAULT '',
    case_number TEXT NOT NULL DEFAULT '', subject TEXT NOT NULL DEFAULT '',
    act_by_role TEXT NOT NULL DEFAULT '', act_by TEXT NOT NULL DEFAULT '',
    due_on TEXT NOT NULL DEFAULT '', raised_on TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open', status_rank INTEGER NOT NULL DEFAULT 0,
    acknowledged_by TEXT NOT NULL DEFAULT '', acknowledged_on TEXT NOT NULL DEFAULT '',
    closed_on TEXT NOT NULL DEFAULT '', closed_by_event TEXT NOT NULL DEFAULT '',
    closed_by TEXT NOT NULL DEFAULT '')"""
INDEX_INDEXES = ("CREATE INDEX IF NOT EXISTS {supervision_alert_index}_court "
                 "ON {supervision_alert_index} (court_code, status, raised_on)",
                 # A case file lists the case's alerts (GetCaseFile, issue 16).
                 "CREATE INDEX IF NOT EXISTS {supervision_alert_index}_case "
                 "ON {supervision_alert_index} (case_id)")
TABLES = VersionedTables("supervision_alert_index",
                         {"supervision_alert_index": (INDEX_DDL, *INDEX_INDEXES)})
"""Versioned for blue/green rebuilds: readers read the view `supervision_alert_index`."""
ROWS = IndexRows("supervision_alert_index", "alert_id")
"""How its handlers make and fill in a row."""
GROUP = "supervision.alert-index"

RANK = {"open": 0, "acknowledged": 1, "closed": 2}
"""An alert's life, in the order its events tell it."""
KINDS = ("node_overdue", "measure_expiring", "measure_lapsed", "over_seizure",
         "exempt_property", "requery_missing", "removal_late", "relief_overdue",
         "procuratorial_overdue", "suggestion_overdue", "agency_overdue")
"""Every kind of alert (domain.values.AlertKind): a filter may name any."""
CASE_ALERTS = 200
"""The most alerts a case file lists: a case lives a few years, its alerts are tens."""
COLUMNS = ("alert_id", "kind", "rule", "court_code", "case_id", "case_number", "subject",
           "act_by_role", "act_by", "due_on", "raised_on", "status", "acknowledged_by",
           "acknowledged_on", "closed_on", "closed_by_event", "closed_by")


@dataclass(frozen=True)
class AlertRow:
    """One alert as a list shows it (dates YYYY-MM-DD, '' when not yet)."""

    alert_id: str
    kind: str
    rule: str
    court_code: str
    case_id: str
    case_number: str
    subject: str
    """What in the case it is about: a node, a measure, a listing, a matter."""
    act_by_role: str
    act_by: str
    """A team code or a user subject, '' when not known — never a name."""
    due_on: str
    raised_on: str
    status: str
    """open, acknowledged or closed."""
    acknowledged_by: str
    acknowledged_on: str
    closed_on: str
    closed_by_event: str
    """The CloudEvents type of the event that closed it, '' when a person did."""
    closed_by: str
    """The user subject who closed it by hand, '' when an event did."""


class AlertIndex(Versioned, TypedHandler):
    """Keeps `supervision_alert_index` (STYLE 7: one class per read model)."""

    tables = TABLES

    @staticmethod
    def migrate(store: SqlStore) -> None:
        TABLES.install(store)

    @on(AlertRaised)
    def raised(self, e: AlertRaised, ctx: Context) -> None:
        ROWS.make(ctx.cursor, e.alert_id, e.court_code)
        ROWS.set(ctx.cursor, e.alert_id, "kind = %s, rule = %s, case_id = %s, case_number = %s, "
                 "subject = %s, act_by_role = %s, act_by = %s, due_on = %s, raised_on = %s",
                 e.kind, e.rule, e.case_id, e.case_number, e.subject, e.act_by_role, e.act_by,
                 e.due_on, e.raised_on)

    @on(AlertAcknowledged)
    def acknowledged(self, e: AlertAcknowledged, ctx: Context) -> None:
        ROWS.make(ctx.cursor, e.alert_id, e.court_code)
        ROWS.set(ctx.cursor, e.alert_id, "acknowledged_by = %s, acknowledged_on = %s",
                 e.by, e.acknowledged_on)
        ROWS.advance(ctx.cursor, e.alert_id, "acknowledged", RANK["acknowledged"])

    @on(AlertClosed)
    def closed(self, e: AlertClosed, ctx: Context) -> None:
        ROWS.make(ctx.cursor, e.alert_id, e.court_code)
        ROWS.set(ctx.cursor, e.alert_id, "closed_on = %s, closed_by_event = %s, closed_by = %s",
                 e.closed_on, e.by_event, e.by)
        ROWS.advance(ctx.cursor, e.alert_id, "closed", RANK["closed"])


class AlertQueries:
    """ListAlerts and the command centre's counts."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def list(self, scope_prefixes: Sequence[str], status: str | None = None,
             kind: str | None = None, page_size: int = 50,
             page_token: str = "") -> tuple[list[AlertRow], str]:
        """The alerts of the courts whose code starts with one of `scope_prefixes` (R39
        nesting; 成渝 is 川 and 渝), newest first, optionally of one status and one kind;
        returns the page and the token of the next ('' at the end)."""
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
            cur.execute(f"SELECT {', '.join(COLUMNS)} FROM supervision_alert_index "
                        f"WHERE {where} ORDER BY raised_on DESC, alert_id {page.sql}",
                        tuple(params))
            rows = [AlertRow(*row) for row in cur.fetchall()]
        return page.cut(rows)

    def of_case(self, case_id: str, scope_prefixes: Sequence[str],
                limit: int = CASE_ALERTS) -> list[AlertRow]:
        """A case's alerts of the courts in `scope_prefixes`, newest first, at most
        `limit` (a case file's; the servicer has checked the caller may see the case,
        R46). An alert naming the case may be another court's — a matter or suggestion
        of the court above it, or of any court before the case's filing was seen — and
        is then left out, as ListAlerts leaves it out (R39)."""
        where, params = scope_clause(scope_prefixes)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {', '.join(COLUMNS)} FROM supervision_alert_index "
                        f"WHERE case_id = %s AND {where} "
                        "ORDER BY raised_on DESC, alert_id LIMIT %s",
                        (case_id, *params, limit))
            return [AlertRow(*row) for row in cur.fetchall()]

    def counts(self, scope_prefixes: Sequence[str]) -> dict[str, dict[str, int]]:
        """How many alerts of each kind the scope has in each status: kind → status →
        count (only what occurs)."""
        where, params = scope_clause(scope_prefixes)
        with self.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT kind, status, COUNT(*) FROM supervision_alert_index "
                        f"WHERE {where} GROUP BY kind, status", tuple(params))
            found: dict[str, dict[str, int]] = {}
            for kind, status, count in cur.fetchall():
                found.setdefault(str(kind), {})[str(status)] = int(count)
        return found



