"""执行款 — the case account (R28) and the recovery of relief advanced (R32)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from eventsourcing.persistence import IntegrityError

from zhixing.cases.application import CasesApplication
from zhixing.cases.demo import resident_id
from zhixing.cases.domain.errors import MoneyRefused
from zhixing.cases.domain.filing import Claim, Party
from zhixing.contracts.events.cases.v1 import MoneyDisbursed, MoneyReceived
from zhixing.eventstore.settings import Settings
from zhixing.kernel.errors import AlreadyExists, InvalidInput

from ..cases_kit import beijing_morning, executing_case, published

# The conftest claim: principal 100,000.00, interest 0, costs 1,000.00 yuan.
COSTS = 1_000_00
CLAIM_TOTAL = 101_000_00
QUERIED = ["bank_deposit", "vehicle", "real_estate", "securities"]



def _applicants(count: int) -> list[Party]:
    people = [("张伟", "510104", "19980312", "123"), ("王芳", "510107", "19990726", "224"),
              ("陈静", "510105", "20031130", "568")]
    return [Party("applicant", "natural_person", name, resident_id(area, birth, serial))
            for name, area, birth, serial in people[:count]]


def _conclude(app, clock, case) -> None:
    """Every 终本 precondition met (R16, R17), four months after filing."""
    debtor = case.respondents[0].identity_number
    app.apply_inquiry(case.id, "inq-1", debtor, "2026-03-20", QUERIED, False, False)
    app.apply_restriction(case.id, "res-1", debtor, "2026-03-20")
    app.apply_listing_decision(case.id, "lst-1", debtor, True, "2026-03-20")
    app.interview_applicant(case.id, "告知已采取措施及终本后果")
    clock.advance(timedelta(days=120))
    app.conclude_case(case.id)


def _allocation(account) -> dict[str, int]:
    return account.receipts[-1].allocation



class TestAllocationOrder:
    """R28 with Civil Code art. 561: costs first, then interest, then principal."""

    def test_receipt_goes_to_costs_only_when_smaller_than_the_costs(self, app, a_filing):
        case = executing_case(app, a_filing)
        account = app.record_payment(case.id, "slip-1", 600_00)
        assert _allocation(account) == {"costs": 600_00}

    def test_remainder_goes_to_the_applicant_when_the_costs_are_covered(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 600_00)
        account = app.record_payment(case.id, "slip-2", 1_000_00)
        assert _allocation(account) == {"costs": 400_00, "applicant:0": 600_00}

    def test_interest_is_paid_before_principal_when_the_case_is_resumed(self, app, clock,
                                                                       a_filing):
        case = executing_case(app, a_filing, claim=Claim(100_000_00, 5_000_00, 1_000_00))
        app.record_payment(case.id, "slip-1", 3_000_00)  # costs 1,000 + interest 2,000
        _conclude(app, clock, case)
        resumed = app.resume_case(case.id)
        assert resumed.claim.as_dict() == {"principal_fen": 100_000_00, "interest_fen": 3_000_00,
                                 "costs_fen": 0}


class TestSeveralApplicants:
    """R28: interest and principal shared equally among applicants, odd fen to the first."""

    def test_applicants_get_equal_shares_when_the_amount_divides_evenly(self, app, a_filing):
        case = executing_case(app, a_filing, applicants=_applicants(2))
        account = app.record_payment(case.id, "slip-1", COSTS + 2_000_00)
        assert _allocation(account) == {"costs": COSTS, "applicant:0": 1_000_00,
                                        "applicant:1": 1_000_00}

    def test_first_applicant_gets_the_odd_fen_when_the_amount_does_not_divide(self, app,
                                                                              a_filing):
        case = executing_case(app, a_filing, applicants=_applicants(3))
        account = app.record_payment(case.id, "slip-1", COSTS + 101)
        assert _allocation(account) == {"costs": COSTS, "applicant:0": 35,
                                        "applicant:1": 33, "applicant:2": 33}


class TestMoneyBeyondTheClaim:
    """R28: anything beyond costs, interest and principal is owed back to the debtor."""

    def test_excess_is_owed_to_the_respondent_when_more_than_the_claim_arrives(self, app,
                                                                               a_filing):
        case = executing_case(app, a_filing)
        account = app.record_payment(case.id, "slip-1", CLAIM_TOTAL + 50_00)
        assert account.owed == {"costs": COSTS, "applicant:0": 100_000_00, "respondent": 50_00}

    def test_later_receipt_goes_wholly_to_the_respondent_when_the_claim_was_met(self, app,
                                                                                a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", CLAIM_TOTAL)
        account = app.record_payment(case.id, "slip-2", 20_00)
        assert _allocation(account) == {"respondent": 20_00}


class TestReceipts:
    """R28: receipts are idempotent on their reference and always above zero."""

    def test_nothing_changes_when_a_receipt_is_repeated(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 500_00)
        stored = app.max_notification_id()
        account = app.record_payment(case.id, "slip-1", 500_00)
        assert (account.received_fen, app.max_notification_id()) == (500_00, stored)

    def test_already_exists_naming_reference_when_it_is_reused_for_another_amount(
            self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 500_00)
        stored = app.max_notification_id()
        with pytest.raises(AlreadyExists) as refusal:
            app.record_payment(case.id, "slip-1", 900_00)
        assert refusal.value.field == "reference"
        assert (app.get_account(case.id).received_fen, app.max_notification_id()) == (
            500_00, stored)

    @pytest.mark.parametrize("amount_fen", [0, -1])
    def test_receipt_is_refused_naming_r28_when_the_amount_is_not_above_zero(
            self, app, a_filing, amount_fen):
        case = executing_case(app, a_filing)
        with pytest.raises(InvalidInput) as refused:
            app.record_payment(case.id, "slip-1", amount_fen)
        assert (refused.value.rule, refused.value.field) == ("R28", "amount_fen")
        assert app.get_account(case.id).received_fen == 0


class TestDisbursement:
    """R28: nothing is paid out that a payee is not owed; the balance never goes negative."""

    def test_disbursement_is_refused_naming_r28_when_more_than_the_payee_is_owed(
            self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", COSTS + 500_00)
        with pytest.raises(MoneyRefused) as refused:
            app.disburse(case.id, "pay-1", "applicant:0", 500_01)
        assert (refused.value.rule, refused.value.field) == ("R28", "amount_fen")

    def test_nothing_changes_when_a_disbursement_is_refused(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", COSTS + 500_00)
        stored = app.max_notification_id()
        with pytest.raises(MoneyRefused):
            app.disburse(case.id, "pay-1", "applicant:0", 500_01)
        account = app.get_account(case.id)
        assert (account.paid, account.balance_fen) == ({}, COSTS + 500_00)
        assert app.max_notification_id() == stored

    def test_disbursement_is_refused_when_the_payee_is_owed_nothing(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 600_00)  # all of it to costs
        with pytest.raises(MoneyRefused) as refused:
            app.disburse(case.id, "pay-1", "applicant:0", 1)
        assert refused.value.rule == "R28"

    @pytest.mark.parametrize("amount_fen", [0, -100])
    def test_disbursement_is_refused_naming_r28_when_the_amount_is_not_above_zero(
            self, app, a_filing, amount_fen):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 600_00)
        with pytest.raises(InvalidInput) as refused:
            app.disburse(case.id, "pay-1", "costs", amount_fen)
        assert (refused.value.rule, refused.value.field) == ("R28", "amount_fen")

    def test_balance_stays_at_zero_when_a_paid_out_payee_asks_for_more(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 600_00)
        app.disburse(case.id, "pay-1", "costs", 600_00)
        with pytest.raises(MoneyRefused):
            app.disburse(case.id, "pay-2", "costs", 1)
        assert app.get_account(case.id).balance_fen == 0

    def test_payee_is_paid_when_the_amount_is_what_it_is_owed(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", COSTS + 500_00)
        account = app.disburse(case.id, "pay-1", "applicant:0", 500_00)
        assert (account.paid, account.balance_fen) == ({"applicant:0": 500_00}, COSTS)


class TestDisbursementDeadline:
    """R28: money is disbursed within 30 days of arrival (policy `money.disbursement_days`);
    a missed deadline is reported once."""

    def test_deadline_is_thirty_days_after_arrival_when_money_is_received(self, app,
                                                                           a_filing):
        case = executing_case(app, a_filing)  # today is 2026-03-02
        account = app.record_payment(case.id, "slip-1", 600_00)
        assert app.policy_for(case.court_code).int("money.disbursement_days") == 30
        assert account.disburse_by() == "2026-04-01"

    def test_nothing_is_reported_when_the_last_day_has_not_passed(self, app, clock, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 600_00)
        clock.advance(timedelta(days=30))  # 2026-04-01, the last day
        assert "disburse" not in app.flag_overdue(case.id)

    def test_disburse_is_reported_when_the_last_day_has_passed(self, app, clock, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 600_00)
        clock.advance(timedelta(days=31))
        assert "disburse" in app.flag_overdue(case.id)

    def test_disburse_is_reported_only_once_when_flagged_again(self, app, clock, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 600_00)
        clock.advance(timedelta(days=31))
        app.flag_overdue(case.id)
        clock.advance(timedelta(days=1))
        assert "disburse" not in app.flag_overdue(case.id)

    def test_nothing_is_reported_when_the_money_was_paid_out_in_time(self, app, clock,
                                                                     a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 600_00)
        app.disburse(case.id, "pay-1", "costs", 600_00)
        clock.advance(timedelta(days=31))
        assert "disburse" not in app.flag_overdue(case.id)


class TestReliefRecovery:
    """R32: money recovered from the debtor first repays relief the fund advanced."""

    def test_relief_fund_is_repaid_before_costs_when_money_arrives(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.register_relief_advance(case.id, "relief:1", 500_00, "2026-03-02")
        account = app.record_payment(case.id, "slip-1", 800_00)
        assert _allocation(account) == {"relief_fund": 500_00, "costs": 300_00}

    def test_relief_is_repaid_once_when_a_later_receipt_arrives(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.register_relief_advance(case.id, "relief:1", 500_00, "2026-03-02")
        app.record_payment(case.id, "slip-1", 800_00)
        account = app.record_payment(case.id, "slip-2", 800_00)
        assert _allocation(account) == {"costs": 700_00, "applicant:0": 100_00}

    def test_excess_is_owed_to_the_respondent_when_the_claim_was_met_after_relief(
            self, app, a_filing):
        # The relief was paid to the applicant on account of the claim: repaying the fund
        # satisfies that part of it, so the debtor never owes more than the claim (R30:
        # relief never exceeds the unpaid claim; account.py: beyond the claim → debtor).
        case = executing_case(app, a_filing)
        app.register_relief_advance(case.id, "relief:1", 500_00, "2026-03-02")
        app.record_payment(case.id, "slip-1", CLAIM_TOTAL)
        account = app.record_payment(case.id, "slip-2", 10_00)
        assert _allocation(account) == {"respondent": 10_00}

    def test_relief_advance_is_refused_naming_r28_when_the_amount_is_zero(self, app,
                                                                         a_filing):
        case = executing_case(app, a_filing)
        with pytest.raises(InvalidInput) as refused:
            app.register_relief_advance(case.id, "relief:1", 0, "2026-03-02")
        assert (refused.value.rule, refused.value.field) == ("R28", "amount_fen")


class TestMoneyPublished:
    """R28: receipts and disbursements are published as v1 integration events."""

    def test_receipt_is_published_as_money_received_when_money_arrives(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", 600_00, source="deduction")
        [public] = published(app, MoneyReceived)
        assert public == MoneyReceived(
            case_id=str(case.id), case_number=case.case_number, court_code="川0104",
            receipt_id="slip-1", source="deduction", amount_fen=600_00,
            received_on="2026-03-02", disburse_by="2026-04-01")

    def test_payout_is_published_as_money_disbursed_with_totals_when_paid(self, app,
                                                                         a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "slip-1", COSTS + 500_00)
        app.disburse(case.id, "pay-1", "applicant:0", 500_00)
        [public] = published(app, MoneyDisbursed)
        assert (public.case_id, public.disbursement_id, public.payee) == (
            str(case.id), "pay-1", "applicant:0")
        assert (public.amount_fen, public.received_total_fen, public.claim_total_fen) == (
            500_00, COSTS + 500_00, CLAIM_TOTAL)


class TestReferencesAreSeparatePerKind:
    """R28: a disbursement reusing a receipt's reference is still paid."""

    def test_a_payout_with_a_receipts_reference_is_not_mistaken_for_a_repeat(self, app,
                                                                           a_filing):
        case = executing_case(app, a_filing)
        app.record_payment(case.id, "ref-1", 1_000_00)
        account = app.disburse(case.id, "ref-1", "costs", 1_000_00)
        assert account.paid == {"costs": 1_000_00}


