"""Approving relief (R29, R30, R32): the cap from the previous year's wage, the exceptional
decision, the unpaid-claim ceiling, and the reservation on the fund of the decision's year
made in the same save as the decision."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.relief.domain.errors import (
    AboveCap,
    AboveUnpaidClaim,
    FundInsufficient,
    NeedlessExceptional,
    WageEntryMissing,
)
from zhixing.relief.domain.values import ExceptionalDecision, FundEntryKind

from .app_kit import CAP_FEN, CASE_ID, COURT, MONTHLY_WAGE_FEN, reviewed, zhongben_case

DECIDED = date(2026, 3, 6)


class TestApprove:
    """Approving: R29, R30 and the reservation on the fund (R32)."""

    def test_amount_is_reserved_on_the_fund_of_the_decisions_year_when_approved(self, funded):
        application_id = reviewed(funded)
        case = funded.approve(application_id, 40_000_00, DECIDED, "president-1", None)
        fund = funded.fund_of(COURT, 2026)
        assert (case.amount_fen, case.fund_year) == (40_000_00, 2026)
        assert (fund.reserved_fen, fund.balance_fen, fund.available_fen) == (
            40_000_00, 1_000_000_00, 960_000_00)


    def test_above_unpaid_claim_naming_r30_when_relief_of_the_case_together_would_exceed_it(
            self, funded, facts):
        # Claim ¥300,000, nothing received: two creditors of the case share that ceiling.
        facts.put(zhongben_case(applicants=2, claim_fen=300_000_00))
        first = reviewed(funded, 0, 200_000_00)
        funded.approve(first, 200_000_00, DECIDED, "president-1", None)
        second = reviewed(funded, 1, 100_000_01)
        with pytest.raises(AboveUnpaidClaim) as refused:
            funded.approve(second, 100_000_01, DECIDED, "president-1", None)
        assert refused.value.rule == "R30"
        assert "¥300,000.00 less ¥200,000.00" in str(refused.value)
        assert funded.approve(second, 100_000_00, DECIDED, "president-1", None).amount_fen == (
            100_000_00)


    def test_unpaid_claim_counts_only_what_is_still_owed_when_earlier_relief_was_repaid(
            self, funded, facts):
        facts.put(zhongben_case(applicants=2, claim_fen=300_000_00))
        first = reviewed(funded, 0, 200_000_00)
        funded.approve(first, 200_000_00, DECIDED, "president-1", None)
        funded.disburse(first, date(2026, 3, 9), "finance-1")
        # ¥150,000 later received on the case repays the advance first (R32).
        facts.put(zhongben_case(applicants=2, claim_fen=300_000_00, received_fen=150_000_00))
        funded.repay_from_case(CASE_ID, "case:d-1", 150_000_00, date(2026, 3, 20))
        second = reviewed(funded, 1, 100_000_01)
        with pytest.raises(AboveUnpaidClaim):  # ¥150,000 unpaid less ¥50,000 still owed
            funded.approve(second, 100_000_01, DECIDED, "president-1", None)
        assert funded.approve(second, 100_000_00, DECIDED, "president-1", None).status == (
            "approved")


    def test_wage_entry_missing_naming_r30_province_and_year_when_only_this_years_exists(self, app):
        # R30 reads the PREVIOUS year's wage: an entry for 2026 does not serve a 2026 decision.
        app.enter_wage("川", 2026, MONTHLY_WAGE_FEN, "bulletin", "admin-1")
        app.credit_fund(COURT, 2026, FundEntryKind.DONATION, "don-1", "捐赠 1", DECIDED, 10**8)
        application_id = reviewed(app)
        with pytest.raises(WageEntryMissing) as refused:
            app.approve(application_id, 10_000_00, DECIDED, "president-1", None)
        assert refused.value.rule == "R30"
        assert "川" in str(refused.value) and "2025" in str(refused.value)
        assert app.fund_of(COURT, 2026).reserved_fen == 0


    def test_approved_at_exactly_the_cap_and_refused_one_fen_over_when_not_exceptional(self, funded, facts):
        facts.put(zhongben_case(applicants=2))
        at_cap = funded.approve(reviewed(funded, 0, CAP_FEN), CAP_FEN, DECIDED, "president-1", None)
        assert at_cap.amount_fen == CAP_FEN
        over = reviewed(funded, 1, CAP_FEN + 1)
        with pytest.raises(AboveCap) as refused:
            funded.approve(over, CAP_FEN + 1, DECIDED, "president-1", None)
        assert refused.value.rule == "R30"
        assert "288,000.00" in str(refused.value)


    def test_approved_above_the_cap_when_an_exceptional_decision_is_recorded(self, funded):
        exceptional = ExceptionalDecision(decided_by="president-1", reasons="重大疾病，需长期治疗")
        case = funded.approve(reviewed(funded, 0, CAP_FEN + 1), CAP_FEN + 1, DECIDED,
                              "president-1", exceptional)
        assert (case.amount_fen, case.exceptional) == (CAP_FEN + 1, exceptional)


    def test_above_unpaid_claim_naming_r30_even_when_exceptional(self, funded, facts):
        # ¥330,000 unpaid, above the ¥288,000 cap: the exception lifts the cap, not that.
        facts.put(zhongben_case(claim_fen=400_000_00, received_fen=70_000_00))
        exceptional = ExceptionalDecision(decided_by="president-1", reasons="特殊困难")
        application_id = reviewed(funded, 0, 330_000_01)
        with pytest.raises(AboveUnpaidClaim) as refused:
            funded.approve(application_id, 330_000_01, DECIDED, "president-1", exceptional)
        assert refused.value.rule == "R30"
        assert funded.approve(application_id, 330_000_00, DECIDED, "president-1",
                              exceptional).amount_fen == 330_000_00


    def test_needless_exceptional_decision_is_refused_naming_r30_when_within_the_cap(
            self, funded):
        exceptional = ExceptionalDecision(decided_by="president-1", reasons="重大疾病")
        application_id = reviewed(funded, 0, CAP_FEN)
        with pytest.raises(NeedlessExceptional) as refused:
            funded.approve(application_id, CAP_FEN, DECIDED, "president-1", exceptional)
        assert (refused.value.rule, refused.value.field) == ("R30", "exceptional")
        assert "¥288,000.00 is within the cap ¥288,000.00" in str(refused.value)
        assert funded.relief_case(application_id).status == "reviewed"
        case = funded.approve(application_id, CAP_FEN, DECIDED, "president-1", None)
        assert (case.status, case.exceptional) == ("approved", None)


    def test_fund_insufficient_naming_r32_and_the_figures_when_the_fund_cannot_afford_it(self, app):
        app.enter_wage("川", 2025, MONTHLY_WAGE_FEN, "bulletin", "admin-1")
        app.credit_fund(COURT, 2026, FundEntryKind.APPROPRIATION, "a-1", "文 1", DECIDED, 1_234_00)
        application_id = reviewed(app, 0, 1_234_01)
        with pytest.raises(FundInsufficient) as refused:
            app.approve(application_id, 1_234_01, DECIDED, "president-1", None)
        assert refused.value.rule == "R32"
        assert "1,234.00" in str(refused.value)
        assert app.relief_case(application_id).status == "reviewed"


    def test_same_decision_and_nothing_stored_when_an_approval_is_repeated(self, funded):
        application_id = reviewed(funded)
        funded.approve(application_id, 40_000_00, DECIDED, "president-1", None)
        stored = funded.max_notification_id()
        again = funded.approve(application_id, 40_000_00, DECIDED, "president-1", None)
        assert again.amount_fen == 40_000_00
        assert funded.max_notification_id() == stored
        assert funded.fund_of(COURT, 2026).reserved_fen == 40_000_00


    def test_reservation_is_released_when_an_approved_application_is_withdrawn(self, funded):
        application_id = reviewed(funded)
        funded.approve(application_id, 40_000_00, DECIDED, "president-1", None)
        funded.withdraw(application_id, date(2026, 3, 9), "officer-1")
        fund = funded.fund_of(COURT, 2026)
        assert (fund.reserved_fen, fund.available_fen) == (0, 1_000_000_00)


    def test_party_may_apply_again_when_its_application_was_rejected(self, funded):
        first = reviewed(funded)
        funded.reject(first, "R29", "材料不全", DECIDED, "president-1")
        again = reviewed(funded)
        assert again != first
        assert funded.relief_case(first).status == "rejected"
        assert funded.relief_case(again).case_id == CASE_ID


    def test_every_unmet_rule_is_named_when_an_approval_breaks_several(self, app, facts):
        facts.put(zhongben_case(claim_fen=10_000_00))
        application_id = reviewed(app, 0, 10_000_00)
        with pytest.raises(WageEntryMissing) as refused:  # no wage entry, no fund, claim ¥10,000
            app.approve(application_id, 10_000_01, DECIDED, "president-1", None)
        message = str(refused.value)
        assert "R30 [amount_fen]" in message and "¥10,000.00" in message  # the unpaid ceiling
        assert "R32 [amount_fen]" in message and "¥0.00" in message  # nothing available
        assert app.fund_of(COURT, 2026) is None  # the empty fund opened to check is not stored
