"""CasesService, from filing to the property report: 分案, 执行通知, leads, time limits,
约谈, missing debtors and 执行和解 — through gRPC, with policies and the audit log."""

from __future__ import annotations

import grpc

from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

from .conftest import OTHER_COURT, OTHER_TEAM, TEAM, ref, refused

INVALID, DENIED = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.PERMISSION_DENIED
PRECONDITION, NOT_FOUND = grpc.StatusCode.FAILED_PRECONDITION, grpc.StatusCode.NOT_FOUND


class TestFileCase:
    def test_objection_is_linked_to_its_case_when_linked_case_number_is_given(self, grpc_cases):
        original = grpc_cases.file()
        objection = grpc_cases.file(case_type="执异", linked_case_number=original)
        case = grpc_cases.case(objection)
        assert (case.linked_case_id, case.link_kind) == (
            str(grpc_cases.case_id(original)), "objection")

    def test_not_found_names_linked_case_number_when_no_such_case(self, grpc_cases):
        error = refused(lambda: grpc_cases.file(case_type="执复",
                                                linked_case_number="(2026)川0104执999号"))
        assert error.code() == NOT_FOUND
        assert "R40" in error.details() and "linked_case_number" in error.details()

    def test_invalid_argument_names_r40_when_an_objection_names_no_case(self, grpc_cases):
        error = refused(lambda: grpc_cases.file(case_type="执异"))
        assert error.code() == INVALID
        assert "R40" in error.details() and "linked_case_number" in error.details()

    def test_refused_filing_is_audited_with_its_rule_when_input_is_bad(self, grpc_cases):
        refused(lambda: grpc_cases.file(claim=pb.Claim(principal_fen=-1)))
        [entry] = grpc_cases.audit("FileCase")
        assert (entry.outcome, entry.target) == ("refused", "川0104")
        assert "R28" in entry.reason and "claim.principal_fen" in entry.reason


class TestAssignCase:
    def test_case_is_executing_with_its_node_limits_when_assigned(self, grpc_cases):
        number = grpc_cases.file()
        case = grpc_cases.caller().AssignCase(pb.AssignCaseRequest(
            case=ref(number), team=TEAM, lead_officer="李明")).case
        assert (case.status, case.status_label, case.team, case.lead_officer) == (
            "executing", "执行中", TEAM, "李明")
        nodes = {n.node: n for n in case.nodes}
        assert nodes["assign"].done_on == "2026-03-02"
        assert {nodes[n].rule for n in ("notice", "leads_request", "investigation")} == {"R27"}

    def test_assignment_is_audited_with_who_and_which_case(self, grpc_cases):
        number = grpc_cases.assigned()
        [entry] = grpc_cases.audit("AssignCase")
        assert (entry.actor, entry.target, entry.outcome, entry.reason) == (
            "officer-1", number, "ok", "分案")

    def test_not_found_but_audited_when_officer_of_another_court_assigns(
            self, grpc_cases):
        number = grpc_cases.file()
        stranger = grpc_cases.caller(court=OTHER_COURT)
        error = refused(lambda: stranger.AssignCase(pb.AssignCaseRequest(
            case=ref(number), team=TEAM, lead_officer="李明")))
        assert error.code() == grpc.StatusCode.NOT_FOUND and "R46" not in error.details()
        [entry] = grpc_cases.audit("AssignCase")
        assert (entry.outcome, entry.target, entry.court) == ("denied", number, OTHER_COURT)

    def test_permission_denied_when_an_officer_of_another_team_reassigns(self, grpc_cases):
        number = grpc_cases.assigned()
        outsider = grpc_cases.caller(team=OTHER_TEAM)
        error = refused(lambda: outsider.AssignCase(pb.AssignCaseRequest(
            case=ref(number), team=OTHER_TEAM, lead_officer="王强")))
        assert error.code() == DENIED and "R46" in error.details()
        assert [e.outcome for e in grpc_cases.audit("AssignCase")] == ["ok", "denied"]

    def test_invalid_argument_names_team_when_team_is_blank(self, grpc_cases):
        number = grpc_cases.file()
        error = refused(lambda: grpc_cases.caller().AssignCase(pb.AssignCaseRequest(
            case=ref(number), team=" ", lead_officer="李明")))
        assert error.code() == INVALID and "[team]" in error.details()
        assert grpc_cases.audit("AssignCase")[0].outcome == "refused"

    def test_invalid_argument_names_the_field_when_case_id_is_not_a_uuid(self, grpc_cases):
        error = refused(lambda: grpc_cases.caller().AssignCase(pb.AssignCaseRequest(
            case=pb.CaseRef(case_id="no-uuid"), team=TEAM, lead_officer="李明")))
        assert error.code() == INVALID and "case.case_id" in error.details()

    def test_invalid_argument_names_case_when_no_case_is_named(self, grpc_cases):
        error = refused(lambda: grpc_cases.caller().ServeNotice(pb.ServeNoticeRequest()))
        assert error.code() == INVALID and "[case]" in error.details()

    def test_not_found_when_no_case_has_that_number(self, grpc_cases):
        error = refused(lambda: grpc_cases.caller().ServeNotice(pb.ServeNoticeRequest(
            case=ref("(2026)川0104执999号"))))
        assert error.code() == NOT_FOUND


