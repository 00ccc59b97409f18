"""The court board of the command centre (issue 16): what one court's page shows beside
its KPIs — its open overdue nodes by team and by lead officer (R26–R28, R36), the oldest
unanswered agency requests (R41), the control measures expiring within N working days
(R20, R64), the relief funds' balances (R32), and each agency's answer times (R41).

Read from the facts `board_facts.BoardView` keeps (tables `supervision_board_*`) and the
alert index (which node alerts are still open). No names, no identity numbers, no
accounts: cases by id and 案号, officers by subject, agencies by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.domain.kpi import Period
from zhixing.supervision.projections.board_sql import (
    FEW_COURTS,
    OLDEST_OF_MANY,
    OLDEST_OF_ONE,
    add_spread,
    check_limit,
    courts_in,
    p90,
    placeholders,
)
from zhixing.supervision.projections.board_tallies import SECONDS_PER_TENTH_DAY
from zhixing.supervision.projections.index_paging import scope_clause

UNASSIGNED = "未分案"
"""The key of the overdue nodes of a case no team or officer was assigned to (R27)."""
MAX_WORKING_DAYS = 60
KEYS = ("team", "officer")


@dataclass(frozen=True)
class Tally:
    """How many open overdue nodes one team or lead officer has."""

    key: str
    """The team's code or the lead officer's subject; `UNASSIGNED` when none."""
    count: int


@dataclass(frozen=True)
class AgencyWait:
    """One agency request not answered yet (R41), oldest first."""

    case_id: str
    case_number: str
    """案号, "" when the case's filing was not seen."""
    agency_id: str
    agency_kind: str
    """`zhixing.contracts.agencies.AGENCY_KINDS` key; "" when not known yet."""
    sent_on: date
    due_on: date | None
    """The last day of the answer (the reply deadline's day); None when not known."""
    days_waiting: int
    """Calendar days from `sent_on` to today."""


@dataclass(frozen=True)
class ExpiringMeasure:
    """A control measure in force whose term ends within the asked working days (R20)."""

    case_id: str
    case_number: str
    measure_id: str
    measure_kind: str
    """"seal" (查封), "detain" (扣押) or "freeze" (冻结)."""
    expires_on: date
    working_days_left: int
    """Working days in (today, expires_on] by the statutory calendar (R64); 0 when it
    expires today."""


@dataclass(frozen=True)
class FundBalance:
    """A court's relief fund of one year (R32), in fen, recomputed from relief events:
    balance = credited − reserved + released + recovered."""

    court_code: str
    fund_year: int
    credited_fen: int
    """Appropriations and donations (FundCredited)."""
    reserved_fen: int
    """Amounts approved (ReliefApproved) — reserved on the fund, then paid."""
    released_fen: int
    """Reservations given back (ReliefWithdrawn)."""
    recovered_fen: int
    """Money that came back (ReliefRecovered)."""
    balance_fen: int


@dataclass(frozen=True)
class AgencyAnswers:
    """One agency's record over a period (R41): requests sent in the period."""

    agency_id: str
    agency_kind: str
    requests: int
    answered: int
    """Answered ("found" or "nothing"), on time or late."""
    overdue: int
    """Reported overdue (AgencyAnswerOverdue), answered later or not."""
    unanswered: int
    """Not answered yet."""
    avg_answer_days: float | None
    """Mean days from sending to the answer (fractional, 0.1 days), None when none."""
    p90_answer_days: float | None
    """Nearest-rank 90th percentile (the ⌈0.9·n⌉-th smallest), 0.1 days; None when none."""


