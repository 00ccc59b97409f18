"""Protobuf translation for the command centre's reads (issue 16): a court's board, the
agencies' answering (R41) and a case file, and the bounds of their requests.

Every answer names cases by id and 案号, agencies by id, officers by user subject and
teams by code — never a party (the read models keep none).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.api.translate import alert_message, case_row_message
from zhixing.supervision.projections.alert_index import AlertRow
from zhixing.supervision.projections.board import (
    AgencyAnswers,
    AgencyWait,
    ExpiringMeasure,
    FundBalance,
    Tally,
)
from zhixing.supervision.projections.kpi_queries import CaseRow

WORKING_DAYS = (1, 60, 10)
"""A board's horizon for expiring measures, in working days (R64): least, most, default."""
BOARD_ROWS = (1, 100, 20)
"""The rows of each list of a board: least, most, default."""


def bounded(value: int, field: str, limits: tuple[int, int, int], rule: str = "") -> int:
    """`value` within its (least, most) — the default when 0 — or a refusal naming the
    field and the bound."""
    least, most, default = limits
    if value == 0:
        return default
    if not least <= value <= most:
        raise InvalidInput(f"{field} is {least}–{most} (0 for {default}); got {value}",
                           rule=rule, field=field)
    return value


def board_message(tallies: tuple[Iterable[Tally], Iterable[Tally]],
                  waits: Iterable[AgencyWait], expiring: Iterable[ExpiringMeasure],
                  funds: Iterable[FundBalance]) -> pb.GetCourtBoardResponse:
    """A court's board: overdue nodes by team and by officer, the oldest unanswered agency
    requests, measures expiring soon and the relief funds."""
    by_team, by_officer = tallies
    return pb.GetCourtBoardResponse(
        overdue_by_team=[tally_message(t) for t in by_team],
        overdue_by_officer=[tally_message(t) for t in by_officer],
        oldest_unanswered=[wait_message(w) for w in waits],
        expiring=[expiring_message(m) for m in expiring],
        funds=[fund_message(f) for f in funds])


def tally_message(tally: Tally) -> pb.Tally:
    """A count by a key (a team code, an officer's subject, 未分案)."""
    return pb.Tally(key=str(tally.key), count=int(tally.count))


def wait_message(wait: AgencyWait) -> pb.AgencyWait:
    """An agency request still unanswered (R41)."""
    return pb.AgencyWait(case_id=str(wait.case_id), case_number=wait.case_number or "",
                         agency_id=wait.agency_id, agency_kind=wait.agency_kind or "",
                         sent_on=_text(wait.sent_on), due_on=_text(wait.due_on),
                         days_waiting=int(wait.days_waiting))


def expiring_message(measure: ExpiringMeasure) -> pb.ExpiringMeasure:
    """A measure whose term ends within the board's horizon (R64)."""
    return pb.ExpiringMeasure(case_id=str(measure.case_id),
                              case_number=measure.case_number or "",
                              measure_id=str(measure.measure_id),
                              measure_kind=measure.measure_kind or "",
                              expires_on=_text(measure.expires_on),
                              working_days_left=int(measure.working_days_left))


def fund_message(fund: FundBalance) -> pb.FundBalance:
    """A court's relief fund of one year, in fen (R31)."""
    return pb.FundBalance(court_code=fund.court_code, fund_year=int(fund.fund_year),
                          credited_fen=int(fund.credited_fen),
                          reserved_fen=int(fund.reserved_fen),
                          released_fen=int(fund.released_fen),
                          recovered_fen=int(fund.recovered_fen),
                          balance_fen=int(fund.balance_fen))


def agency_answers_message(row: AgencyAnswers) -> pb.AgencyAnswers:
    """One agency's answering over a period (R41); times absent when nothing was
    answered."""
    message = pb.AgencyAnswers(agency_id=row.agency_id, agency_kind=row.agency_kind or "",
                               requests=int(row.requests), answered=int(row.answered),
                               overdue=int(row.overdue), unanswered=int(row.unanswered))
    if row.avg_answer_days is not None:
        message.avg_answer_days = float(row.avg_answer_days)
    if row.p90_answer_days is not None:
        message.p90_answer_days = float(row.p90_answer_days)
    return message


def case_file_message(row: CaseRow, unmet: Iterable[str],
                      alerts: Iterable[AlertRow]) -> pb.GetCaseFileResponse:
    """One case as the figures see it: its row, the R16 rules its 终本 did not meet and
    its alerts (without their timelines)."""
    return pb.GetCaseFileResponse(case=case_row_message(row), unmet=list(unmet),
                                  alerts=[alert_message(alert) for alert in alerts])


def _text(value: date | str | None) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else value
