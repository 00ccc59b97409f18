"""Paying relief (R29, R31, R32): the reservation becomes a payment, the party is paid
once per case, the notice is due 2 working days after; relief obtained by fraud is
revoked and followed until repaid."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from zhixing.kernel.errors import AlreadyExists, InvalidInput
from zhixing.relief.domain.errors import AboveUnpaidClaim, AlreadyPaid, NotEligible, WrongStep
from zhixing.relief.domain.facts import CaseStage

from .app_kit import CASE_ID, COURT, applied, approved, paid, zhongben_case


class TestPayments:
    """Disbursement, the paid party, revocation and fraud repayment."""

    def test_reservation_becomes_a_payment_when_relief_is_disbursed(self, funded):
        application_id = approved(funded, 40_000_00)
        case = funded.disburse(application_id, date(2026, 3, 10), "finance-1")
        fund = funded.fund_of(COURT, 2026)
        assert (fund.reserved_fen, fund.disbursed_fen, fund.balance_fen) == (
            0, 40_000_00, 960_000_00)
        assert case.status == "disbursed"
        assert case.notify_by.date == date(2026, 3, 12)  # Tue 10 → Thu 12 (2 working days)


    def test_above_unpaid_claim_naming_r30_when_money_arrived_between_approval_and_payment(
            self, funded, facts):
        application_id = approved(funded, 40_000_00)
        facts.put(zhongben_case(claim_fen=500_000_00, received_fen=470_000_00))
        with pytest.raises(AboveUnpaidClaim) as refused:
            funded.disburse(application_id, date(2026, 3, 10), "finance-1")
        assert refused.value.rule == "R30"
        assert "¥30,000.00" in str(refused.value)
        fund = funded.fund_of(COURT, 2026)
        assert (fund.disbursed_fen, fund.reserved_fen) == (0, 40_000_00)
        assert funded.relief_case(application_id).status == "approved"


    def test_already_paid_naming_r29_when_a_paid_party_applies_again(self, funded):
        paid(funded)
        with pytest.raises(AlreadyPaid) as refused:
            applied(funded)
        assert refused.value.rule == "R29"


    def test_already_paid_naming_r29_when_the_party_applies_in_the_zhihui_case_resuming_it(
            self, funded, facts):
        paid(funded)
        resumed = "7f1c2a9e-0000-4000-8000-0000000000f1"
        facts.put(zhongben_case(stage=CaseStage.CLOSED))  # CaseResumed closed the original
        facts.put(replace(zhongben_case(case_id=resumed, serial=200, applicants=2),
                          resumes_case_id=CASE_ID))
        with pytest.raises(AlreadyPaid) as refused:
            applied(funded, party_index=0, case_id=resumed)
        assert (refused.value.rule, refused.value.field) == ("R29", "party_index")
        assert applied(funded, party_index=1, case_id=resumed)  # never paid: may apply


    def test_already_paid_naming_r29_when_the_paid_party_has_another_index_in_the_zhihui_case(
            self, funded, facts):
        # The original's applicants 0 and 1; the 执恢 case lists them the other way round.
        facts.put(zhongben_case(applicants=2))
        paid(funded, party_index=0)
        resumed = "7f1c2a9e-0000-4000-8000-0000000000f2"
        facts.put(zhongben_case(stage=CaseStage.CLOSED, applicants=2))
        facts.put(replace(zhongben_case(
            case_id=resumed, serial=201, applicants=2,
            identities=("zb1.applicant-1", "zb1.applicant-0")), resumes_case_id=CASE_ID))
        with pytest.raises(AlreadyPaid) as refused:
            applied(funded, party_index=1, case_id=resumed)
        assert (refused.value.rule, refused.value.field) == ("R29", "party_index")
        assert applied(funded, party_index=0, case_id=resumed)  # the one never paid


    def test_refused_naming_r29_when_the_party_cannot_be_told_in_the_case_its_zhihui_case_resumes(
            self, funded, facts):
        paid(funded)
        resumed = "7f1c2a9e-0000-4000-8000-0000000000f3"
        facts.put(zhongben_case(stage=CaseStage.CLOSED, identities=("",)))  # kept before keys
        facts.put(replace(zhongben_case(case_id=resumed, serial=202), resumes_case_id=CASE_ID))
        with pytest.raises(NotEligible) as refused:
            applied(funded, party_index=0, case_id=resumed)
        assert (refused.value.rule, refused.value.field) == ("R29", "party_index")
        assert "cannot tell" in str(refused.value)


    def test_wrong_step_naming_r31_when_relief_is_disbursed_before_approval(self, funded):
        application_id = applied(funded)
        with pytest.raises(WrongStep) as refused:
            funded.disburse(application_id, date(2026, 3, 10), "finance-1")
        assert refused.value.rule == "R31"
        assert funded.fund_of(COURT, 2026).disbursed_fen == 0


    def test_nothing_more_is_paid_when_a_disbursement_is_repeated(self, funded):
        application_id = paid(funded, 40_000_00)
        stored = funded.max_notification_id()
        funded.disburse(application_id, date(2026, 3, 10), "finance-1")
        assert funded.max_notification_id() == stored
        assert funded.fund_of(COURT, 2026).disbursed_fen == 40_000_00


    def test_fund_is_repaid_until_nothing_is_owed_when_fraudulent_relief_is_revoked(self, funded):
        application_id = paid(funded, 40_000_00)
        revoked = funded.revoke(application_id, "虚构困难事实", date(2026, 4, 1), "president-1")
        assert revoked.outstanding_fen == 40_000_00
        funded.record_fraud_repayment(application_id, "fraud-1", 15_000_00, date(2026, 4, 10),
                                      "finance-1")
        case = funded.record_fraud_repayment(application_id, "fraud-2", 25_000_00,
                                             date(2026, 4, 20), "finance-1")
        assert case.outstanding_fen == 0
        assert funded.fund_of(COURT, 2026).balance_fen == 1_000_000_00


    def test_refused_naming_r32_when_a_fraud_repayment_is_more_than_is_owed(self, funded):
        application_id = paid(funded, 40_000_00)
        funded.revoke(application_id, "虚构困难事实", date(2026, 4, 1), "president-1")
        with pytest.raises(InvalidInput) as refused:
            funded.record_fraud_repayment(application_id, "fraud-1", 40_000_01,
                                          date(2026, 4, 10), "finance-1")
        assert (refused.value.rule, refused.value.field) == ("R32", "amount_fen")


    def test_nothing_more_is_credited_when_a_fraud_repayment_is_repeated(self, funded):
        application_id = paid(funded, 40_000_00)
        funded.revoke(application_id, "虚构困难事实", date(2026, 4, 1), "president-1")
        funded.record_fraud_repayment(application_id, "fraud-1", 15_000_00, date(2026, 4, 10),
                                      "finance-1")
        again = funded.record_fraud_repayment(application_id, "fraud-1", 15_000_00,
                                              date(2026, 4, 10), "finance-1")
        assert again.outstanding_fen == 25_000_00
        with pytest.raises(AlreadyExists):
            funded.record_fraud_repayment(application_id, "fraud-1", 1_00, date(2026, 4, 10),
                                          "finance-1")
        with pytest.raises(AlreadyExists):  # the same amount on another day: another one
            funded.record_fraud_repayment(application_id, "fraud-1", 15_000_00,
                                          date(2026, 4, 11), "finance-1")


    def test_wrong_step_naming_r32_when_a_fraud_repayment_comes_before_a_revocation(self, funded):
        application_id = paid(funded, 40_000_00)
        with pytest.raises(WrongStep) as refused:
            funded.record_fraud_repayment(application_id, "fraud-1", 1_00, date(2026, 4, 10),
                                          "finance-1")
        assert refused.value.rule == "R32"
        assert funded.fund_of(COURT, 2026).balance_fen == 960_000_00


    def test_already_exists_naming_recovery_id_when_the_fund_booked_it_for_another(self, funded, facts):
        facts.put(zhongben_case(applicants=2))
        first, second = paid(funded, 10_000_00, party_index=0), paid(funded, 10_000_00, party_index=1)
        for application_id in (first, second):
            funded.revoke(application_id, "虚构困难事实", date(2026, 4, 1), "president-1")
        funded.record_fraud_repayment(first, "fraud-1", 1_00, date(2026, 4, 10), "finance-1")
        with pytest.raises(AlreadyExists) as refused:
            funded.record_fraud_repayment(second, "fraud-1", 1_00, date(2026, 4, 10), "finance-1")
        assert refused.value.field == "recovery_id"
        assert funded.relief_case(second).outstanding_fen == 10_000_00
