"""A court's board and the agencies' answering over in-process gRPC, from events fed as
the cases, assets and relief services publish them (issue 16): what 川0104's board shows
(R26–R28, R41, R64, R32), that a court of 渝 shows none of it, and that the reads are
audited. The service's clock: Monday 2 March 2026 (`api_support`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from testkit.assets import cloud_event, feed
from zhixing.contracts.events.assets.v1 import (
    AgencyAnswered,
    MeasureTookEffect,
    NetworkInquiryStarted,
)
from zhixing.contracts.events.cases.v1 import CaseAssigned
from zhixing.contracts.events.relief.v1 import FundCredited
from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.cli import app

from .api_support import (
    COURT,
    ELSEWHERE,
    NAMED,
    OTHER_COURT,
    UNNAMED,
    Supervision,
    supervision_served,
)

INQUIRY, ELSEWHERE_INQUIRY = "inq-151", "inq-153"
DEBTOR = "510104197001011238"
"""The debtor an inquiry asks about: it must reach no answer."""
PERIOD = {"from_month": "2026-02", "to_month": "2026-03"}


def event(model: Any, subject: str, position: int) -> Any:
    return cloud_event(model.event_type, subject, model.model_dump(mode="json"),
                       position=position)


def inquiry(case: tuple[str, str], court: str, key: str, agencies: list[str]) -> Any:
    return NetworkInquiryStarted(inquiry_id=key, case_id=case[0], court_code=court,
                                 debtor_identity_number=DEBTOR,
                                 started_at="2026-02-02T10:00:00+08:00", agency_ids=agencies)


@pytest.fixture
def supervision(tmp_path) -> Iterator[Supervision]:
    with supervision_served(tmp_path) as served:
        for position, (model, subject) in enumerate([
            (CaseAssigned(case_id=UNNAMED[0], case_number=UNNAMED[1], court_code=COURT,
                          team="执行一组", lead_officer="o-7", assigned_on="2026-01-06"),
             UNNAMED[0]),
            (inquiry(NAMED, COURT, INQUIRY, ["bank.icbc", "bank.abc"]), NAMED[0]),
            (AgencyAnswered(request_id=f"{INQUIRY}:bank.abc", agency_id="bank.abc",
                            answered_at="2026-02-04T10:00:00+08:00", outcome="nothing"),
             f"{INQUIRY}:bank.abc"),
            (inquiry(ELSEWHERE, OTHER_COURT, ELSEWHERE_INQUIRY, ["bank.ccb"]), ELSEWHERE[0]),
            (MeasureTookEffect(measure_id="m-151", case_id=NAMED[0], court_code=COURT,
                               asset_id="asset-1", kind="freeze", asset_class="deposit",
                               amount_fen=100_00, effective_on="2026-01-20",
                               expires_on="2026-03-06"), NAMED[0]),
            (FundCredited(fund_id="fund-1", court_code=COURT, year=2026, kind="appropriation",
                          entry_id="entry-1", document_number="川财〔2026〕1号",
                          amount_fen=500_000_00, credited_on="2026-01-10",
                          balance_fen=500_000_00), "fund-1"),
        ], start=10):
            feed(served.instance, event(model, subject, position))
        served.drain()  # the node's alert into the index
        yield served


def board(supervision: Supervision, **caller: str) -> pb.GetCourtBoardResponse:
    return supervision.call("GetCourtBoard", pb.GetCourtBoardRequest(), **caller)


class TestCourtBoard:
    def test_the_overdue_node_is_counted_by_the_cases_team_and_lead_officer(self, supervision):
        shown = board(supervision)
        assert [(t.key, t.count) for t in shown.overdue_by_team] == [("执行一组", 1)]
        assert [(t.key, t.count) for t in shown.overdue_by_officer] == [("o-7", 1)]

    def test_the_unanswered_agency_request_waits_from_the_day_it_was_sent(self, supervision):
        waits = board(supervision).oldest_unanswered
        assert [(w.case_number, w.agency_id, w.sent_on, w.days_waiting) for w in waits] == [
            (NAMED[1], "bank.icbc", "2026-02-02", 28)]

    def test_a_freeze_ending_on_friday_has_4_working_days_left_on_monday(self, supervision):
        expiring = board(supervision).expiring
        assert [(m.measure_id, m.expires_on, m.working_days_left) for m in expiring] == [
            ("m-151", "2026-03-06", 4)]

    def test_a_freeze_beyond_the_horizon_is_left_out_when_it_is_3_working_days(
            self, supervision):
        shown = supervision.call("GetCourtBoard", pb.GetCourtBoardRequest(
            within_working_days=3))
        assert list(shown.expiring) == []

    def test_the_courts_fund_shows_its_credit_as_its_balance(self, supervision):
        funds = board(supervision).funds
        assert [(f.court_code, f.fund_year, f.credited_fen, f.balance_fen) for f in funds] == [
            (COURT, 2026, 500_000_00, 500_000_00)]

    def test_a_court_of_yu_sees_its_own_request_and_nothing_of_chuan(self, supervision):
        shown = board(supervision, court=OTHER_COURT)
        assert [w.agency_id for w in shown.oldest_unanswered] == ["bank.ccb"]
        assert not (shown.overdue_by_team or shown.expiring or shown.funds)

    def test_the_read_is_audited_and_names_no_debtor(self, supervision):
        shown = board(supervision, role="officer")
        assert DEBTOR not in str(shown) and not re.search(r"\d{17}[\dXx]", str(shown))
        rows = [(e.actor, e.target, e.outcome) for e in supervision.audit()
                if e.action.endswith("/GetCourtBoard")]
        assert rows == [("officer-1", COURT, "ok")]


class TestAgencyAnswers:
    def test_congress_reads_each_agencys_answering_over_the_region(self, supervision):
        rows = supervision.call("ListAgencyAnswers", pb.ListAgencyAnswersRequest(
            region="川", **PERIOD), role="congress", court="川").rows
        assert [(r.agency_id, r.requests, r.answered, r.unanswered) for r in rows] == [
            ("bank.abc", 1, 1, 0), ("bank.icbc", 1, 0, 1)]
        assert rows[0].avg_answer_days == 2.0 and rows[0].p90_answer_days == 2.0
        assert not rows[1].HasField("avg_answer_days")

    def test_a_procurator_reads_its_courts_agencies_and_not_another_courts(self, supervision):
        rows = supervision.call("ListAgencyAnswers", pb.ListAgencyAnswersRequest(**PERIOD),
                                role="procurator").rows
        assert sorted(r.agency_id for r in rows) == ["bank.abc", "bank.icbc"]

    def test_a_period_before_the_requests_has_no_rows(self, supervision):
        rows = supervision.call("ListAgencyAnswers", pb.ListAgencyAnswersRequest(
            from_month="2025-01", to_month="2025-12")).rows
        assert list(rows) == []


class TestCommands:
    @pytest.fixture(autouse=True)
    def _target(self, supervision, monkeypatch):
        monkeypatch.setenv("ZHIXING_GRPC_TARGET", supervision.target)
        monkeypatch.setenv("ZHIXING_JWT_SECRET", supervision.settings.jwt_secret)

    def test_board_prints_each_list_as_a_table(self):
        shown = CliRunner().invoke(app, ["board"])
        assert shown.exit_code == 0, shown.output
        for seen in ("执行一组", "o-7", NAMED[1], "bank.icbc", "28天", "m-151", "¥500,000.00"):
            assert seen in shown.output

    def test_agencies_prints_one_row_an_agency_with_its_days(self):
        shown = CliRunner().invoke(app, ["agencies", "--from-month", "2026-02", "--to-month",
                                         "2026-03", "--region", "川", "--court", "川",
                                         "--role", "congress"])
        assert shown.exit_code == 0, shown.output
        rows = [line.split() for line in shown.output.splitlines()[2:]]
        # agency, kind (— while unknown), requests, answered, overdue, unanswered, days
        assert [[row[0], *row[2:]] for row in rows] == [
            ["bank.abc", "1", "1", "0", "0", "2.0", "2.0"],
            ["bank.icbc", "1", "0", "0", "1", "—", "—"]]