class TestNoticeAndProperty:
    def test_property_report_falls_due_when_the_notice_is_served(self, grpc_cases):
        number = grpc_cases.assigned()
        case = grpc_cases.caller().ServeNotice(pb.ServeNoticeRequest(case=ref(number))).case
        report = next(n for n in case.nodes if n.node == "property_report")
        assert case.notice_served_on == "2026-03-02" and report.rule == "R5"

    def test_failed_precondition_when_the_notice_comes_before_assignment(self, grpc_cases):
        number = grpc_cases.file()  # no team holds it yet: only the bench may act (R46)
        error = refused(lambda: grpc_cases.caller(role="judge").ServeNotice(
            pb.ServeNoticeRequest(case=ref(number))))
        assert error.code() == PRECONDITION and "[case_id]" in error.details()

    def test_failed_precondition_names_r27_when_a_report_precedes_the_order(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: grpc_cases.caller().RecordPropertyReport(
            pb.RecordPropertyReportRequest(case=ref(number))))
        assert error.code() == PRECONDITION and "R27" in error.details()

    def test_report_is_recorded_when_the_order_was_served(self, grpc_cases):
        number = grpc_cases.assigned()
        officer = grpc_cases.caller()
        officer.ServeNotice(pb.ServeNoticeRequest(case=ref(number)))
        case = officer.RecordPropertyReport(pb.RecordPropertyReportRequest(case=ref(number))).case
        assert case.property_report == "reported"


class TestLeads:
    def test_lead_has_a_five_day_verification_limit_when_received(self, grpc_cases):
        number = grpc_cases.assigned()
        officer = grpc_cases.caller()
        officer.RequestLeads(pb.RequestLeadsRequest(case=ref(number)))
        received = officer.ReceiveLead(pb.ReceiveLeadRequest(case=ref(number)))
        node = next(n for n in received.case.nodes if n.node == f"verify_lead:{received.lead_id}")
        assert (node.label, node.rule, node.due_on) == ("核查财产线索", "R27", "2026-03-09")

    def test_lead_is_verified_and_its_limit_done_when_checked(self, grpc_cases):
        number = grpc_cases.assigned()
        officer = grpc_cases.caller()
        lead_id = officer.ReceiveLead(pb.ReceiveLeadRequest(case=ref(number))).lead_id
        case = officer.VerifyLead(pb.VerifyLeadRequest(case=ref(number), lead_id=lead_id,
                                                       found=False)).case
        assert [(lead.lead_id, lead.verified_on) for lead in case.leads] == [
            (lead_id, "2026-03-02")]

    def test_failed_precondition_names_lead_id_when_no_such_lead(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: grpc_cases.caller().VerifyLead(pb.VerifyLeadRequest(
            case=ref(number), lead_id="nope", found=True)))
        assert error.code() == PRECONDITION and "lead_id" in error.details()


class TestExtendDeadline:
    def extend(self, grpc_cases, number, due_on="2026-12-31", role="president"):
        return grpc_cases.caller(role=role, team="", subject="president-1").ExtendDeadline(
            pb.ExtendDeadlineRequest(case=ref(number), node="close", due_on=due_on)).case

    def test_closing_limit_moves_with_the_presidents_approval(self, grpc_cases):
        number = grpc_cases.assigned()
        case = self.extend(grpc_cases, number)
        close = next(n for n in case.nodes if n.node == "close")
        assert (close.due_on, close.extended) == ("2026-12-31", True)
        extended = [e for e in grpc_cases.caller().GetTimeline(
            pb.GetTimelineRequest(case=ref(number))).entries if e.act == "DeadlineExtended"]
        assert extended[0].details["approved_by"] == "president-1"

    def test_permission_denied_and_audited_when_a_judge_extends(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.extend(grpc_cases, number, role="judge"))
        assert error.code() == DENIED and "R46" in error.details()
        [entry] = grpc_cases.audit("ExtendDeadline")
        assert (entry.outcome, entry.role) == ("denied", "judge")

    def test_not_found_when_the_president_of_another_court_extends(self, grpc_cases):
        number = grpc_cases.assigned()
        president = grpc_cases.caller(role="president", court=OTHER_COURT)
        error = refused(lambda: president.ExtendDeadline(pb.ExtendDeadlineRequest(
            case=ref(number), node="close", due_on="2026-12-31")))
        assert error.code() == grpc.StatusCode.NOT_FOUND

    def test_failed_precondition_names_r26_when_sought_after_the_last_moment(self, grpc_cases):
        number = grpc_cases.assigned()
        grpc_cases.travel(days=180)  # the six months of R26 are all but gone
        error = refused(lambda: self.extend(grpc_cases, number, due_on="2027-03-31"))
        assert error.code() == PRECONDITION and "R26" in error.details()
        assert grpc_cases.audit("ExtendDeadline")[0].outcome == "refused"

    def test_invalid_argument_names_due_on_when_it_is_not_a_date(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.extend(grpc_cases, number, due_on="31.12.2026"))
        assert error.code() == INVALID and "due_on" in error.details()


