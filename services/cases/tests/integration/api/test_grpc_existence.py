"""R46 without an existence leak: another court's case (or referral) is answered exactly
as an unknown one — same code, same details — and the attempt is still audited."""

from __future__ import annotations

from uuid import uuid4

import grpc

from testkit.filings import file_case_request
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

from .conftest import OTHER_COURT, ref, refused


def _answer(error: grpc.RpcError) -> tuple[grpc.StatusCode, str]:
    return error.code(), error.details()


class TestAnotherCourtsCase:
    def test_the_answer_is_an_unknown_ids_when_another_court_asks_by_case_id(self, grpc_cases):
        number = grpc_cases.assigned()
        stranger = grpc_cases.caller(court=OTHER_COURT)
        theirs = refused(lambda: stranger.GetCase(
            pb.GetCaseRequest(case_id=str(grpc_cases.case_id(number)))))
        unknown = refused(lambda: stranger.GetCase(pb.GetCaseRequest(case_id=str(uuid4()))))
        assert _answer(theirs) == _answer(unknown)
        assert theirs.code() == grpc.StatusCode.NOT_FOUND

    def test_the_answer_is_an_unknown_numbers_when_another_court_asks_by_case_number(
            self, grpc_cases):
        number = grpc_cases.assigned()
        never_filed = number.replace("执1号", "执999号")
        stranger = grpc_cases.caller(court=OTHER_COURT)
        theirs = refused(lambda: stranger.GetTimeline(pb.GetTimelineRequest(case=ref(number))))
        unknown = refused(lambda: stranger.GetTimeline(
            pb.GetTimelineRequest(case=ref(never_filed))))
        # the details quote only the number the caller sent
        assert (theirs.code(), theirs.details().replace(number, "N")) == (
            unknown.code(), unknown.details().replace(never_filed, "N"))

    def test_the_refused_attempt_is_audited_when_another_court_asks(self, grpc_cases):
        number = grpc_cases.assigned()
        stranger = grpc_cases.caller(court=OTHER_COURT, subject="stranger-1")
        refused(lambda: stranger.GetCase(
            pb.GetCaseRequest(case_id=str(grpc_cases.case_id(number)))))
        [entry] = grpc_cases.audit("GetCase")
        assert (entry.actor, entry.court, entry.target, entry.outcome) == (
            "stranger-1", OTHER_COURT, number, "denied")

    def test_the_case_is_found_when_its_own_court_asks(self, grpc_cases):
        number = grpc_cases.assigned()
        case = grpc_cases.caller().GetCase(pb.GetCaseRequest(case_number=number)).case
        assert case.case_number == number


class TestLinkingAnotherCourtsCase:
    def test_the_answer_is_an_unknown_linked_cases_when_another_court_links_to_it(
            self, grpc_cases):
        number = grpc_cases.assigned()
        never_filed = number.replace("执1号", "执999号")
        stranger = grpc_cases.caller(court=OTHER_COURT)

        def objection(linked: str) -> grpc.RpcError:
            return refused(lambda: stranger.FileCase(file_case_request(
                index=7, court=OTHER_COURT, case_type="执异", linked_case_number=linked)))

        theirs, unknown = objection(number), objection(never_filed)
        assert theirs.code() == grpc.StatusCode.NOT_FOUND
        assert (theirs.code(), theirs.details().replace(number, "N")) == (
            unknown.code(), unknown.details().replace(never_filed, "N"))

    def test_the_refused_link_is_audited_when_another_court_links_to_it(self, grpc_cases):
        number = grpc_cases.assigned()
        stranger = grpc_cases.caller(court=OTHER_COURT, subject="stranger-1")
        refused(lambda: stranger.FileCase(file_case_request(
            index=7, court=OTHER_COURT, case_type="执异", linked_case_number=number)))
        [entry] = [e for e in grpc_cases.audit("FileCase") if e.actor == "stranger-1"]
        assert (entry.court, entry.target, entry.outcome) == (OTHER_COURT, number, "denied")


class TestLinkingAsR40Allows:
    """R40: a review (执复) comes from the same or a superior court, assistance (执协)
    from any court; those links are looked up, others are answered as unknown."""

    def test_the_review_is_filed_when_the_superior_court_links_its_lower_courts_case(
            self, grpc_cases):
        number = grpc_cases.assigned()  # a case of 川0104
        superior = grpc_cases.caller(court="川01")
        filed = superior.FileCase(file_case_request(
            index=8, court="川01", case_type="执复", linked_case_number=number))
        assert "川01执复" in filed.case_number

    def test_the_assistance_is_filed_when_any_court_links_the_delegating_case(self, grpc_cases):
        number = grpc_cases.assigned()
        assisting = grpc_cases.caller(court=OTHER_COURT)
        filed = assisting.FileCase(file_case_request(
            index=9, court=OTHER_COURT, case_type="执协", linked_case_number=number))
        assert f"{OTHER_COURT}执协" in filed.case_number

    def test_the_review_is_answered_as_unknown_when_a_court_not_above_it_links_the_case(
            self, grpc_cases):
        number = grpc_cases.assigned()
        sibling = grpc_cases.caller(court="川0105")
        theirs = refused(lambda: sibling.FileCase(file_case_request(
            index=10, court="川0105", case_type="执复", linked_case_number=number)))
        assert theirs.code() == grpc.StatusCode.NOT_FOUND
