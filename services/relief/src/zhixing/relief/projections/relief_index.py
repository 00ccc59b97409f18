"""司救执 cases of a court for ListApplications: number, enforcement case, status,
amounts and deadlines — no hardship facts, no names (R46).

Fed by the relief service's own integration events (consumer `relief.reports`). A row
is made by whichever event of an application comes first and each event sets its own
columns; the status only moves forward (applied → approved | rejected → withdrawn |
disbursed → notified → revoked), so a repeat or a replay changes nothing. A review has
no event of its own: a reviewed application is shown as applied. A step that ended takes
its running deadline off the row: a withdrawn application has no decide_by, a notified
one no notify_by, whichever of the events arrives first.
The enforcement case's 案号 is read from the case facts view at query time.
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.contracts.events.relief.v1 import (
    ApplicantNotified,
    ReliefApplied,
    ReliefApproved,
    ReliefDisbursed,
    ReliefRecovered,
    ReliefRejected,
    ReliefRevoked,
    ReliefStepOverdue,
    ReliefWithdrawn,
)
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.relief.projections.case_facts import CaseFactsView

INDEX_DDL = """CREATE TABLE IF NOT EXISTS {relief_index} (
    application_id TEXT PRIMARY KEY, court_code TEXT NOT NULL,
    relief_case_number TEXT NOT NULL, case_id TEXT NOT NULL, party_index INTEGER NOT NULL,
    status TEXT NOT NULL, status_rank INTEGER NOT NULL, requested_fen BIGINT NOT NULL,
    approved_fen BIGINT NOT NULL, exceptional INTEGER NOT NULL, fund_year INTEGER NOT NULL,
    disbursed_fen BIGINT NOT NULL, outstanding_fen BIGINT, to_recover_fen BIGINT NOT NULL,
    applied_on TEXT NOT NULL, decide_by TEXT NOT NULL, decided_on TEXT NOT NULL,
    rejected_rule TEXT NOT NULL, disbursed_on TEXT NOT NULL, notify_by TEXT NOT NULL,
    revoked_on TEXT NOT NULL, decision_overdue INTEGER NOT NULL,
    notification_overdue INTEGER NOT NULL, withdrawn_on TEXT NOT NULL DEFAULT '',
    notified_on TEXT NOT NULL DEFAULT '')"""
INDEX_INDEXES = ("CREATE INDEX IF NOT EXISTS {relief_index}_court "
                 "ON {relief_index} (court_code, status, applied_on)",)
TABLES = VersionedTables("relief_index", {"relief_index": (INDEX_DDL, *INDEX_INDEXES)})
"""Versioned for blue/green rebuilds: readers read the view `relief_index`. A store made
before withdrawn_on and notified_on were added gets them by a rebuild (docs/runbooks/
projection-rebuild.md: `zhixing relief rebuild relief_index`)."""

RANK = {"applied": 0, "approved": 1, "rejected": 1, "withdrawn": 2, "disbursed": 2,
        "notified": 3, "revoked": 4}
"""The statuses the events tell, in the order they come (a withdrawal is before
payment, never after it: the two share a rank)."""
STATUSES = ("applied", "reviewed", "approved", "rejected", "withdrawn", "disbursed",
            "notified", "revoked")
"""Every status of a relief case (domain.values.ReliefStatus): a filter may name any."""
MAX_PAGE = 500
MAX_TOKEN_DIGITS = 9
"""A page token is an offset below a billion: far more relief cases than a court has."""
COLUMNS = ("application_id", "relief_case_number", "case_id", "party_index", "status",
           "requested_fen", "approved_fen", "exceptional", "fund_year", "disbursed_fen",
           "outstanding_fen", "to_recover_fen", "applied_on", "decide_by", "decided_on",
           "rejected_rule", "disbursed_on", "notify_by", "revoked_on", "decision_overdue",
           "notification_overdue", "withdrawn_on", "notified_on")


@dataclass(frozen=True)
class ReliefRow:
    """One relief case as a list shows it (money in fen, dates YYYY-MM-DD or '')."""

    application_id: str
    relief_case_number: str
    case_id: str
    party_index: int
    status: str
    requested_fen: int
    approved_fen: int
    exceptional: bool
    """Approved above the R30 cap by a recorded exceptional decision."""
    fund_year: int
    """0 until approved."""
    disbursed_fen: int
    outstanding_fen: int
    """Paid and not yet returned to the fund (R32)."""
    to_recover_fen: int
    """What the recovery order demands back after a revocation for fraud (R32)."""
    applied_on: str
    decide_by: str
    """R31: 10 working days from the complete application; '' once withdrawn."""
    decided_on: str
    rejected_rule: str
    disbursed_on: str
    notify_by: str
    """R31: 2 working days from the funds' arrival; '' once the applicant was notified."""
    revoked_on: str
    decision_overdue: bool
    notification_overdue: bool
    case_number: str = ""
    """The enforcement case's 案号, '' while its facts have not arrived."""
    withdrawn_on: str = ""
    """Day the applicant withdrew, '' unless withdrawn."""
    notified_on: str = ""
    """Day the applicant was told the funds arrived (R31), '' before."""


