"""Team scope (R46, issue 12 item 7): an act on a case belongs to its assigned team.

`policies.POLICIES` declares each RPC's scope; these pin the case the issue found — 约谈
(InterviewApplicant), a write, was allowed to an officer of another team.
"""

from __future__ import annotations

import grpc

from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

from .conftest import OTHER_TEAM, TEAM, ref, refused

SUMMARY = "告知已采取的措施"


class TestInterviewApplicant:
    def test_permission_denied_when_the_officer_is_of_another_team(self, grpc_cases):
        number = grpc_cases.assigned(team=TEAM)
        error = refused(lambda: grpc_cases.caller(team=OTHER_TEAM).InterviewApplicant(
            pb.InterviewApplicantRequest(case=ref(number), summary=SUMMARY)))
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED
        assert "R46 [team]" in error.details()
        assert [e.outcome for e in grpc_cases.audit("InterviewApplicant")] == ["denied"]
        assert not grpc_cases.case(number).interviewed_on

    def test_recorded_when_the_officer_is_of_the_cases_team(self, grpc_cases):
        number = grpc_cases.assigned(team=TEAM)
        case = grpc_cases.caller(team=TEAM).InterviewApplicant(
            pb.InterviewApplicantRequest(case=ref(number), summary=SUMMARY)).case
        assert case.interviewed_on == "2026-03-02"

    def test_recorded_when_a_judge_of_another_team_acts(self, grpc_cases):
        number = grpc_cases.assigned(team=TEAM)
        case = grpc_cases.caller(role="judge", team=OTHER_TEAM).InterviewApplicant(
            pb.InterviewApplicantRequest(case=ref(number), summary=SUMMARY)).case
        assert case.interviewed_on == "2026-03-02"


class TestReadsStayCourtWide:
    def test_case_file_is_read_by_an_officer_of_another_team(self, grpc_cases):
        number = grpc_cases.assigned(team=TEAM)
        case = grpc_cases.caller(team=OTHER_TEAM).GetCase(
            pb.GetCaseRequest(case_number=number)).case
        assert case.case_number == number
