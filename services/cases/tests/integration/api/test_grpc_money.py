"""CasesService, 执行款: receipts, disbursements and the case account (R28) — finance and
the assigned team only (R46)."""

from __future__ import annotations

import grpc

from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

from .conftest import OTHER_COURT, OTHER_TEAM, ref, refused

INVALID, DENIED = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.PERMISSION_DENIED
PRECONDITION = grpc.StatusCode.FAILED_PRECONDITION


def pay(grpc_cases, number, amount_fen=300_000, reference="slip-1", received_on="",
        **caller):
    return grpc_cases.caller(**caller).RecordPayment(pb.RecordPaymentRequest(
        case=ref(number), reference=reference, amount_fen=amount_fen, source="deduction",
        received_on=received_on)).account


def disburse(grpc_cases, number, amount_fen=300_000, payee="applicant:0", **caller):
    return grpc_cases.caller(**caller).Disburse(pb.DisburseRequest(
        case=ref(number), reference="pay-1", payee=payee, amount_fen=amount_fen)).account


class TestRecordPayment:
    def test_receipt_is_allocated_and_due_within_thirty_days_when_finance_records_it(
            self, grpc_cases):
        number = grpc_cases.assigned()
        account = pay(grpc_cases, number, role="finance", team="")
        assert (account.received_fen, account.balance_fen, dict(account.owed_fen)) == (
            300_000, 300_000, {"applicant:0": 300_000})
        assert account.disburse_by == "2026-04-01"
        assert dict(account.receipts[0].allocation_fen) == {"applicant:0": 300_000}

    def test_the_same_reference_is_counted_once_when_recorded_twice(self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number)
        account = pay(grpc_cases, number)
        assert (account.received_fen, len(account.receipts)) == (300_000, 1)

    def test_receipt_keeps_its_date_when_received_on_is_given(self, grpc_cases):
        number = grpc_cases.assigned()
        account = pay(grpc_cases, number, received_on="2026-02-27")
        assert account.receipts[0].received_on == "2026-02-27"

    def test_invalid_argument_names_received_on_when_it_is_not_a_date(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: pay(grpc_cases, number, received_on="27/02/2026"))
        assert error.code() == INVALID and "received_on" in error.details()

    def test_invalid_argument_names_r28_and_reference_when_it_is_blank(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: pay(grpc_cases, number, reference=" "))
        assert error.code() == INVALID
        assert "R28" in error.details() and "reference" in error.details()

    def test_invalid_argument_names_r28_when_the_amount_is_zero(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: pay(grpc_cases, number, amount_fen=0))
        assert error.code() == INVALID and "R28" in error.details()

    def test_permission_denied_and_audited_when_an_officer_of_another_team_records(
            self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: pay(grpc_cases, number, team=OTHER_TEAM))
        assert error.code() == DENIED and "R46" in error.details()
        [entry] = grpc_cases.audit("RecordPayment")
        assert (entry.outcome, entry.target) == ("denied", number)

    def test_not_found_when_finance_of_another_court_records(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: pay(grpc_cases, number, role="finance", court=OTHER_COURT))
        assert error.code() == grpc.StatusCode.NOT_FOUND

    def test_every_receipt_is_audited_when_recorded(self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number, role="finance", subject="finance-1")
        [entry] = grpc_cases.audit("RecordPayment")
        assert (entry.actor, entry.role, entry.outcome, entry.target) == (
            "finance-1", "finance", "ok", number)


class TestDisburse:
    def test_money_leaves_the_account_when_finance_pays_the_applicant(self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number)
        account = disburse(grpc_cases, number, role="finance", team="")
        assert (account.balance_fen, dict(account.paid_fen), dict(account.owed_fen)) == (
            0, {"applicant:0": 300_000}, {})
        assert account.disburse_by == ""

    def test_the_assigned_team_may_disburse(self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number)
        assert disburse(grpc_cases, number, amount_fen=100_000).balance_fen == 200_000

    def test_failed_precondition_names_r28_when_paying_more_than_owed(self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number)
        error = refused(lambda: disburse(grpc_cases, number, amount_fen=300_001))
        assert error.code() == PRECONDITION
        assert "R28" in error.details() and "amount_fen" in error.details()
        assert grpc_cases.audit("Disburse")[0].outcome == "refused"

    def test_permission_denied_and_audited_when_an_officer_of_another_team_disburses(
            self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number)
        error = refused(lambda: disburse(grpc_cases, number, team=OTHER_TEAM))
        assert error.code() == DENIED and "R46" in error.details()
        [entry] = grpc_cases.audit("Disburse")
        assert (entry.outcome, entry.target) == ("denied", number)

    def test_permission_denied_when_a_judge_off_the_team_disburses(self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number)
        error = refused(lambda: disburse(grpc_cases, number, role="judge", team=""))
        assert error.code() == DENIED

    def test_permission_denied_when_a_supervisor_disburses(self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number)
        error = refused(lambda: disburse(grpc_cases, number, role="supervisor"))
        assert error.code() == DENIED


class TestGetAccount:
    def test_account_shows_the_unpaid_claim_when_read_by_a_supervisor(self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number)
        account = grpc_cases.caller(role="supervisor").GetAccount(
            pb.GetAccountRequest(case=ref(number))).account
        claim = grpc_cases.case(number).claim.principal_fen
        assert (account.case_number, account.unpaid_claim_fen) == (number, claim - 300_000)

    def test_an_empty_account_is_shown_when_no_money_moved(self, grpc_cases):
        number = grpc_cases.assigned()
        account = grpc_cases.caller().GetAccount(pb.GetAccountRequest(case=ref(number))).account
        assert (account.received_fen, list(account.receipts)) == (0, [])

    def test_reading_the_account_is_audited(self, grpc_cases):
        number = grpc_cases.assigned()
        grpc_cases.caller(role="finance").GetAccount(pb.GetAccountRequest(case=ref(number)))
        [entry] = grpc_cases.audit("GetAccount")
        assert (entry.outcome, entry.target, entry.role) == ("ok", number, "finance")

    def test_not_found_but_audited_when_finance_of_another_court_reads(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: grpc_cases.caller(role="finance", court=OTHER_COURT).GetAccount(
            pb.GetAccountRequest(case=ref(number))))
        assert error.code() == grpc.StatusCode.NOT_FOUND
        assert [e.outcome for e in grpc_cases.audit("GetAccount")] == ["denied"]
