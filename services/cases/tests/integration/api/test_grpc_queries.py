"""CasesService reads: a case's timeline, a court's case list and worklists (R26–R28),
court-scoped and audited where they carry identities (R46)."""

from __future__ import annotations

import grpc

from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

from .conftest import COURT, OTHER_COURT, OTHER_TEAM, TEAM, ref, refused

INVALID, DENIED = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.PERMISSION_DENIED


class TestGetCase:
    def test_finance_reads_a_case_of_its_court(self, grpc_cases):
        number = grpc_cases.assigned()
        case = grpc_cases.caller(role="finance").GetCase(pb.GetCaseRequest(case_number=number))
        assert case.case.case_number == number


class TestGetTimeline:
    def test_every_act_is_listed_oldest_first_with_its_legal_name(self, grpc_cases):
        number = grpc_cases.assigned()
        grpc_cases.caller().ServeNotice(pb.ServeNoticeRequest(case=ref(number)))
        entries = grpc_cases.caller().GetTimeline(pb.GetTimelineRequest(case=ref(number))).entries
        assert [e.label for e in entries] == ["立案", "分案", "送达执行通知书、报告财产令"]
        assert entries[2].details["served_on"] == "2026-03-02"

    def test_reading_the_timeline_is_audited(self, grpc_cases):
        number = grpc_cases.assigned()
        grpc_cases.caller(role="supervisor").GetTimeline(pb.GetTimelineRequest(case=ref(number)))
        [entry] = grpc_cases.audit("GetTimeline")
        assert (entry.outcome, entry.target, entry.role) == ("ok", number, "supervisor")

    def test_not_found_but_audited_when_another_court_reads(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: grpc_cases.caller(court=OTHER_COURT).GetTimeline(
            pb.GetTimelineRequest(case=ref(number))))
        assert error.code() == grpc.StatusCode.NOT_FOUND
        assert [e.outcome for e in grpc_cases.audit("GetTimeline")] == ["denied"]


class TestListCases:
    def test_cases_of_a_team_are_listed_when_filtered_by_team(self, grpc_cases):
        ours, theirs = grpc_cases.assigned(), grpc_cases.assigned(team=OTHER_TEAM)
        grpc_cases.index()
        listed = grpc_cases.caller().ListCases(pb.ListCasesRequest(team=TEAM)).cases
        assert [c.case_number for c in listed] == [ours] and theirs != ours
        assert (listed[0].status_label, listed[0].lead_officer) == ("执行中", "李明")

    def test_only_cases_in_that_status_are_listed_when_filtered_by_status(self, grpc_cases):
        filed, assigned = grpc_cases.file(), grpc_cases.assigned()
        grpc_cases.index()
        listed = grpc_cases.caller().ListCases(pb.ListCasesRequest(status="filed")).cases
        assert [c.case_number for c in listed] == [filed] and assigned != filed

    def test_pages_follow_each_other_when_page_size_is_one(self, grpc_cases):
        numbers = {grpc_cases.file() for _ in range(3)}
        grpc_cases.index()
        officer, seen, token = grpc_cases.caller(), [], ""
        for _ in range(3):
            page = officer.ListCases(pb.ListCasesRequest(page_size=1, page_token=token))
            seen += [c.case_number for c in page.cases]
            token = page.next_page_token
        assert set(seen) == numbers and token == ""

    def test_invalid_argument_names_page_token_when_it_was_not_issued(self, grpc_cases):
        error = refused(lambda: grpc_cases.caller().ListCases(
            pb.ListCasesRequest(page_token="abc")))
        assert error.code() == INVALID and "page_token" in error.details()

    def test_invalid_argument_names_status_when_it_is_unknown(self, grpc_cases):
        error = refused(lambda: grpc_cases.caller().ListCases(
            pb.ListCasesRequest(status="lost")))
        assert error.code() == INVALID and "status" in error.details()

    def test_permission_denied_and_audited_when_listing_another_courts_cases(self, grpc_cases):
        error = refused(lambda: grpc_cases.caller(court=OTHER_COURT).ListCases(
            pb.ListCasesRequest(court_code=COURT)))
        assert error.code() == DENIED and "R46" in error.details()
        assert [e.outcome for e in grpc_cases.audit("ListCases")] == ["denied"]

    def test_the_callers_own_court_is_listed_when_no_court_is_named(self, grpc_cases):
        grpc_cases.file()
        grpc_cases.index()
        theirs = grpc_cases.caller(court=OTHER_COURT).ListCases(pb.ListCasesRequest()).cases
        assert list(theirs) == []


class TestGetWorklist:
    def worklist(self, grpc_cases, **fields):
        return grpc_cases.caller().GetWorklist(pb.GetWorklistRequest(**fields)).items

    def test_limits_due_this_week_are_listed_when_a_case_was_just_assigned(self, grpc_cases):
        number = grpc_cases.assigned()
        grpc_cases.index()
        items = self.worklist(grpc_cases, team=TEAM)
        assert {(i.case_number, i.node, i.rule) for i in items} == {
            (number, "notice", "R27"), (number, "leads_request", "R27")}
        assert not any(i.overdue for i in items)

    def test_limits_are_overdue_when_their_last_day_has_passed(self, grpc_cases):
        grpc_cases.assigned(lead_officer="王强")
        grpc_cases.index()
        grpc_cases.travel(days=10)
        items = self.worklist(grpc_cases, lead_officer="王强")
        assert {i.node for i in items if i.overdue} == {"notice", "leads_request"}

    def test_only_overdue_and_today_are_listed_when_due_within_days_is_zero(self, grpc_cases):
        grpc_cases.assigned()
        grpc_cases.index()
        assert list(self.worklist(grpc_cases, team=TEAM, due_within_days=0)) == []

    def test_invalid_argument_names_lead_officer_when_neither_officer_nor_team(self, grpc_cases):
        error = refused(lambda: self.worklist(grpc_cases))
        assert error.code() == INVALID and "lead_officer" in error.details()

    def test_invalid_argument_names_due_within_days_when_negative(self, grpc_cases):
        error = refused(lambda: self.worklist(grpc_cases, team=TEAM, due_within_days=-1))
        assert error.code() == INVALID and "due_within_days" in error.details()

    def test_permission_denied_when_another_courts_officer_asks(self, grpc_cases):
        error = refused(lambda: grpc_cases.caller(court=OTHER_COURT).GetWorklist(
            pb.GetWorklistRequest(court_code=COURT, team=TEAM)))
        assert error.code() == DENIED
