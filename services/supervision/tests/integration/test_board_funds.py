"""The court board's relief funds (R32) equal the relief service's own fund: the relief
application runs in memory through approvals, a withdrawal, a rejection, payments and
recoveries; its v1 events, fed to the board in any order, give the same figures."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from typing import Any

import pytest

from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import FixedClock
from zhixing.relief.application import ReliefApplication
from zhixing.relief.domain.facts import CaseFacts, CaseParty, CaseStage
from zhixing.relief.domain.values import FundEntryKind, Hardship, HardshipCategory
from zhixing.relief.outbound import mapping_for
from zhixing.supervision.projections.board import BoardQueries, FundBalance
from zhixing.supervision.projections.board_facts import BoardView

from .board_support import board_store
from .read_support import feed

COURT, CASE_ID = "川0104", "7f1c2a9e-0000-4000-8000-000000000016"
APPLICANTS = 5


class Facts:
    """The relief service's case facts lookup: one 终本 case with five applicants."""

    def get(self, case_id: str) -> CaseFacts | None:
        if case_id != CASE_ID:
            return None
        parties = tuple(CaseParty(i, "applicant", "natural_person", f"board.applicant-{i}")
                        for i in range(APPLICANTS))
        return CaseFacts(case_id=CASE_ID, case_number=f"(2026){COURT}执16号", court_code=COURT,
                         stage=CaseStage.CONCLUDED, claim_total_fen=5_000_000_00,
                         received_total_fen=0,
                         parties=(*parties, CaseParty(APPLICANTS, "respondent",
                                                      "natural_person", "board.respondent")))


@pytest.fixture
def relief(tmp_path):
    app = ReliefApplication(Settings(var_dir=tmp_path / "relief"), facts=Facts(),
                            clock=FixedClock(datetime(2026, 6, 30, 2, 0, tzinfo=UTC)),
                            calendar=WorkingCalendar())
    yield app
    app.close()


@pytest.fixture
def store(tmp_path):
    made = board_store("sqlite", tmp_path / "board")
    yield made
    made.close()


def _application(app: ReliefApplication, party: int, amount: int) -> str:
    case = app.apply(CASE_ID, party, amount, Hardship(category=HardshipCategory.MEDICAL,
                                                      narrative="申请人患重病"),
                     False, date(2026, 3, 2), "officer-1")
    app.review(str(case.id), amount, "符合救助条件，建议批准", "officer-1")
    return str(case.id)


def a_year_of_relief(app: ReliefApplication) -> None:
    """Every step that moves a fund (R32): credits, reservations, a release, payments,
    a repayment from the case and a recovery after fraud; a rejection moves nothing."""
    app.enter_wage("川", 2025, 8_000_00, "四川省统计局 2025 年统计公报", "admin-1")
    app.credit_fund(COURT, 2026, FundEntryKind.APPROPRIATION, "appr-1", "川财预〔2026〕1号",
                    date(2026, 1, 10), 1_000_000_00)
    app.credit_fund(COURT, 2026, FundEntryKind.DONATION, "don-1", "捐赠协议 2026-3",
                    date(2026, 2, 10), 50_000_00)
    paid_back = _application(app, 0, 50_000_00)
    app.approve(paid_back, 50_000_00, date(2026, 3, 6), "president-1", None)
    app.disburse(paid_back, date(2026, 3, 10), "finance-1")
    withdrawn = _application(app, 1, 20_000_00)
    app.approve(withdrawn, 20_000_00, date(2026, 3, 6), "president-1", None)
    app.withdraw(withdrawn, date(2026, 3, 9), "officer-1")
    app.approve(_application(app, 2, 30_000_00), 30_000_00, date(2026, 3, 6), "president-1",
                None)  # reserved, not paid yet
    app.reject(_application(app, 3, 10_000_00), "R29", "被执行人有履行能力", date(2026, 3, 6),
               "president-1")
    revoked = _application(app, 4, 10_000_00)
    app.approve(revoked, 10_000_00, date(2026, 3, 6), "president-1", None)
    app.disburse(revoked, date(2026, 3, 11), "finance-1")
    app.revoke(revoked, "虚构事实", date(2026, 4, 1), "president-1")
    app.record_fraud_repayment(revoked, "fraud-1", 4_000_00, date(2026, 4, 2), "finance-1")
    app.repay_from_case(CASE_ID, "case:d-1", 35_000_00, date(2026, 5, 6))


def public_events(app: ReliefApplication) -> list[Any]:
    mapping = mapping_for(app)
    return [event for _, domain_event in app.read_notifications(0, limit=1000)
            for event in mapping(domain_event)]


class TestFunds:
    def test_the_board_balance_is_the_relief_funds_own_when_fed_its_events_in_any_order(
            self, relief, store, tmp_path):
        a_year_of_relief(relief)
        events = public_events(relief)
        random.Random(32).shuffle(events)
        feed(store, BoardView("relief"), events * 2)
        fund = relief.fund_of(COURT, 2026)
        assert fund is not None
        [found] = BoardQueries(store, WorkingCalendar.default()).funds([COURT])
        assert found == FundBalance(
            COURT, 2026, credited_fen=fund.appropriated_fen + fund.donated_fen,
            reserved_fen=50_000_00 + 20_000_00 + 30_000_00 + 10_000_00,
            released_fen=20_000_00, recovered_fen=fund.repaid_fen + fund.recovered_fen,
            balance_fen=fund.available_fen)
        # By hand: 1,050,000 − 110,000 + 20,000 + (35,000 + 4,000).
        assert found.balance_fen == 999_000_00

    def test_another_courts_funds_are_left_out_when_the_scope_is_one_court(self, relief, store):
        a_year_of_relief(relief)
        feed(store, BoardView("relief"), public_events(relief))
        assert BoardQueries(store, WorkingCalendar.default()).funds(["川0105"]) == []
        assert [f.court_code for f in BoardQueries(store, WorkingCalendar.default())
                .funds(["川"])] == [COURT]
