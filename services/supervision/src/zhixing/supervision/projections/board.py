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
from datetime import date

from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.calendar import WorkingCalendar

UNASSIGNED = "未分案"
"""The key of the overdue nodes of a case no team or officer was assigned to (R27)."""


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
    川 holds 川01 holds 川0104); the servicer decides them (R46)."""

    def __init__(self, store: SqlStore, calendar: WorkingCalendar) -> None:
        self.store = store
        self.calendar = calendar

    def overdue_by(self, court_prefixes: Sequence[str], key: str, limit: int) -> list[Tally]:
        """Open (or acknowledged) overdue nodes by the case's team (`key` "team") or lead
        officer ("officer"), most first."""
        raise NotImplementedError

    def oldest_unanswered(self, court_prefixes: Sequence[str], today: date,
                          limit: int) -> list[AgencyWait]:
        """The agency requests still unanswered, oldest first."""
        raise NotImplementedError

    def expiring_measures(self, court_prefixes: Sequence[str], today: date,
                          working_days: int, limit: int) -> list[ExpiringMeasure]:
        """Measures in force ending within `working_days` working days of `today`,
        soonest first."""
        raise NotImplementedError

    def funds(self, court_prefixes: Sequence[str]) -> list[FundBalance]:
        """Each fund (court × year) in scope, by court and year."""
        raise NotImplementedError

    def agency_answers(self, court_prefixes: Sequence[str], from_month: str,
                       to_month: str) -> list[AgencyAnswers]:
        """Each agency's requests sent in `from_month`..`to_month` (YYYY-MM, at most 60
        months) by courts in scope, by agency id."""
        raise NotImplementedError
