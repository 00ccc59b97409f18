"""Specification of R30 (the amount) and R32 (the fund) at approval:
`eligibility.unmet_to_approve` returns every unmet rule, with its figures."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.relief.domain.eligibility import refusal, unmet_to_approve
from zhixing.relief.domain.errors import (
    AboveCap,
    AboveUnpaidClaim,
    FundInsufficient,
    InvalidRelief,
    NeedlessExceptional,
    NotEligible,
    WageEntryMissing,
)
from zhixing.relief.domain.facts import CaseStage
from zhixing.relief.domain.values import ExceptionalDecision
from zhixing.relief.domain.wage import WageKey, cap_for

from .relief_fixtures import CAP_FEN, facts, wage

PLENTY = 10_000_000_00
DECIDED_ON = date(2026, 3, 10)
EXCEPTIONAL = ExceptionalDecision("committee-1", "重大疾病，救助金额确需超过一般标准")


def rules(amount_fen, *, case=None, entry=..., exceptional=None, available=PLENTY):
    unmet = unmet_to_approve(case or facts(claim_total_fen=1_000_000_00),
                             amount_fen, wage() if entry is ... else entry, exceptional,
                             available, decided_on=DECIDED_ON)
    return [u.rule for u in unmet], unmet


class TestCap:
    """R30: at most 36 × the province's previous-year average monthly wage."""

    def test_cap_is_36_times_the_monthly_wage_when_entered(self):
        assert wage(8_000_00).cap_fen == 288_000_00

    def test_approved_when_exactly_36_times_the_wage(self):
        assert rules(CAP_FEN) == ([], [])

    def test_refused_naming_r30_and_the_figures_when_one_fen_over_the_cap(self):
        found, unmet = rules(CAP_FEN + 1)
        assert found == ["R30"] and unmet[0].error is AboveCap
        assert "¥288,000.01" in unmet[0].message and "¥288,000.00" in unmet[0].message

    def test_previous_year_read_when_deciding(self):
        assert cap_for(date(2026, 1, 1), "川0104") == WageKey("川", 2025)
        assert cap_for(date(2026, 12, 31), "渝01") == WageKey("渝", 2025)

    def test_latest_figure_used_when_the_entry_was_corrected(self):
        entry = wage(8_000_00)
        entry.correct(9_000_00, "四川省统计公报（更正）", "admin-1")
        assert entry.cap_fen == 324_000_00
        assert [f.monthly_wage_fen for f in entry.history] == [8_000_00, 9_000_00]


class TestExceptionalDecision:
    """R30: above the cap only by a recorded exceptional decision (who, reasons)."""

    def test_approved_above_the_cap_when_an_exceptional_decision_is_recorded(self):
        assert rules(CAP_FEN + 1, exceptional=EXCEPTIONAL) == ([], [])

    def test_refused_naming_r30_and_the_field_when_recorded_at_or_below_the_cap(self):
        found, unmet = rules(CAP_FEN, exceptional=EXCEPTIONAL)
        assert found == ["R30"] and unmet[0].error is NeedlessExceptional
        assert unmet[0].field == "exceptional" and "¥288,000.00" in unmet[0].message

    def test_refused_when_the_reasons_are_empty(self):
        with pytest.raises(InvalidRelief, match=r"R30 \[exceptional.reasons\]"):
            ExceptionalDecision("committee-1", "  ")


class TestUnpaidClaimCeiling:
    """R30: never above the unpaid part of the claim (claim − money received)."""

    def test_approved_when_exactly_the_unpaid_claim(self):
        case = facts(claim_total_fen=200_000_00, received_total_fen=50_000_00)
        assert rules(150_000_00, case=case)[0] == []

    def test_refused_when_one_fen_above_the_unpaid_claim(self):
        case = facts(claim_total_fen=200_000_00, received_total_fen=50_000_00)
        found, unmet = rules(150_000_01, case=case)
        assert found == ["R30"] and unmet[0].error is AboveUnpaidClaim
        assert "¥150,000.00" in unmet[0].message

    def test_refused_even_with_an_exceptional_decision_when_above_the_unpaid_claim(self):
        case = facts(claim_total_fen=400_000_00, received_total_fen=100_000_00)
        found, unmet = rules(300_000_01, case=case, exceptional=EXCEPTIONAL)
        assert found == ["R30"] and unmet[0].error is AboveUnpaidClaim


class TestWageEntryMissing:
    """R30: no decision for a province-year with no entry — no invented figure."""

    def test_refused_naming_r30_the_province_and_the_year_when_no_entry(self):
        found, unmet = rules(1_000_00, entry=None)
        assert found == ["R30"] and unmet[0].error is WageEntryMissing
        error = refusal(unmet)
        assert isinstance(error, WageEntryMissing) and error.rule == "R30"
        assert "川 2025" in str(error)


class TestFundAvailable:
    """R32: an approval never reserves more than the fund has available."""

    def test_approved_when_exactly_what_is_available(self):
        assert rules(10_000_00, available=10_000_00)[0] == []

    def test_refused_naming_r32_and_both_figures_when_one_fen_short(self):
        found, unmet = rules(10_000_00, available=9_999_99)
        assert found == ["R32"] and unmet[0].error is FundInsufficient
        assert "可用余额 ¥9,999.99" in unmet[0].message and "¥10,000.00" in unmet[0].message


class TestStillCannotPay:
    """R29 again at approval: property may have been found since the application."""

    def test_refused_when_the_case_resumed_with_property_found(self):
        case = facts(stage=CaseStage.UNDER_ENFORCEMENT, inquiries_completed=1,
                     property_found=True)
        found, unmet = rules(1_000_00, case=case)
        assert found == ["R29"] and unmet[0].error is NotEligible


class TestNoAmount:
    """An amount that is no whole fen, zero or less, or above MAX_FEN is named, not a crash."""

    @pytest.mark.parametrize("amount", ["100", 1.5, 0, -1, 10**14 + 1])
    def test_refused_naming_amount_fen_when_it_is_no_amount(self, amount):
        found, unmet = rules(amount)
        assert found == ["R30"] and unmet[0].field == "amount_fen"


class TestEveryUnmetRuleNamed:
    """A refusal tells everything at once: the first rule's error, naming the others."""

    def test_all_named_when_above_cap_unpaid_claim_and_fund(self):
        case = facts(claim_total_fen=300_000_00, received_total_fen=0)
        found, unmet = rules(CAP_FEN + 100_000_00, case=case, available=1_00)
        assert found == ["R30", "R30", "R32"]
        error = refusal(unmet)
        assert isinstance(error, AboveCap)
        assert "also unmet" in str(error) and "R32" in str(error)
