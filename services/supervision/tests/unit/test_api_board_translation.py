"""The command centre's reads in translation (issue 16): the board's bounds, its lists,
the agencies' answering (R41) and a case file — no I/O."""

from __future__ import annotations

import re
from datetime import date

import pytest

from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.api.board_messages import (
    BOARD_ROWS,
    WORKING_DAYS,
    agency_answers_message,
    board_message,
    bounded,
    case_file_message,
)
from zhixing.supervision.projections.alert_index import AlertRow
from zhixing.supervision.projections.board import (
    AgencyAnswers,
    AgencyWait,
    ExpiringMeasure,
    FundBalance,
    Tally,
)
from zhixing.supervision.projections.kpi_queries import CaseRow

CASE = ("9a1c2a9e-0000-4000-8000-000000000151", "(2026)川0104执151号")
WAIT = AgencyWait(case_id=CASE[0], case_number=CASE[1], agency_id="bank.icbc",
                  agency_kind="bank", sent_on=date(2026, 1, 5), due_on=None, days_waiting=56)
MEASURE = ExpiringMeasure(case_id=CASE[0], case_number=CASE[1], measure_id="m-1",
                          measure_kind="freeze", expires_on=date(2026, 3, 6),
                          working_days_left=4)
FUND = FundBalance(court_code="川0104", fund_year=2026, credited_fen=1_000_000_00,
                   reserved_fen=30_000_00, released_fen=5_000_00, recovered_fen=1_000_00,
                   balance_fen=976_000_00)
ANSWERS = AgencyAnswers(agency_id="bank.icbc", agency_kind="bank", requests=10, answered=8,
                        overdue=3, unanswered=2, avg_answer_days=None, p90_answer_days=None)


class TestBounds:
    @pytest.mark.parametrize(("field", "limits"), [("within_working_days", WORKING_DAYS),
                                                   ("limit", BOARD_ROWS)])
    def test_the_default_is_taken_when_the_field_is_left_0(self, field, limits):
        assert bounded(0, field, limits) == limits[2]

    @pytest.mark.parametrize("value", [1, 60])
    def test_a_horizon_is_kept_when_it_is_1_to_60_working_days(self, value):
        assert bounded(value, "within_working_days", WORKING_DAYS, "R64") == value

    @pytest.mark.parametrize("value", [-1, 61, 10_000])
    def test_invalid_argument_naming_the_field_bound_and_rule_when_beyond_60(self, value):
        with pytest.raises(InvalidInput) as refused:
            bounded(value, "within_working_days", WORKING_DAYS, "R64")
        assert (refused.value.field, refused.value.rule) == ("within_working_days", "R64")
        assert "1–60" in str(refused.value)

    def test_invalid_argument_naming_limit_and_its_bound_when_over_100_rows(self):
        with pytest.raises(InvalidInput) as refused:
            bounded(101, "limit", BOARD_ROWS)
        assert refused.value.field == "limit" and "1–100" in str(refused.value)


class TestBoard:
    def test_each_list_is_answered_in_the_read_models_order_when_translated(self):
        board = board_message(([Tally("执行一组", 3), Tally("未分案", 1)], [Tally("o-1", 2)]),
                              [WAIT], [MEASURE], [FUND])
        assert [(t.key, t.count) for t in board.overdue_by_team] == [("执行一组", 3),
                                                                   ("未分案", 1)]
        assert [(t.key, t.count) for t in board.overdue_by_officer] == [("o-1", 2)]
        assert (board.expiring[0].expires_on, board.expiring[0].working_days_left) == (
            "2026-03-06", 4)
        assert board.funds[0].balance_fen == 976_000_00 and board.funds[0].fund_year == 2026

    def test_an_unknown_due_day_is_empty_when_an_agency_request_waits(self):
        wait = board_message(([], []), [WAIT], [], []).oldest_unanswered[0]
        assert (wait.sent_on, wait.due_on, wait.days_waiting) == ("2026-01-05", "", 56)
        assert (wait.agency_id, wait.case_number) == ("bank.icbc", CASE[1])


class TestAgencyAnswers:
    def test_answer_days_are_absent_when_nothing_was_answered(self):
        message = agency_answers_message(ANSWERS)
        assert not message.HasField("avg_answer_days")
        assert not message.HasField("p90_answer_days")
        assert (message.requests, message.answered, message.overdue, message.unanswered) == (
            10, 8, 3, 2)

    def test_answer_days_keep_their_tenths_when_answers_were_timed(self):
        message = agency_answers_message(AgencyAnswers(**{
            **ANSWERS.__dict__, "avg_answer_days": 2.5, "p90_answer_days": 0.4}))
        assert (message.avg_answer_days, message.p90_answer_days) == (2.5, 0.4)


class TestCaseFile:
    def test_the_row_unmet_rules_and_alerts_are_answered_without_timelines(self):
        row = CaseRow(CASE[0], CASE[1], "川0104", date(2026, 1, 5), date(2026, 3, 1),
                      "concluded", "unmet R16(1), R16(3)", ("R16(1)", "R16(3)"))
        alert = AlertRow(alert_id="a-1", kind="node_overdue", rule="R27", court_code="川0104",
                         case_id=CASE[0], case_number=CASE[1], subject="notice",
                         act_by_role="officer", act_by="执行一组", due_on="2026-01-15",
                         raised_on="2026-01-16", status="open", acknowledged_by="",
                         acknowledged_on="", closed_on="", closed_by_event="", closed_by="")
        message = case_file_message(row, row.unmet, [alert])
        assert (message.case.case_number, message.case.closed_on, message.case.closure) == (
            CASE[1], "2026-03-01", "concluded")
        assert list(message.unmet) == ["R16(1)", "R16(3)"]
        assert [(a.alert_id, a.label, a.status) for a in message.alerts] == [
            ("a-1", "节点超期", "open")]
        assert not message.alerts[0].timeline
        assert not re.search(r"\d{17}[\dX]", str(message))