class TestClosedAccount:
    """R28: when the case ends, its account takes no more money — even from a payment
    another process was recording at that very moment."""

    def test_a_closed_case_refuses_a_receipt_naming_r28(self, app, a_filing):
        case = executing_case(app, a_filing)
        app.close_case(case.id, "withdrawn")
        with pytest.raises(MoneyRefused, match="R28"):
            app.record_payment(case.id, "late-slip", 1_000_00)
        assert app.get_account(case.id).received_fen == 0

    def test_a_payment_racing_the_closure_from_another_process_is_refused(
            self, app, a_filing, tmp_path, clock):
        case = executing_case(app, a_filing)
        other = CasesApplication(Settings(var_dir=tmp_path), clock=clock)
        try:
            account = other.get_account(case.id)  # the other process saw it open...
            app.close_case(case.id, "withdrawn")  # ...when this one closed the case
            account.receive("racing-slip", "voluntary", 1_000_00, "2026-03-02", "2026-04-01")
            with pytest.raises(IntegrityError):
                other.save(account)  # optimistic concurrency: the closure came first
            with pytest.raises(MoneyRefused, match="R28"):
                other.record_payment(case.id, "racing-slip", 1_000_00)
        finally:
            other.close()
        assert app.get_account(case.id).received_fen == 0

    def test_resumption_closes_the_original_account(self, app, a_filing, clock):
        case = executing_case(app, a_filing)
        debtor = case.respondents[0].identity_number
        app.apply_inquiry(case.id, "i", debtor, "2026-03-05",
                          ["bank_deposit", "vehicle", "real_estate", "securities"], False, False)
        app.apply_restriction(case.id, "r", debtor, "2026-03-05")
        app.apply_listing_decision(case.id, "l", debtor, True, "2026-03-05")
        app.interview_applicant(case.id, "告知")
        clock.set(beijing_morning("2026-07-01"))
        app.conclude_case(case.id)
        app.record_payment(case.id, "after-zhongben", 100_00)  # 终本: the account is open
        resumed = app.resume_case(case.id)
        with pytest.raises(MoneyRefused, match="R28"):
            app.record_payment(case.id, "too-late", 100_00)
        assert app.record_payment(resumed.id, "slip", 100_00).received_fen == 100_00
