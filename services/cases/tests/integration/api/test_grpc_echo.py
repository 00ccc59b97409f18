"""Refusals quote at most a short, masked excerpt of what the caller sent (issue 12 item 4,
R60): a resident ID typed into the wrong field never comes back in an error, whichever
kind of refusal quotes it."""

from __future__ import annotations

import grpc

from testkit.filings import file_case_request
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

from .conftest import ref, refused

RESIDENT_ID = "510104199001011234"


def no_id(error: grpc.RpcError) -> bool:
    """The refusal names no resident ID, but keeps its last 4 as a hint."""
    return RESIDENT_ID not in error.details() and "1234" in error.details()


class TestCaseNumberEchoes:
    def test_not_found_masks_the_id_when_it_is_asked_for_as_a_case_number(self, grpc_cases):
        error = refused(lambda: grpc_cases.caller(role="judge").GetCase(
            pb.GetCaseRequest(case_number=RESIDENT_ID)))
        assert error.code() == grpc.StatusCode.NOT_FOUND and no_id(error)

    def test_not_found_masks_the_id_when_it_is_given_as_the_linked_case(self, grpc_cases):
        request = file_case_request(case_type="执异", linked_case_number=RESIDENT_ID)
        error = refused(lambda: grpc_cases.caller().FileCase(request))
        assert error.code() == grpc.StatusCode.NOT_FOUND and no_id(error)
        assert "R40" in error.details() and "linked_case_number" in error.details()


class TestUnknownWordEchoes:
    def test_invalid_argument_masks_the_id_when_it_is_given_as_the_basis_kind(
            self, grpc_cases):
        basis = pb.EnforcementBasis(kind=RESIDENT_ID, issuing_body="人民法院",
                                    document_number="(2025)民初1号", effective_date="2025-05-01")
        error = refused(lambda: grpc_cases.caller().FileCase(file_case_request(basis=basis)))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and no_id(error)

    def test_refusal_masks_the_id_when_it_is_given_as_the_node_to_extend(self, grpc_cases):
        number = grpc_cases.assigned()
        president = grpc_cases.caller(role="president", team="", subject="president-1")
        error = refused(lambda: president.ExtendDeadline(pb.ExtendDeadlineRequest(
            case=ref(number), node=RESIDENT_ID, due_on="2026-12-31")))
        assert "R26" in error.details() and no_id(error)

    def test_refusal_masks_the_id_when_it_is_given_as_the_payee(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: grpc_cases.caller(role="finance", team="").Disburse(
            pb.DisburseRequest(case=ref(number), reference="pay-1", payee=RESIDENT_ID,
                               amount_fen=100)))
        assert "R28" in error.details() and no_id(error)


class TestMethodNameEchoes:
    def test_permission_denied_masks_the_id_when_it_is_called_as_a_method(self, grpc_cases):
        call = grpc_cases.channel.unary_unary(f"/zhixing.cases.v1.CasesService/{RESIDENT_ID}")
        error = refused(lambda: call(b"", timeout=10))
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED and no_id(error)
