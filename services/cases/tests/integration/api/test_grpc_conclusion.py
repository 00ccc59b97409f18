"""CasesService, the acts that end or escalate a case: the 终本 checklist and 终本 (R16–R18),
恢复执行, 结案 (R28), 执行转破产 (R45), 委托执行, sanctions and 拒执 referrals (R44) —
most of them for the assigned team or the bench only (R46)."""

from __future__ import annotations

import grpc
import pytest

from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb

from .conftest import OTHER_COURT, OTHER_TEAM, ref, refused

INVALID, DENIED = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.PERMISSION_DENIED
PRECONDITION = grpc.StatusCode.FAILED_PRECONDITION


@pytest.fixture
def ready(grpc_cases):
    """An assigned case meeting every precondition of 终本 once three months have passed."""
    number = grpc_cases.assigned()
    grpc_cases.ready_for_conclusion(number)
    return number


def conclude(grpc_cases, number, **caller):
    return grpc_cases.caller(**caller).ConcludeCase(pb.ConcludeCaseRequest(case=ref(number)))


class TestCheckConclusion:
    def test_lists_every_unmet_precondition_by_rule_when_the_case_is_young(self, grpc_cases):
        number = grpc_cases.assigned()
        checklist = grpc_cases.caller().CheckConclusion(
            pb.CheckConclusionRequest(case=ref(number)))
        rules = {item.rule for item in checklist.unmet}
        assert {"R16(1)", "R16(2)", "R16(3)", "R16(4)", "R17"} <= rules
        assert not checklist.may_conclude

    def test_only_time_is_missing_when_everything_else_was_done(self, grpc_cases, ready):
        checklist = grpc_cases.caller().CheckConclusion(pb.CheckConclusionRequest(case=ref(ready)))
        assert [item.rule for item in checklist.unmet] == ["R16(4)"]
        assert "2026-06-03" in checklist.unmet[0].text

    def test_may_conclude_when_more_than_three_months_have_passed(self, grpc_cases, ready):
        grpc_cases.travel(days=100)
        checklist = grpc_cases.caller().CheckConclusion(pb.CheckConclusionRequest(case=ref(ready)))
        assert (list(checklist.unmet), checklist.may_conclude) == ([], True)

    def test_not_found_when_a_supervisor_of_another_court_asks(self, grpc_cases, ready):
        supervisor = grpc_cases.caller(role="supervisor", court=OTHER_COURT)
        error = refused(lambda: supervisor.CheckConclusion(
            pb.CheckConclusionRequest(case=ref(ready))))
        assert error.code() == grpc.StatusCode.NOT_FOUND


class TestConcludeCase:
    def test_failed_precondition_names_r16_4_and_r17_when_too_early_and_no_interview(
            self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: conclude(grpc_cases, number))
        assert error.code() == PRECONDITION
        assert "R16(4)" in error.details() and "R17" in error.details()
        [entry] = grpc_cases.audit("ConcludeCase")
        assert (entry.outcome, entry.target) == ("refused", number)

    def test_concluded_with_ten_requery_dates_when_the_team_concludes_in_time(
            self, grpc_cases, ready):
        grpc_cases.travel(days=100)
        case = conclude(grpc_cases, ready).case
        assert (case.status, case.concluded_on) == ("concluded", "2026-06-10")
        assert len(case.requery_dates) == 10 and case.requery_dates[0] == "2026-12-10"
        assert all(node.done_on for node in case.nodes)

    def test_a_judge_of_the_court_concludes_any_teams_case(self, grpc_cases, ready):
        grpc_cases.travel(days=100)
        case = conclude(grpc_cases, ready, role="judge", team="").case
        assert case.status == "concluded"

    def test_permission_denied_and_audited_when_an_officer_of_another_team_concludes(
            self, grpc_cases, ready):
        grpc_cases.travel(days=100)
        error = refused(lambda: conclude(grpc_cases, ready, team=OTHER_TEAM))
        assert error.code() == DENIED and "R46" in error.details()
        [entry] = grpc_cases.audit("ConcludeCase")
        assert (entry.outcome, entry.target) == ("denied", ready)
        assert grpc_cases.case(ready).status == "executing"

    def test_not_found_when_an_officer_of_another_court_concludes(self, grpc_cases,
                                                                          ready):
        error = refused(lambda: conclude(grpc_cases, ready, court=OTHER_COURT))
        assert error.code() == grpc.StatusCode.NOT_FOUND


