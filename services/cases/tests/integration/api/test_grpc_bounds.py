"""FileCase within bounds (issue 12 item 2): five thousand parties or a megabyte name are
refused before the servicer runs — nothing filed, nothing fanned out to the agencies —
with INVALID_ARGUMENT naming the field's path and its bound."""

from __future__ import annotations

import grpc

from testkit.filings import file_case_request, person
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

from .conftest import refused

INVALID = grpc.StatusCode.INVALID_ARGUMENT


def respondents(count: int) -> list[pb.Party]:
    return [person(100 + serial) for serial in range(count)]


class TestFileCaseBounds:
    def test_invalid_argument_names_respondents_and_bound_when_a_filing_names_51(
            self, grpc_cases):
        request = file_case_request(respondents=respondents(51))
        error = refused(lambda: grpc_cases.caller().FileCase(request))
        assert error.code() == INVALID
        assert error.details() == "[respondents]: Bound: at most 50 items; got 51 items"
        assert grpc_cases.audit("FileCase") == []  # the servicer never ran

    def test_case_is_filed_with_every_respondent_when_it_names_50(self, grpc_cases):
        number = grpc_cases.file(respondents=respondents(50))
        assert len(grpc_cases.case(number).respondents) == 50

    def test_invalid_argument_names_the_party_when_a_name_is_300000_characters(
            self, grpc_cases):
        huge = pb.Party(name="张" * 300_000, identity_number=person().identity_number,
                        kind=pb.PARTY_KIND_NATURAL_PERSON)
        request = file_case_request(applicants=[person(), huge])
        error = refused(lambda: grpc_cases.caller().FileCase(request))
        assert error.code() == INVALID
        assert error.details() == ("[applicants[1].name]: Bound: at most 200 characters; "
                                   "got 300000 characters")

    def test_invalid_argument_names_the_claim_when_interest_is_2_to_the_63_minus_1(
            self, grpc_cases):
        request = file_case_request(claim=pb.Claim(principal_fen=100, interest_fen=2**63 - 1))
        error = refused(lambda: grpc_cases.caller().FileCase(request))
        assert error.code() == INVALID and "[claim.interest_fen]: Bound: at most" in error.details()

    def test_unauthenticated_before_any_bound_when_the_caller_has_no_token(self, grpc_cases):
        stub = grpc_cases.channel.unary_unary(
            "/zhixing.cases.v1.CasesService/FileCase",
            request_serializer=pb.FileCaseRequest.SerializeToString,
            response_deserializer=pb.FileCaseResponse.FromString)
        request = file_case_request(respondents=respondents(51))
        error = refused(lambda: stub(request, timeout=10))
        assert error.code() == grpc.StatusCode.UNAUTHENTICATED
