"""Repayment from money the enforcement case later received (R32): the funds of the
relief paid in the case are credited oldest payment first, each up to what it still
owes, once per recovery id; any surplus is not credited."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from zhixing.kernel.errors import AlreadyExists, InvalidInput

from .app_kit import CASE_ID, COURT, paid, zhongben_case


def _two_paid(app, facts) -> tuple[str, str]:
    facts.put(zhongben_case(applicants=2))
    older = paid(app, 30_000_00, party_index=1, disbursed_on=date(2026, 3, 10))
    newer = paid(app, 20_000_00, party_index=0, disbursed_on=date(2026, 3, 11))
    return older, newer


class TestRepaymentFromTheCase:
    """Repayment from the enforcement case's money (R32)."""

    def test_oldest_payment_is_repaid_first_when_the_case_pays_the_fund(self, funded, facts):
        older, newer = _two_paid(funded, facts)
        credited = funded.repay_from_case(CASE_ID, "case:d-1", 35_000_00, date(2026, 5, 6))
        assert credited == 35_000_00
        assert funded.relief_case(older).outstanding_fen == 0
        assert funded.relief_case(newer).outstanding_fen == 15_000_00
        assert funded.fund_of(COURT, 2026).balance_fen == 1_000_000_00 - 50_000_00 + 35_000_00


    def test_surplus_is_not_credited_when_the_case_pays_more_than_is_owed(self, funded, facts, caplog):
        _two_paid(funded, facts)
        with caplog.at_level(logging.WARNING):
            credited = funded.repay_from_case(CASE_ID, "case:d-1", 60_000_00, date(2026, 5, 6))
        assert credited == 50_000_00
        assert funded.fund_of(COURT, 2026).balance_fen == 1_000_000_00
        [warning] = [r for r in caplog.records if "surplus" in r.getMessage()]
        assert (warning.paid_fen, warning.credited_fen) == (60_000_00, 50_000_00)


    def test_nothing_more_is_credited_when_a_recovery_is_delivered_again(self, funded, facts):
        _two_paid(funded, facts)
        funded.repay_from_case(CASE_ID, "case:d-1", 35_000_00, date(2026, 5, 6))
        stored = funded.max_notification_id()
        again = funded.repay_from_case(CASE_ID, "case:d-1", 35_000_00, date(2026, 5, 6))
        assert again == 35_000_00
        assert funded.max_notification_id() == stored
        with pytest.raises(AlreadyExists) as refused:  # less than it credited: another one
            funded.repay_from_case(CASE_ID, "case:d-1", 34_999_99, date(2026, 5, 6))
        assert (refused.value.rule, refused.value.field) == ("R32", "recovery_id")
        assert funded.max_notification_id() == stored


    @pytest.mark.parametrize(("first_fen", "again_fen"), [
        (35_000_00, 35_000_01),  # partly credited, then a larger figure
        (60_000_00, 70_000_00),  # a surplus the first time (nothing records it in a fund)
    ])
    def test_refused_naming_recovery_id_when_it_is_sent_again_with_a_larger_amount(
            self, funded, facts, first_fen, again_fen):
        _two_paid(funded, facts)
        credited = funded.repay_from_case(CASE_ID, "case:d-1", first_fen, date(2026, 5, 6))
        stored = funded.max_notification_id()
        with pytest.raises(AlreadyExists) as refused:
            funded.repay_from_case(CASE_ID, "case:d-1", again_fen, date(2026, 5, 6))
        assert (refused.value.rule, refused.value.field) == ("R32", "recovery_id")
        assert funded.max_notification_id() == stored
        assert funded.repay_from_case(CASE_ID, "case:d-1", first_fen,
                                      date(2026, 5, 6)) == credited


    def test_refused_naming_recovery_id_when_a_payment_nothing_repaid_comes_with_another_amount(
            self, funded):
        assert funded.repay_from_case(CASE_ID, "case:d-1", 35_000_00, date(2026, 5, 6)) == 0
        with pytest.raises(AlreadyExists) as refused:
            funded.repay_from_case(CASE_ID, "case:d-1", 36_000_00, date(2026, 5, 6))
        assert refused.value.field == "recovery_id"


    def test_nothing_is_credited_when_no_relief_was_paid_in_the_case(self, funded):
        assert funded.repay_from_case(CASE_ID, "case:d-1", 35_000_00, date(2026, 5, 6)) == 0
        assert funded.fund_of(COURT, 2026).balance_fen == 1_000_000_00


    def test_refused_naming_recovery_id_and_its_bound_when_it_is_unbounded(self, funded, facts,
                                                                         caplog):
        older, _ = _two_paid(funded, facts)
        with caplog.at_level(logging.WARNING), pytest.raises(InvalidInput) as refused:
            funded.repay_from_case("c" * 5000, "r" * 5000, 1_00, date(2026, 5, 6))
        assert refused.value.field == "recovery_id" and "rrr" not in str(refused.value)
        assert not [r for r in caplog.records if "surplus" in r.getMessage()]
        with pytest.raises(InvalidInput) as refused:
            funded.repay_from_case(CASE_ID, "r" * 101, 1_00, date(2026, 5, 6))
        assert "1–100 characters, is 101" in str(refused.value)
        with caplog.at_level(logging.WARNING), pytest.raises(InvalidInput) as refused:
            funded.repay_from_case("c" * 5000, "case:d-1", 1_00, date(2026, 5, 6))
        assert refused.value.field == "case_id" and "ccc" not in str(refused.value)
        assert not [r for r in caplog.records if "surplus" in r.getMessage()]
        # "case:" and a long disbursement reference: the fund books its share under a
        # reference that fits, and a redelivery books nothing new.
        long_id = "case:" + "r" * 95
        for _ in range(2):
            assert funded.repay_from_case(CASE_ID, long_id, 1_00, date(2026, 5, 6)) == 1_00
        assert funded.relief_case(older).outstanding_fen == 30_000_00 - 1_00
        assert funded.fund_of(COURT, 2026).repaid_fen == 1_00