class TestInterviewAndDebtorSearch:
    def test_applicant_is_interviewed_when_the_summary_is_recorded(self, grpc_cases):
        number = grpc_cases.assigned()
        case = grpc_cases.caller().InterviewApplicant(pb.InterviewApplicantRequest(
            case=ref(number), summary="告知终本后果")).case
        assert case.interviewed_on == "2026-03-02"

    def test_invalid_argument_names_r17_when_the_summary_is_blank(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: grpc_cases.caller().InterviewApplicant(
            pb.InterviewApplicantRequest(case=ref(number), summary="")))
        assert error.code() == INVALID
        assert "R17" in error.details() and "summary" in error.details()

    def test_debtor_is_no_longer_missing_when_the_search_located_them(self, grpc_cases):
        number = grpc_cases.assigned()
        officer = grpc_cases.caller()
        missing = officer.ReportDebtorMissing(pb.ReportDebtorMissingRequest(case=ref(number)))
        found = officer.RecordDebtorSearch(pb.RecordDebtorSearchRequest(case=ref(number),
                                                                        located=True))
        assert (missing.case.debtor_missing, found.case.debtor_missing,
                found.case.debtor_searched) == (True, False, True)


class TestSettlement:
    def agree(self, grpc_cases, number, *instalments):
        plan = [pb.Instalment(due_on=d, amount_fen=a) for d, a in instalments]
        return grpc_cases.caller().AgreeSettlement(pb.AgreeSettlementRequest(
            case=ref(number), instalments=plan)).case

    def test_case_is_settled_with_its_instalments_when_agreed(self, grpc_cases):
        number = grpc_cases.assigned()
        case = self.agree(grpc_cases, number, ("2026-04-01", 500_000), ("2026-05-01", 500_100))
        assert (case.status, case.settlement.state) == ("settled", "running")
        assert [i.amount_fen for i in case.settlement.instalments] == [500_000, 500_100]

    def test_invalid_argument_names_the_instalment_when_out_of_order(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.agree(grpc_cases, number, ("2026-05-01", 1),
                                           ("2026-04-01", 1)))
        assert error.code() == INVALID and "instalments[1].due_on" in error.details()

    def test_invalid_argument_names_the_instalment_when_its_date_is_bad(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.agree(grpc_cases, number, ("soon", 1)))
        assert error.code() == INVALID and "instalments[0].due_on" in error.details()

    def test_enforcement_resumes_when_the_debtor_defaults(self, grpc_cases):
        number = grpc_cases.assigned()
        self.agree(grpc_cases, number, ("2026-04-01", 100))
        case = grpc_cases.caller().RecordSettlementDefault(
            pb.RecordSettlementDefaultRequest(case=ref(number))).case
        assert (case.status, case.settlement.state) == ("executing", "defaulted")

    def test_case_closes_as_executed_when_the_team_records_performance(self, grpc_cases):
        number = grpc_cases.assigned()
        self.agree(grpc_cases, number, ("2026-04-01", 100))
        case = grpc_cases.caller().PerformSettlement(
            pb.PerformSettlementRequest(case=ref(number))).case
        assert (case.status, case.closure, case.settlement.state) == (
            "closed", "executed_in_full", "performed")

    def test_permission_denied_and_audited_when_another_team_records_performance(
            self, grpc_cases):
        number = grpc_cases.assigned()
        self.agree(grpc_cases, number, ("2026-04-01", 100))
        outsider = grpc_cases.caller(team=OTHER_TEAM)
        error = refused(lambda: outsider.PerformSettlement(
            pb.PerformSettlementRequest(case=ref(number))))
        assert error.code() == DENIED and "R46" in error.details()
        assert [e.outcome for e in grpc_cases.audit("PerformSettlement")] == ["denied"]