class ReliefIndex(Versioned, TypedHandler):
    """Keeps `relief_index` (STYLE 7: one class per read model)."""

    tables = TABLES

    @staticmethod
    def migrate(store: SqlStore) -> None:
        """Its table, and the case facts' its queries join for the 案号."""
        TABLES.install(store)
        CaseFactsView.migrate(store)

    @on(ReliefApplied)
    def applied(self, e: ReliefApplied, ctx: Context) -> None:
        _row(ctx.cursor, e.application_id, e.court_code, e.relief_case_number, e.case_id)
        _set(ctx.cursor, e.application_id, "party_index = %s, requested_fen = %s, "
             "applied_on = %s, decide_by = CASE WHEN withdrawn_on = '' THEN %s ELSE '' END",
             e.party_index, e.requested_fen, e.applied_on, e.decide_by)
        _advance(ctx.cursor, e.application_id, "applied")

    @on(ReliefApproved)
    def approved(self, e: ReliefApproved, ctx: Context) -> None:
        _row(ctx.cursor, e.application_id, e.court_code, e.relief_case_number, e.case_id)
        _set(ctx.cursor, e.application_id, "approved_fen = %s, exceptional = %s, "
             "fund_year = %s, decided_on = %s", e.amount_fen, int(e.exceptional),
             e.fund_year, e.decided_on)
        _advance(ctx.cursor, e.application_id, "approved")

    @on(ReliefRejected)
    def rejected(self, e: ReliefRejected, ctx: Context) -> None:
        _row(ctx.cursor, e.application_id, e.court_code, e.relief_case_number, e.case_id)
        _set(ctx.cursor, e.application_id, "rejected_rule = %s, decided_on = %s",
             e.rule, e.decided_on)
        _advance(ctx.cursor, e.application_id, "rejected")

    @on(ReliefDisbursed)
    def disbursed(self, e: ReliefDisbursed, ctx: Context) -> None:
        _row(ctx.cursor, e.application_id, e.court_code, e.relief_case_number or "", e.case_id)
        _set(ctx.cursor, e.application_id, "disbursed_fen = %s, disbursed_on = %s, "
             "notify_by = CASE WHEN notified_on = '' THEN %s ELSE '' END, "
             "outstanding_fen = COALESCE(outstanding_fen, %s)",
             e.amount_fen, e.disbursed_on, e.notify_by or "", e.amount_fen)
        if e.relief_case_number:
            _set(ctx.cursor, e.application_id, "relief_case_number = %s", e.relief_case_number)
        _advance(ctx.cursor, e.application_id, "disbursed")

    @on(ReliefWithdrawn)
    def withdrawn(self, e: ReliefWithdrawn, ctx: Context) -> None:
        """No decision is awaited any more: the decision deadline goes."""
        _row(ctx.cursor, e.application_id, e.court_code, e.relief_case_number, e.case_id)
        _set(ctx.cursor, e.application_id, "withdrawn_on = %s, decide_by = ''",
             e.withdrawn_on)
        _advance(ctx.cursor, e.application_id, "withdrawn")

    @on(ApplicantNotified)
    def notified(self, e: ApplicantNotified, ctx: Context) -> None:
        """The notification step is done: its deadline goes."""
        _row(ctx.cursor, e.application_id, e.court_code, e.relief_case_number, e.case_id)
        _set(ctx.cursor, e.application_id, "notified_on = %s, notify_by = ''", e.notified_on)
        _advance(ctx.cursor, e.application_id, "notified")

    @on(ReliefRevoked)
    def revoked(self, e: ReliefRevoked, ctx: Context) -> None:
        _row(ctx.cursor, e.application_id, e.court_code, e.relief_case_number, e.case_id)
        _set(ctx.cursor, e.application_id, "to_recover_fen = %s, revoked_on = %s",
             e.to_recover_fen, e.revoked_on)
        _advance(ctx.cursor, e.application_id, "revoked")

    @on(ReliefRecovered)
    def recovered(self, e: ReliefRecovered, ctx: Context) -> None:
        """What is still owed only shrinks: the smallest figure told is the latest."""
        _row(ctx.cursor, e.application_id, e.court_code, e.relief_case_number, e.case_id)
        _set(ctx.cursor, e.application_id, "outstanding_fen = CASE WHEN outstanding_fen IS "
             "NULL OR outstanding_fen > %s THEN %s ELSE outstanding_fen END",
             e.outstanding_fen, e.outstanding_fen)

    @on(ReliefStepOverdue)
    def overdue(self, e: ReliefStepOverdue, ctx: Context) -> None:
        column = {"decision": "decision_overdue",
                  "notification": "notification_overdue"}.get(e.step)
        if column is None:
            return  # a step a newer publisher added: not shown here yet
        _row(ctx.cursor, e.application_id, e.court_code, e.relief_case_number, e.case_id)
        _set(ctx.cursor, e.application_id, f"{column} = 1")


