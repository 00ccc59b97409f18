"""Fund use per court and year (R32), from the relief service's own integration events
(topic RELIEF_EVENTS, consumer `relief.reports`), for GetReport, the CLI and the CSV.

- Money belongs to the fund year that moved it: credits (`FundCredited`) to their fund's
  year; a payment to the `fund_year` of its `ReliefDisbursed` (else its approval's); a
  recovery (`ReliefRecovered`) to the fund year of the application it repays, which is
  the fund that advanced the money.
- Applications belong to the year of their complete application (`applied_on`), and
  count once for each outcome they reached (applied, approved, rejected, withdrawn,
  disbursed, revoked): one withdrawn after its approval counts as approved and withdrawn.
  The applicant's notice (`ApplicantNotified`) moves no figure.
- Days run from the complete application to the decision (approval or rejection) and
  to the payment, in calendar days.

Every write is keyed (entry, application, recovery) and order-insensitive: a repeat
changes nothing and a rebuild gives the same rows. No hardship facts, no names.
"""

from __future__ import annotations

from zhixing.contracts.events.relief.v1 import (
    FundCredited,
    ReliefApplied,
    ReliefApproved,
    ReliefDisbursed,
    ReliefRecovered,
    ReliefRejected,
    ReliefRevoked,
    ReliefWithdrawn,
)
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.eventstore.versioned import Versioned, VersionedTables
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.typed import Context, TypedHandler, on
from zhixing.relief.projections.relief_index import ReliefIndex, ReliefIndexQueries, ReliefRow
from zhixing.relief.projections.report_figures import (
    Days,
    Outcomes,
    Report,
    days_between,
    to_csv,
)

__all__ = ["FundReport", "FundReportQueries", "ReliefIndex", "ReliefIndexQueries",
           "ReliefRow", "Report"]

CREDITS_DDL = """CREATE TABLE IF NOT EXISTS {relief_report_credits} (
    fund_id TEXT NOT NULL, entry_id TEXT NOT NULL, court_code TEXT NOT NULL,
    year INTEGER NOT NULL, kind TEXT NOT NULL, amount_fen BIGINT NOT NULL,
    credited_on TEXT NOT NULL, PRIMARY KEY (fund_id, entry_id))"""
CREDITS_INDEX = ("CREATE INDEX IF NOT EXISTS {relief_report_credits}_fund "
                 "ON {relief_report_credits} (court_code, year)")
APPLICATIONS_DDL = """CREATE TABLE IF NOT EXISTS {relief_report_applications} (
    application_id TEXT PRIMARY KEY, court_code TEXT NOT NULL, applied_on TEXT NOT NULL,
    fund_year INTEGER, decided_on TEXT NOT NULL, outcome TEXT NOT NULL,
    disbursed_on TEXT NOT NULL, disbursed_fen BIGINT NOT NULL, revoked_on TEXT NOT NULL,
    withdrawn_on TEXT NOT NULL DEFAULT '')"""
"""`outcome`: '', 'approved' or 'rejected'; dates '' until the step happened."""
APPLICATIONS_INDEXES = (
    "CREATE INDEX IF NOT EXISTS {relief_report_applications}_applied "
    "ON {relief_report_applications} (court_code, applied_on)",
    "CREATE INDEX IF NOT EXISTS {relief_report_applications}_fund "
    "ON {relief_report_applications} (court_code, fund_year)")
RECOVERIES_DDL = """CREATE TABLE IF NOT EXISTS {relief_report_recoveries} (
    application_id TEXT NOT NULL, recovery_id TEXT NOT NULL, source TEXT NOT NULL,
    amount_fen BIGINT NOT NULL, recovered_on TEXT NOT NULL,
    PRIMARY KEY (application_id, recovery_id))"""
"""One recovery may repay several applications of a case (oldest first): keyed by both."""
TABLES = VersionedTables("relief_fund_report", {
    "relief_report_credits": (CREDITS_DDL, CREDITS_INDEX),
    "relief_report_applications": (APPLICATIONS_DDL, *APPLICATIONS_INDEXES),
    "relief_report_recoveries": (RECOVERIES_DDL,)})
"""Versioned for blue/green rebuilds: readers read the views of these names. A store made
before `withdrawn_on` was added gets it by a rebuild (docs/runbooks/projection-rebuild.md:
`zhixing relief rebuild relief_fund_report`)."""
FIRST_YEAR, LAST_YEAR = 2000, 2100