class BoardQueries:
    """The court board's queries. `court_prefixes` are the courts in scope (R39 nesting:
    川 holds 川01 holds 川0104); the servicer decides them (R46). Every input is bounded:
    `limit` 1..100, working days 1..60, at most 60 months."""

    def __init__(self, store: SqlStore, calendar: WorkingCalendar) -> None:
        self.store = store
        self.calendar = calendar

    def overdue_by(self, court_prefixes: Sequence[str], key: str, limit: int) -> list[Tally]:
        """Open (or acknowledged) overdue nodes — node_overdue alerts not closed — by the
        case's team (`key` "team"; the team the overdue report named when the case's
        assignment was not seen) or lead officer ("officer"), most first (R36)."""
        if key not in KEYS:
            raise InvalidInput("key must be team or officer", rule="R36", field="key")
        check_limit(limit)
        where, params = scope_clause(court_prefixes, "a.court_code")
        column = ("COALESCE(NULLIF(c.team, ''), NULLIF(a.act_by, ''), %s)" if key == "team"
                  else "COALESCE(NULLIF(c.lead_officer, ''), %s)")
        with self.store.transaction(read_only=True) as cur:
            cur.execute(
                f"SELECT {column} AS k, COUNT(*) AS n FROM supervision_alert_index a "
                "LEFT JOIN supervision_board_cases c ON c.case_id = a.case_id "
                f"WHERE a.kind = 'node_overdue' AND a.status_rank < 2 AND {where} "
                "GROUP BY k ORDER BY n DESC, k LIMIT %s", (UNASSIGNED, *params, limit))
            return [Tally(str(k), int(n)) for k, n in cur.fetchall()]

    def oldest_unanswered(self, court_prefixes: Sequence[str], today: date,
                          limit: int) -> list[AgencyWait]:
        """The agency requests still unanswered, oldest first (R41); the due day is the
        one the overdue report told, else counted from the policy table."""
        check_limit(limit)
        with self.store.transaction(read_only=True) as cur:
            courts = courts_in(cur, court_prefixes)
            if not courts:
                return []
            if len(courts) > FEW_COURTS:
                each = OLDEST_OF_MANY.format(marks=placeholders(courts))
                params: tuple[object, ...] = (*courts, limit)
            else:
                each = ' UNION ALL '.join([OLDEST_OF_ONE] * len(courts))
                params = tuple(value for court in courts for value in (court, limit))
            cur.execute(
                "SELECT o.case_id, COALESCE(c.case_number, ''), o.agency_id, o.agency_kind, "
                f"o.sent_on, o.due FROM ({each}) AS o "
                "LEFT JOIN supervision_board_cases c ON c.case_id = o.case_id "
                "ORDER BY o.sent_epoch, o.request_id LIMIT %s", (*params, limit))
            rows = cur.fetchall()
        return [AgencyWait(str(case_id), str(number), str(agency), str(kind),
                           date.fromisoformat(sent), date.fromisoformat(due) if due else None,
                           (today - date.fromisoformat(sent)).days)
                for case_id, number, agency, kind, sent, due in rows]

    def expiring_measures(self, court_prefixes: Sequence[str], today: date,
                          working_days: int, limit: int) -> list[ExpiringMeasure]:
        """Measures in force (took effect, not released nor lapsed) whose term ends on
        `today` or with at most `working_days` working days left (R20; R64's calendar),
        soonest first."""
        if not 1 <= working_days <= MAX_WORKING_DAYS:
            raise InvalidInput(f"within_working_days must be 1..{MAX_WORKING_DAYS}",
                               rule="R64", field="within_working_days")
        check_limit(limit)
        # The last day with at most `working_days` left: the day before the next working
        # day after the horizon — a term ending in the rest days after it (a weekend, 国庆)
        # must be renewed by the horizon too (R64).
        after = self.calendar.add_working_days(today, working_days + 1).date
        horizon = after - timedelta(days=1)
        where, params = scope_clause(court_prefixes, "m.court_code")
        with self.store.transaction(read_only=True) as cur:
            cur.execute(
                "SELECT m.case_id, COALESCE(c.case_number, ''), m.measure_id, m.kind, "
                "m.expires_on FROM supervision_board_measures m "
                "LEFT JOIN supervision_board_cases c ON c.case_id = m.case_id "
                "WHERE m.ended_on = '' AND m.expires_on >= %s AND m.expires_on <= %s "
                f"AND m.effective_on <> '' AND {where} "
                "ORDER BY m.expires_on, m.measure_id LIMIT %s",
                (today.isoformat(), horizon.isoformat(), *params, limit))
            rows = cur.fetchall()
        found = []
        for case_id, number, measure_id, kind, expires in rows:
            expires_on = date.fromisoformat(expires)
            found.append(ExpiringMeasure(
                str(case_id), str(number), str(measure_id), str(kind), expires_on,
                self.calendar.working_days_between(today, expires_on)))
        return found

    def funds(self, court_prefixes: Sequence[str]) -> list[FundBalance]:
        """Each fund (court × year) in scope, by court and year: what was credited, what
        approvals reserved, what withdrawals gave back and what was recovered; the balance
        is what the fund may still grant (the relief service's `available_fen`, R32)."""
        sums: dict[tuple[str, int], list[int]] = {}
        own, params = scope_clause(court_prefixes, "court_code")
        joined, _ = scope_clause(court_prefixes, "p.court_code")
        queries = (
            "SELECT court_code, fund_year, SUM(amount_fen) FROM supervision_board_credits "
            f"WHERE {own} GROUP BY court_code, fund_year",
            "SELECT court_code, fund_year, SUM(amount_fen) FROM supervision_board_approvals "
            f"WHERE {own} GROUP BY court_code, fund_year",
            "SELECT p.court_code, p.fund_year, SUM(w.released_fen) FROM "
            "supervision_board_withdrawals w JOIN supervision_board_approvals p "
            f"ON p.application_id = w.application_id WHERE {joined} "
            "GROUP BY p.court_code, p.fund_year",
            "SELECT p.court_code, p.fund_year, SUM(r.amount_fen) FROM "
            "supervision_board_recoveries r JOIN supervision_board_approvals p "
            f"ON p.application_id = r.application_id WHERE {joined} "
            "GROUP BY p.court_code, p.fund_year")
        with self.store.transaction(read_only=True) as cur:
            for column, sql in enumerate(queries):
                cur.execute(sql, tuple(params))
                for court, year, amount in cur.fetchall():
                    sums.setdefault((str(court), int(year)), [0, 0, 0, 0])[column] = int(amount)
        return [FundBalance(court, year, credited_fen=credited, reserved_fen=reserved,
                            released_fen=released, recovered_fen=recovered,
                            balance_fen=credited - reserved + released + recovered)
                for (court, year), (credited, reserved, released, recovered)
                in sorted(sums.items())]

    def agency_answers(self, court_prefixes: Sequence[str], from_month: str,
                       to_month: str) -> list[AgencyAnswers]:
        """Each agency's requests sent in `from_month`..`to_month` (YYYY-MM, at most 60
        months) by courts in scope, by agency id (R41): answered on time or late,
        reported overdue, still unanswered; the mean and the nearest-rank 90th percentile
        of the answer times (days from sending; the percentile in tenths of a day,
        rounded up)."""
        period = Period.of_months(from_month, to_month)
        days = (period.first.isoformat(), period.last.isoformat())
        with self.store.transaction(read_only=True) as cur:
            courts = courts_in(cur, court_prefixes)
            if not courts:
                return []
            marks = placeholders(courts)
            months = (period.from_month, period.to_month)
            cur.execute(
                "SELECT t.agency_id, COALESCE(MAX(k.agency_kind), ''), SUM(t.requests), "
                "SUM(t.overdue) FROM supervision_board_asked t "
                "LEFT JOIN supervision_board_agencies k ON k.agency_id = t.agency_id "
                f"WHERE t.court_code IN ({marks}) AND t.month >= %s AND t.month <= %s "
                "GROUP BY t.agency_id HAVING SUM(t.requests) > 0", (*courts, *months))
            asked = {str(agency): (str(kind), int(n), int(late or 0))
                     for agency, kind, n, late in cur.fetchall()}
            timed: dict[str, dict[int, list[int]]] = {}
            # The answers tallied (they found their request when they came), then those
            # that came before it, joined now.
            cur.execute("SELECT agency_id, tenths, SUM(answers), SUM(seconds) "
                        f"FROM supervision_board_timed WHERE court_code IN ({marks}) "
                        "AND month >= %s AND month <= %s GROUP BY agency_id, tenths",
                        (*courts, *months))
            add_spread(timed, cur.fetchall())
            cur.execute(
                "SELECT agency_id, (seconds + %s) / %s AS tenths, COUNT(*), SUM(seconds) "
                "FROM (SELECT r.agency_id, CASE WHEN a.answered_epoch > r.sent_epoch "
                "THEN a.answered_epoch - r.sent_epoch ELSE 0 END AS seconds "
                "FROM supervision_board_answers a JOIN supervision_board_requests r "
                "ON r.request_id = a.request_id AND r.agency_id = a.agency_id "
                f"WHERE a.sent_epoch = 0 AND r.court_code IN ({marks}) AND r.sent_on >= %s "
                "AND r.sent_on <= %s AND r.sent_epoch > 0) AS late "
                "GROUP BY agency_id, tenths",
                (SECONDS_PER_TENTH_DAY - 1, SECONDS_PER_TENTH_DAY, *courts, *days))
            add_spread(timed, cur.fetchall())
        found = []
        for agency, (kind, requests, overdue) in sorted(asked.items()):
            spread = timed.get(agency, {})
            answered = sum(count for count, _ in spread.values())
            seconds = sum(total for _, total in spread.values())
            found.append(AgencyAnswers(
                agency, kind, requests, answered, overdue, requests - answered,
                round(seconds / 86400 / answered, 1) if answered else None,
                p90([(tenths, count) for tenths, (count, _) in spread.items()])))
        return found