class TestResumeCase:
    def test_a_linked_resumption_case_is_filed_when_a_concluded_case_resumes(
            self, grpc_cases, ready):
        grpc_cases.travel(days=100)
        conclude(grpc_cases, ready)
        resumed = grpc_cases.caller().ResumeCase(pb.ResumeCaseRequest(case=ref(ready)))
        assert (resumed.case.case_type, resumed.case.link_kind, resumed.original_case_number) == (
            "执恢", "resumes", ready)
        assert resumed.case.linked_case_id == str(grpc_cases.case_id(ready))
        assert grpc_cases.case(ready).resumed_as_case_number == resumed.case.case_number

    def test_invalid_argument_names_reason_when_it_is_unknown(self, grpc_cases, ready):
        grpc_cases.travel(days=100)
        conclude(grpc_cases, ready)
        error = refused(lambda: grpc_cases.caller().ResumeCase(
            pb.ResumeCaseRequest(case=ref(ready), reason="whim")))
        assert error.code() == INVALID and "reason" in error.details()

    def test_failed_precondition_when_the_case_was_never_concluded(self, grpc_cases, ready):
        error = refused(lambda: grpc_cases.caller().ResumeCase(
            pb.ResumeCaseRequest(case=ref(ready))))
        assert error.code() == PRECONDITION


class TestCloseCase:
    def close(self, grpc_cases, number, closure, **caller):
        return grpc_cases.caller(**caller).CloseCase(pb.CloseCaseRequest(
            case=ref(number), closure=closure)).case

    def test_case_is_closed_when_the_applicant_withdraws(self, grpc_cases):
        number = grpc_cases.assigned()
        case = self.close(grpc_cases, number, "withdrawn")
        assert (case.status, case.closure, case.closure_label) == ("closed", "withdrawn", "撤回申请")

    def test_failed_precondition_names_r28_when_closed_as_executed_without_the_money(
            self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.close(grpc_cases, number, "executed_in_full"))
        assert error.code() == PRECONDITION and "R28" in error.details()

    def test_permission_denied_and_audited_when_another_team_closes(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.close(grpc_cases, number, "withdrawn", team=OTHER_TEAM))
        assert error.code() == DENIED
        assert [e.outcome for e in grpc_cases.audit("CloseCase")] == ["denied"]


class TestTransferToBankruptcy:
    def test_case_closes_as_bankruptcy_when_a_party_consents(self, grpc_cases):
        number = grpc_cases.assigned()
        case = grpc_cases.caller().TransferToBankruptcy(pb.TransferToBankruptcyRequest(
            case=ref(number), consent_of="applicant")).case
        assert (case.status, case.closure) == ("closed", "bankruptcy")

    def test_invalid_argument_names_r45_when_no_party_consented(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: grpc_cases.caller().TransferToBankruptcy(
            pb.TransferToBankruptcyRequest(case=ref(number), consent_of="")))
        assert error.code() == INVALID
        assert "R45" in error.details() and "consent_of" in error.details()

    def test_permission_denied_when_another_team_transfers(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: grpc_cases.caller(team=OTHER_TEAM).TransferToBankruptcy(
            pb.TransferToBankruptcyRequest(case=ref(number), consent_of="applicant")))
        assert error.code() == DENIED


class TestDelegateCase:
    def delegate(self, grpc_cases, number, to_court, **caller):
        return grpc_cases.caller(**caller).DelegateCase(pb.DelegateCaseRequest(
            case=ref(number), to_court=to_court)).case

    def test_case_closes_as_delegated_when_sent_to_another_court(self, grpc_cases):
        number = grpc_cases.assigned()
        case = self.delegate(grpc_cases, number, OTHER_COURT)
        assert (case.closure, case.delegation.to_court, case.delegation.delegated_on) == (
            "delegated", OTHER_COURT, "2026-03-02")

    def test_invalid_argument_names_to_court_when_the_court_is_unknown(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.delegate(grpc_cases, number, "川9999"))
        assert error.code() == INVALID and "to_court" in error.details()

    def test_permission_denied_and_audited_when_another_team_delegates(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.delegate(grpc_cases, number, OTHER_COURT, team=OTHER_TEAM))
        assert error.code() == DENIED
        assert [e.outcome for e in grpc_cases.audit("DelegateCase")] == ["denied"]


