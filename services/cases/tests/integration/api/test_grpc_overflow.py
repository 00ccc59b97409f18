"""Numbers that overflowed (issue 12 item 3): money has one bound (kernel `MAX_FEN`, the
request bounds' `MONEY`) where it enters and where it is summed, and day counts have
theirs; beyond them the caller gets INVALID_ARGUMENT naming the field and the bound (and
the rule, where the domain sums) — never UNKNOWN or INTERNAL, and nothing is written that
a later read cannot hold."""

from __future__ import annotations

import grpc

from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.kernel.money import MAX_FEN

from .conftest import TEAM, ref, refused

INVALID = grpc.StatusCode.INVALID_ARGUMENT
INT64_MAX = 2**63 - 1


def pay(grpc_cases, number, amount_fen, reference="slip-1", received_on=""):
    return grpc_cases.caller(role="finance", team="").RecordPayment(pb.RecordPaymentRequest(
        case=ref(number), reference=reference, amount_fen=amount_fen, source="voluntary",
        received_on=received_on)).account


class TestClaimBound:
    def test_invalid_argument_naming_field_and_bound_when_interest_is_int64_max(
            self, grpc_cases):
        # Accepted before: GetAccount then answered UNKNOWN and three consumers parked
        # the case (OverflowError: Python int too large to convert to SQLite INTEGER).
        # The server's request bounds (item 2) now answer first, with the same figure.
        error = refused(lambda: grpc_cases.file(claim=pb.Claim(
            principal_fen=100_00, interest_fen=INT64_MAX)))
        assert error.code() == INVALID
        assert "claim.interest_fen" in error.details() and str(MAX_FEN) in error.details()

    def test_invalid_argument_naming_claim_bound_and_rule_when_its_parts_sum_past_the_bound(
            self, grpc_cases):
        # Each part within the request bound, their total not: the domain sums them (R28).
        error = refused(lambda: grpc_cases.file(claim=pb.Claim(
            principal_fen=MAX_FEN, interest_fen=MAX_FEN, costs_fen=MAX_FEN)))
        assert error.code() == INVALID and "[claim]" in error.details()
        assert "R28" in error.details() and str(MAX_FEN) in error.details()

    def test_a_claim_at_the_bound_is_filed_and_its_account_read_when_it_is_the_total(
            self, grpc_cases):
        number = grpc_cases.file(claim=pb.Claim(principal_fen=MAX_FEN))
        account = grpc_cases.caller().GetAccount(pb.GetAccountRequest(case=ref(number)))
        assert account.account.unpaid_claim_fen == MAX_FEN


class TestReceiptBound:
    def test_invalid_argument_naming_amount_fen_when_a_receipt_is_int64_max(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: pay(grpc_cases, number, INT64_MAX))
        assert error.code() == INVALID and "amount_fen" in error.details()
        assert str(MAX_FEN) in error.details()

    def test_the_receipt_that_would_pass_the_bound_is_refused_and_the_account_stays_readable(
            self, grpc_cases):
        number = grpc_cases.assigned()
        pay(grpc_cases, number, MAX_FEN)
        error = refused(lambda: pay(grpc_cases, number, 1, reference="slip-2"))
        assert error.code() == INVALID and "total" in error.details()
        account = grpc_cases.caller().GetAccount(pb.GetAccountRequest(case=ref(number)))
        assert account.account.received_fen == MAX_FEN

    def test_invalid_argument_naming_received_on_and_r28_when_it_is_after_today(
            self, grpc_cases):
        # 9999-12-31 answered INTERNAL (ValueError): its 30-day deadline ran past year 9999.
        number = grpc_cases.assigned()
        error = refused(lambda: pay(grpc_cases, number, 100_00, received_on="9999-12-31"))
        assert error.code() == INVALID
        assert "received_on" in error.details() and "R28" in error.details()


class TestSettlementBound:
    def test_invalid_argument_naming_the_instalment_when_it_is_int64_max(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: grpc_cases.caller().AgreeSettlement(pb.AgreeSettlementRequest(
            case=ref(number), instalments=[pb.Instalment(due_on="2026-04-01",
                                                         amount_fen=INT64_MAX)])))
        assert error.code() == INVALID and "instalments[0].amount_fen" in error.details()


class TestWorklistHorizon:
    def test_invalid_argument_naming_due_within_days_and_its_bound_when_millions_of_days(
            self, grpc_cases):
        # Answered UNKNOWN before (date out of range); the request bounds (item 2) hold
        # it now: a proof, not a change of this branch.
        error = refused(lambda: grpc_cases.caller().GetWorklist(pb.GetWorklistRequest(
            team=TEAM, due_within_days=2932000)))
        assert error.code() == INVALID
        assert "due_within_days" in error.details() and "10000" in error.details()

    def test_a_worklist_as_far_ahead_as_the_bound_is_answered_when_asked(self, grpc_cases):
        grpc_cases.assigned()
        grpc_cases.index()
        items = grpc_cases.caller().GetWorklist(pb.GetWorklistRequest(
            team=TEAM, due_within_days=10000)).items
        assert len(items) > 0