def _row(cursor: Cursor, application_id: str, court_code: str, number: str,
         case_id: str) -> None:
    """The application's row, made by the first of its events to arrive."""
    cursor.execute(
        "INSERT INTO {relief_index} (application_id, court_code, relief_case_number, "
        "case_id, party_index, status, status_rank, requested_fen, approved_fen, "
        "exceptional, fund_year, disbursed_fen, outstanding_fen, to_recover_fen, applied_on, "
        "decide_by, decided_on, rejected_rule, disbursed_on, notify_by, revoked_on, "
        "decision_overdue, notification_overdue, withdrawn_on, notified_on) VALUES (%s, %s, "
        "%s, %s, 0, 'applied', 0, 0, 0, 0, 0, 0, NULL, 0, '', '', '', '', '', '', '', 0, 0, "
        "'', '') "
        "ON CONFLICT (application_id) DO NOTHING",
        (application_id, court_code, number, case_id))


def _set(cursor: Cursor, application_id: str, assignments: str, *values: object) -> None:
    cursor.execute(f"UPDATE {{relief_index}} SET {assignments} WHERE application_id = %s",
                   (*values, application_id))


def _advance(cursor: Cursor, application_id: str, status: str) -> None:
    cursor.execute("UPDATE {relief_index} SET status = %s, status_rank = %s "
                   "WHERE application_id = %s AND status_rank < %s",
                   (status, RANK[status], application_id, RANK[status]))


class ReliefIndexQueries:
    """ListApplications."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def list(self, court_code: str, status: str | None = None, page_size: int = 50,
             page_token: str = "") -> tuple[list[ReliefRow], str]:
        """A court's relief cases, newest application first, optionally of one status;
        returns the page and the token of the next ('' at the end)."""
        if status and status not in STATUSES:
            raise InvalidInput(f"status must be one of {', '.join(STATUSES)}", field="status")
        # A token is an offset this list gave: digits, and no larger than a court's
        # relief cases can number (a 40-digit one overflowed the SQL OFFSET).
        if page_token and not (page_token.isascii() and page_token.isdigit()
                               and len(page_token) <= MAX_TOKEN_DIGITS):
            raise InvalidInput("not a token from a previous page", field="page_token")
        offset, size = int(page_token or 0), max(1, min(page_size or 50, MAX_PAGE))
        where, params = "i.court_code = %s", [court_code]
        if status:
            where, params = f"{where} AND i.status = %s", [court_code, status]
        with self.store.transaction(read_only=True) as cur:
            cur.execute(
                f"SELECT {', '.join('i.' + c for c in COLUMNS)}, COALESCE(c.case_number, '') "
                "FROM relief_index i LEFT JOIN relief_case_facts c ON c.case_id = i.case_id "
                f"WHERE {where} ORDER BY i.applied_on DESC, i.relief_case_number DESC, "
                f"i.application_id LIMIT {size + 1} OFFSET {offset}", tuple(params))
            rows = [_read(row) for row in cur.fetchall()]
        more = len(rows) > size
        return rows[:size], str(offset + size) if more else ""


def _read(row: tuple[object, ...]) -> ReliefRow:
    fields = dict(zip((*COLUMNS, "case_number"), row, strict=True))
    if fields["outstanding_fen"] is None:
        fields["outstanding_fen"] = 0
    for flag in ("exceptional", "decision_overdue", "notification_overdue"):
        fields[flag] = bool(fields[flag])
    return ReliefRow(**fields)  # type: ignore[arg-type]
