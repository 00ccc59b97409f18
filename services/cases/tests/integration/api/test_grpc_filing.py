"""FileCase's idempotency key over gRPC: the same filing again is answered with the same
case; the key reused for another filing is refused with ALREADY_EXISTS naming it."""

from __future__ import annotations

import grpc

from testkit.filings import file_case_request

from .conftest import refused


class TestFileCaseRequestId:
    def test_the_same_case_is_answered_when_the_same_filing_is_sent_again(self, grpc_cases):
        officer = grpc_cases.caller()
        first = officer.FileCase(file_case_request(1, request_id="slip-1"))
        again = officer.FileCase(file_case_request(1, request_id="slip-1"))
        assert (again.case_id, again.case_number) == (first.case_id, first.case_number)

    def test_already_exists_naming_request_id_when_reused_for_another_filing(self, grpc_cases):
        officer = grpc_cases.caller()
        first = officer.FileCase(file_case_request(1, request_id="slip-1"))
        error = refused(lambda: officer.FileCase(file_case_request(2, request_id="slip-1")))
        assert error.code() == grpc.StatusCode.ALREADY_EXISTS
        assert "[request_id]" in error.details() and first.case_number not in error.details()
        assert [e.outcome for e in grpc_cases.audit("FileCase")] == ["ok", "refused"]