class TestDecideSanction:
    def sanction(self, grpc_cases, number, kind="fine", amount_fen=0, days=0, **caller):
        return grpc_cases.caller(**caller).DecideSanction(pb.DecideSanctionRequest(
            case=ref(number), kind=kind, amount_fen=amount_fen, days=days,
            document_number="(2026)川0104执1号决定书"))

    def test_a_fine_is_recorded_when_the_team_decides_it(self, grpc_cases):
        number = grpc_cases.assigned()
        decided = self.sanction(grpc_cases, number, amount_fen=5_000_000)
        assert [(s.sanction_id, s.kind, s.amount_fen) for s in decided.case.sanctions] == [
            (decided.sanction_id, "fine", 5_000_000)]

    def test_invalid_argument_names_days_when_detention_exceeds_fifteen_days(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.sanction(grpc_cases, number, kind="detention", days=16))
        assert error.code() == INVALID and "days" in error.details()

    def test_permission_denied_and_audited_when_another_team_sanctions(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.sanction(grpc_cases, number, amount_fen=100,
                                              team=OTHER_TEAM))
        assert error.code() == DENIED and "R46" in error.details()
        assert [e.outcome for e in grpc_cases.audit("DecideSanction")] == ["denied"]


class TestRefusalReferrals:
    def refer(self, grpc_cases, number, **caller):
        return grpc_cases.caller(**caller).ReferRefusal(pb.ReferRefusalRequest(
            case=ref(number), document_number="移送书1号", decided_on="2026-03-02")).referral

    def advance(self, grpc_cases, referral_id, stage, decided_on="2026-03-20", **caller):
        return grpc_cases.caller(**caller).AdvanceReferral(pb.AdvanceReferralRequest(
            referral_id=referral_id, stage=stage, document_number="立案决定书",
            decided_on=decided_on)).referral

    def test_each_hand_off_is_kept_when_the_police_open_a_case(self, grpc_cases):
        number = grpc_cases.assigned()
        referral = self.refer(grpc_cases, number)
        self.advance(grpc_cases, referral.referral_id, "police_filed")
        read = grpc_cases.caller(role="supervisor").GetReferral(
            pb.GetReferralRequest(referral_id=referral.referral_id)).referral
        assert (read.case_number, read.stage) == (number, "police_filed")
        assert [s.label for s in read.history] == ["移送公安机关", "公安机关立案"]

    def test_failed_precondition_names_r44_when_a_stage_is_skipped(self, grpc_cases):
        number = grpc_cases.assigned()
        referral = self.refer(grpc_cases, number)
        error = refused(lambda: self.advance(grpc_cases, referral.referral_id, "judged"))
        assert error.code() == PRECONDITION
        assert "R44" in error.details() and "stage" in error.details()

    def test_invalid_argument_names_decided_on_when_it_is_not_a_date(self, grpc_cases):
        number = grpc_cases.assigned()
        referral = self.refer(grpc_cases, number)
        error = refused(lambda: self.advance(grpc_cases, referral.referral_id, "police_filed",
                                             decided_on="yesterday"))
        assert error.code() == INVALID and "decided_on" in error.details()

    def test_invalid_argument_names_referral_id_when_it_is_not_a_uuid(self, grpc_cases):
        error = refused(lambda: grpc_cases.caller().GetReferral(
            pb.GetReferralRequest(referral_id="42")))
        assert error.code() == INVALID and "referral_id" in error.details()

    def test_permission_denied_and_audited_when_another_team_refers(self, grpc_cases):
        number = grpc_cases.assigned()
        error = refused(lambda: self.refer(grpc_cases, number, team=OTHER_TEAM))
        assert error.code() == DENIED
        assert [e.outcome for e in grpc_cases.audit("ReferRefusal")] == ["denied"]

    def test_permission_denied_when_another_team_advances_the_referral(self, grpc_cases):
        number = grpc_cases.assigned()
        referral = self.refer(grpc_cases, number)
        error = refused(lambda: self.advance(grpc_cases, referral.referral_id, "police_filed",
                                             team=OTHER_TEAM))
        assert error.code() == DENIED
        assert [e.outcome for e in grpc_cases.audit("AdvanceReferral")] == ["denied"]

    def test_not_found_when_another_court_reads_the_referral(self, grpc_cases):
        number = grpc_cases.assigned()
        referral = self.refer(grpc_cases, number)
        error = refused(lambda: grpc_cases.caller(court=OTHER_COURT).GetReferral(
            pb.GetReferralRequest(referral_id=referral.referral_id)))
        assert error.code() == grpc.StatusCode.NOT_FOUND