class FundReport(Versioned, TypedHandler):
    """Keeps the report's three tables (STYLE 7: one class per read model)."""

    tables = TABLES

    @staticmethod
    def migrate(store: SqlStore) -> None:
        TABLES.install(store)

    @on(FundCredited)
    def credited(self, event: FundCredited, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO {relief_report_credits} (fund_id, entry_id, court_code, year, kind, "
            "amount_fen, credited_on) VALUES (%s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (fund_id, entry_id) DO NOTHING",
            (event.fund_id, event.entry_id, event.court_code, event.year, event.kind,
             event.amount_fen, event.credited_on))

    @on(ReliefApplied)
    def applied(self, event: ReliefApplied, ctx: Context) -> None:
        self._set(ctx.cursor, event.application_id, event.court_code,
                  "applied_on = %s", event.applied_on)

    @on(ReliefApproved)
    def approved(self, event: ReliefApproved, ctx: Context) -> None:
        self._set(ctx.cursor, event.application_id, event.court_code,
                  "decided_on = %s, outcome = 'approved', fund_year = %s",
                  event.decided_on, event.fund_year)

    @on(ReliefRejected)
    def rejected(self, event: ReliefRejected, ctx: Context) -> None:
        self._set(ctx.cursor, event.application_id, event.court_code,
                  "decided_on = %s, outcome = 'rejected'", event.decided_on)

    @on(ReliefDisbursed)
    def disbursed(self, event: ReliefDisbursed, ctx: Context) -> None:
        """The paying fund's year: the event's, else the approval's, else the payment's."""
        self._set(ctx.cursor, event.application_id, event.court_code,
                  "disbursed_on = %s, disbursed_fen = %s, "
                  "fund_year = COALESCE(%s, fund_year, %s)",
                  event.disbursed_on, event.amount_fen, event.fund_year,
                  int(event.disbursed_on[:4]))

    @on(ReliefWithdrawn)
    def withdrawn(self, event: ReliefWithdrawn, ctx: Context) -> None:
        self._set(ctx.cursor, event.application_id, event.court_code,
                  "withdrawn_on = %s", event.withdrawn_on)

    @on(ReliefRevoked)
    def revoked(self, event: ReliefRevoked, ctx: Context) -> None:
        self._set(ctx.cursor, event.application_id, event.court_code,
                  "revoked_on = %s", event.revoked_on)

    @on(ReliefRecovered)
    def recovered(self, event: ReliefRecovered, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO {relief_report_recoveries} (application_id, recovery_id, source, "
            "amount_fen, recovered_on) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (application_id, recovery_id) DO NOTHING",
            (event.application_id, event.recovery_id, event.source, event.amount_fen,
             event.recovered_on))

    @staticmethod
    def _set(cursor: Cursor, application_id: str, court_code: str, assignments: str,
             *values: object) -> None:
        """The application's row (made if this is the first event seen of it), then the
        step's columns: setting them again to the same values changes nothing."""
        cursor.execute(
            "INSERT INTO {relief_report_applications} (application_id, court_code, "
            "applied_on, fund_year, decided_on, outcome, disbursed_on, disbursed_fen, "
            "revoked_on, withdrawn_on) VALUES (%s, %s, '', NULL, '', '', '', 0, '', '') "
            "ON CONFLICT (application_id) DO NOTHING", (application_id, court_code))
        cursor.execute(f"UPDATE {{relief_report_applications}} SET {assignments} "
                       "WHERE application_id = %s", (*values, application_id))


class FundReportQueries:
    """GetReport: the figures of one court's fund in one year, and their CSV annex."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def report(self, court_code: str, year: int) -> Report:
        """The report; a year with no movement reports zeros."""
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise InvalidInput(f"year must be between {FIRST_YEAR} and {LAST_YEAR}",
                               field="year")
        with self.store.transaction(read_only=True) as cur:
            credits = _sums(cur, "SELECT kind, SUM(amount_fen) FROM relief_report_credits "
                            "WHERE court_code = %s AND year = %s GROUP BY kind",
                            court_code, year)
            recoveries = _sums(
                cur, "SELECT r.source, SUM(r.amount_fen) FROM relief_report_recoveries r "
                "JOIN relief_report_applications a ON a.application_id = r.application_id "
                "WHERE a.court_code = %s AND a.fund_year = %s GROUP BY r.source",
                court_code, year)
            cur.execute("SELECT COALESCE(SUM(disbursed_fen), 0) FROM relief_report_applications "
                        "WHERE court_code = %s AND fund_year = %s AND disbursed_on <> ''",
                        (court_code, year))
            disbursed = int(cur.fetchone()[0])  # type: ignore[index]
            cur.execute("SELECT applied_on, decided_on, outcome, disbursed_on, revoked_on, "
                        "withdrawn_on FROM relief_report_applications WHERE court_code = %s "
                        "AND applied_on >= %s AND applied_on <= %s",
                        (court_code, f"{year:04d}-01-01", f"{year:04d}-12-31"))
            applications = [tuple(map(str, row)) for row in cur.fetchall()]
        outcomes, to_decision, to_payment = _application_figures(applications)
        return Report(court_code, year, appropriated_fen=credits.get("appropriation", 0),
                      donated_fen=credits.get("donation", 0), disbursed_fen=disbursed,
                      recovered_from_cases_fen=recoveries.get("case_account", 0),
                      recovered_after_fraud_fen=recoveries.get("fraud_recovery", 0),
                      applications=outcomes, to_decision=to_decision, to_payment=to_payment)

    def csv(self, court_code: str, year: int) -> str:
        """The report as a CSV annex (UTF-8): one row per figure, amounts in yuan."""
        return to_csv(self.report(court_code, year))


def _sums(cursor: Cursor, sql: str, court_code: str, year: int) -> dict[str, int]:
    cursor.execute(sql, (court_code, year))
    return {str(key): int(total) for key, total in cursor.fetchall()}


def _application_figures(rows: list[tuple[str, ...]]) -> tuple[Outcomes, Days, Days]:
    """Outcomes and durations of the applications filed in the year."""
    outcomes = Outcomes(
        applied=len(rows),
        approved=sum(1 for r in rows if r[2] == "approved"),
        rejected=sum(1 for r in rows if r[2] == "rejected"),
        withdrawn=sum(1 for r in rows if r[5]),
        withdrawn_after_approval=sum(1 for r in rows if r[5] and r[2] == "approved"),
        disbursed=sum(1 for r in rows if r[3]),
        revoked=sum(1 for r in rows if r[4]))
    to_decision = [d for r in rows if (d := days_between(r[0], r[1])) is not None]
    to_payment = [d for r in rows if (d := days_between(r[0], r[3])) is not None]
    return outcomes, Days.of(to_decision), Days.of(to_payment)
