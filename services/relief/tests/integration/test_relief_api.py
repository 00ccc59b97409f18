"""ReliefService over in-process gRPC, built by its bootstrap: the life of an application
taken step by step by the roles R31 names, refusals naming the rule and the figures with
their status codes, and hardship facts read only with a purpose, audited (R46)."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from testkit.assets import drain
from zhixing.contracts.pb.relief.v1 import relief_pb2 as pb

from .api_support import (
    APPLICANT_ID,
    APPLICANT_NAME,
    CAP_FEN,
    CASE_ID,
    CASE_NUMBER,
    NARRATIVE,
    WAGE_FEN,
    Relief,
    relief_served,
)

UNKNOWN = "00000000-0000-4000-8000-000000000999"


@pytest.fixture
def relief(tmp_path) -> Iterator[Relief]:
    with relief_served(tmp_path) as served:
        yield served


def refused(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as error:
        call()
    return error.value


class TestTheLife:
    def test_the_applicant_is_paid_and_notified_when_each_step_is_taken_by_its_role(
            self, relief):
        relief.enter_wage()
        relief.credit(1_000_000_00)
        relief.call("NotifyRight", pb.NotifyRightRequest(case_ref=CASE_NUMBER, party_index=0))
        applied = relief.apply(50_000_00)
        assert (applied.relief_case_number, applied.status) == ("(2026)川0104司救执1号", "applied")
        assert applied.case_number == CASE_NUMBER
        # R31: 10 working days counted from the day after the complete application.
        assert (applied.applied_on, applied.decide_by) == ("2026-03-02", "2026-03-16")
        key = applied.application_id
        relief.call("Review", pb.ReviewRequest(application_id=key, proposed_fen=50_000_00,
                                               opinion="符合救助条件"))
        approved = relief.approve(key, 50_000_00, reviewed=True)
        assert (approved.status, approved.amount_fen, approved.fund_year) == (
            "approved", 50_000_00, 2026)
        fund = relief.call("GetFund", pb.GetFundRequest(), role="finance").fund
        assert (fund.reserved_fen, fund.available_fen) == (50_000_00, 950_000_00)
        paid = relief.call("Disburse", pb.DisburseRequest(application_id=key),
                           role="finance").application
        assert (paid.status, paid.notify_by, paid.outstanding_fen) == (
            "disbursed", "2026-03-04", 50_000_00)
        done = relief.call("RecordNotified", pb.RecordNotifiedRequest(application_id=key),
                           role="finance").application
        assert (done.status, done.notified_on) == ("notified", "2026-03-02")
        fund = relief.call("GetFund", pb.GetFundRequest(), role="finance")
        assert (fund.fund.balance_fen, fund.fund.disbursed_fen, fund.fund.reserved_fen) == (
            950_000_00, 50_000_00, 0)
        assert [m.kind for m in fund.ledger] == ["appropriated", "reserved", "disbursed"]

    def test_the_list_and_the_report_show_it_when_the_service_followed_its_events(
            self, relief):
        relief.enter_wage()
        relief.credit(1_000_000_00)
        key = relief.apply(50_000_00).application_id
        relief.approve(key, 40_000_00)
        relief.call("Disburse", pb.DisburseRequest(application_id=key), role="finance")
        drain(relief.instance)
        listed = relief.call("ListApplications", pb.ListApplicationsRequest()).applications
        assert [(a.application_id, a.status, a.amount_fen) for a in listed] == [
            (key, "disbursed", 40_000_00)]
        answer = relief.call("GetReport", pb.GetReportRequest(year=2026, csv=True),
                             role="president")
        report = answer.report
        assert (report.appropriated_fen, report.disbursed_fen, report.balance_fen) == (
            1_000_000_00, 40_000_00, 960_000_00)
        assert (report.applied, report.approved, report.disbursed) == (1, 1, 1)
        assert answer.csv.count("\n") >= 2


class TestMoneyBack:
    """R32: a reservation released on withdrawal; relief obtained by fraud revoked and
    followed until repaid."""

    def test_the_reservation_is_released_when_the_applicant_withdraws(self, relief):
        relief.enter_wage()
        relief.credit(100_000_00)
        key = relief.apply(50_000_00).application_id
        relief.approve(key, 50_000_00)
        withdrawn = relief.call("Withdraw", pb.WithdrawRequest(application_id=key)).application
        fund = relief.call("GetFund", pb.GetFundRequest(), role="finance")
        assert withdrawn.status == "withdrawn"
        assert (fund.fund.reserved_fen, fund.fund.available_fen) == (0, 100_000_00)
        assert [m.kind for m in fund.ledger][-1] == "released"

    def test_the_fund_is_credited_when_a_revoked_reliefs_repayment_is_recorded(self, relief):
        relief.enter_wage()
        relief.credit(100_000_00)
        key = relief.apply(50_000_00).application_id
        relief.approve(key, 50_000_00)
        relief.call("Disburse", pb.DisburseRequest(application_id=key), role="finance")
        revoked = relief.call("Revoke", pb.RevokeRequest(
            application_id=key, reason="伪造病历骗取救助金"), role="president").application
        assert (revoked.status, revoked.outstanding_fen) == ("revoked", 50_000_00)
        request = pb.RecordRepaymentRequest(application_id=key, recovery_id="追-1",
                                            amount_fen=20_000_00)
        for _ in range(2):  # the same recovery twice is booked once
            repaid = relief.call("RecordRepayment", request, role="finance").application
        assert repaid.outstanding_fen == 30_000_00
        fund = relief.call("GetFund", pb.GetFundRequest(), role="finance")
        assert fund.fund.balance_fen == 70_000_00
        assert [m.kind for m in fund.ledger][-1] == "recovered"


class TestRefusals:
    """Refusals name the rule and the figures (money in yuan), with their status code."""

    def test_failed_precondition_naming_r30_and_the_cap_when_one_fen_above_it(self, relief):
        relief.enter_wage()
        relief.credit(1_000_000_00)
        key = relief.apply(300_000_00).application_id
        error = refused(lambda: relief.approve(key, CAP_FEN + 1))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "R30" in error.details() and "288,000.00" in error.details()

    def test_approved_above_the_cap_when_an_exceptional_decision_is_recorded(self, relief):
        relief.enter_wage()
        relief.credit(1_000_000_00)
        key = relief.apply(300_000_00).application_id
        approved = relief.approve(key, 300_000_00, reasons="重大疾病，医疗费用远超上限")
        assert (approved.status, approved.exceptional) == ("approved", True)
        shown = relief.call("GetApplication", pb.GetApplicationRequest(
            application_id=key)).application
        assert (shown.wage_year, shown.monthly_wage_fen, shown.cap_fen) == (
            2025, WAGE_FEN, CAP_FEN)  # R30: what the exception went above

    def test_failed_precondition_naming_r30_when_above_the_unpaid_claim_even_exceptionally(
            self, relief):
        relief.enter_wage()
        relief.credit(1_000_000_00)
        key = relief.apply(400_000_00).application_id
        error = refused(lambda: relief.approve(key, 400_000_01, reasons="特殊情况"))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "R30" in error.details() and "400,000.00" in error.details()

    def test_failed_precondition_naming_r30_and_the_missing_entry_when_no_wage_entered(
            self, relief):
        relief.credit(1_000_000_00)
        key = relief.apply(50_000_00).application_id
        error = refused(lambda: relief.approve(key, 50_000_00))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "R30" in error.details() and "川" in error.details()
        assert "2025" in error.details()

    def test_failed_precondition_naming_r32_and_the_balance_when_the_fund_cannot_pay(
            self, relief):
        relief.enter_wage()
        relief.credit(10_000_00)
        key = relief.apply(50_000_00).application_id
        error = refused(lambda: relief.approve(key, 50_000_00))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "R32" in error.details() and "10,000.00" in error.details()

    def test_failed_precondition_naming_r29_when_another_organ_paid(self, relief):
        error = refused(lambda: relief.apply(50_000_00, other_organ_paid=True))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "R29" in error.details()

    def test_failed_precondition_naming_r31_when_paid_before_approval(self, relief):
        key = relief.apply(50_000_00).application_id
        error = refused(lambda: relief.call("Disburse", pb.DisburseRequest(application_id=key),
                                            role="finance"))
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "R31" in error.details()

    def test_the_rejection_states_its_rule_when_the_committee_refuses(self, relief):
        key = relief.apply(50_000_00).application_id
        rejected = relief.call("Reject", pb.RejectRequest(
            application_id=key, rule="R29", reason="被执行人有财产可供执行"),
            role="relief_committee").application
        assert (rejected.status, rejected.rejection_rule) == ("rejected", "R29")

    def test_not_found_as_an_unknown_id_when_another_court_asks(self, relief):
        key = relief.apply(50_000_00).application_id
        answers = []
        for application_id in (key, UNKNOWN):
            error = refused(lambda a=application_id: relief.call(
                "GetApplication", pb.GetApplicationRequest(application_id=a),
                role="judge", court="渝0103"))
            answers.append((error.code(), error.details()))
        assert answers[0] == answers[1]
        assert answers[0][0] == grpc.StatusCode.NOT_FOUND

    @pytest.mark.parametrize(("method", "role"), [
        ("Approve", "officer"), ("Disburse", "judge"), ("Review", "finance"),
        ("ReadHardship", "finance"), ("Revoke", "officer")])
    def test_permission_denied_when_the_step_is_not_the_roles(self, relief, method, role):
        key = relief.apply(50_000_00).application_id
        request = getattr(pb, f"{method}Request")(application_id=key)
        error = refused(lambda: relief.call(method, request, role=role))
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED
        assert "R46" in error.details()

    def test_permission_denied_when_finance_applies(self, relief):
        error = refused(lambda: relief.call("Apply", pb.ApplyRequest(
            case_ref=CASE_ID, party_index=0, requested_fen=1_00, hardship_category="medical",
            narrative="x"), role="finance"))
        assert error.code() == grpc.StatusCode.PERMISSION_DENIED

    def test_invalid_argument_naming_the_field_and_bound_when_the_narrative_is_a_book(
            self, relief):
        error = refused(lambda: relief.apply(50_000_00, narrative="困" * 2001))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "narrative" in error.details() and "2000" in error.details()
        assert "困困" not in error.details()


class TestHardshipFacts:
    """R46: sensitive personal information, read only with a purpose, every read audited."""

    def test_the_read_is_audited_with_who_why_and_when_when_a_purpose_is_given(self, relief):
        key = relief.apply(50_000_00).application_id
        facts = relief.call("ReadHardship", pb.ReadHardshipRequest(
            application_id=key, purpose="合议审查困难情况"), role="judge", user="judge-7")
        assert (facts.category, facts.narrative) == ("medical", NARRATIVE)
        reads = [e for e in relief.audit() if e.action.endswith("/ReadHardship")]
        assert len(reads) == 1
        read = reads[0]
        assert (read.actor, read.role, read.court, read.outcome) == (
            "judge-7", "judge", "川0104", "ok")
        assert "合议审查困难情况" in read.reason and read.target == "(2026)川0104司救执1号"
        assert read.at.startswith("20")

    def test_invalid_argument_naming_r46_and_nothing_read_when_no_purpose_is_given(
            self, relief):
        key = relief.apply(50_000_00).application_id
        error = refused(lambda: relief.call("ReadHardship", pb.ReadHardshipRequest(
            application_id=key, purpose="  "), role="judge"))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "R46" in error.details() and "purpose" in error.details()
        assert not [e for e in relief.audit()
                    if e.action.endswith("/ReadHardship") and e.outcome == "ok"]

    def test_get_application_never_holds_the_facts_when_read_by_the_court(self, relief):
        key = relief.apply(50_000_00).application_id
        answer = relief.call("GetApplication", pb.GetApplicationRequest(application_id=key),
                             role="supervisor")
        wire = answer.SerializeToString().decode("utf-8", errors="ignore")
        assert answer.application.application_id == key
        assert NARRATIVE not in wire and "medical" not in wire
        assert APPLICANT_NAME not in wire and APPLICANT_ID not in wire

    def test_the_audit_log_holds_no_facts_when_the_application_is_filed_and_read(self, relief):
        key = relief.apply(50_000_00).application_id
        relief.call("ReadHardship", pb.ReadHardshipRequest(application_id=key, purpose="审查"),
                    role="president")
        logged = " ".join(f"{e.target} {e.reason}" for e in relief.audit())
        assert "司法救助申请" in logged
        assert NARRATIVE not in logged and APPLICANT_NAME not in logged

    @pytest.mark.parametrize("purpose", ["x", "审\x1b[2J查", "复核\x00"])
    def test_invalid_argument_naming_r46_and_nothing_read_when_the_purpose_states_none(
            self, relief, purpose):
        key = relief.apply(50_000_00).application_id
        error = refused(lambda: relief.call("ReadHardship", pb.ReadHardshipRequest(
            application_id=key, purpose=purpose), role="judge"))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "R46" in error.details() and "[purpose]" in error.details()
        assert "\x1b" not in error.details() and "\x00" not in error.details()
        assert not [e for e in relief.audit() if e.action.endswith("/ReadHardship")]

    def test_an_identity_number_in_the_purpose_is_kept_masked_when_the_read_is_audited(
            self, relief):
        key = relief.apply(50_000_00).application_id
        relief.call("ReadHardship", pb.ReadHardshipRequest(
            application_id=key, purpose=f"核实申请人{APPLICANT_ID}的困难情况"), role="judge")
        [read] = [e for e in relief.audit() if e.action.endswith("/ReadHardship")]
        assert APPLICANT_ID not in read.reason and APPLICANT_ID[:8] not in read.reason
        assert "核实申请人" in read.reason and APPLICANT_ID[-4:] in read.reason

    def test_not_found_and_no_read_recorded_when_another_courts_judge_asks(self, relief):
        key = relief.apply(50_000_00).application_id
        error = refused(lambda: relief.call("ReadHardship", pb.ReadHardshipRequest(
            application_id=key, purpose="合议审查困难情况"), role="judge", court="渝0103"))
        assert error.code() == grpc.StatusCode.NOT_FOUND
        assert NARRATIVE not in error.details()
        reads = [e for e in relief.audit() if e.action.endswith("/ReadHardship")]
        assert [(e.court, e.outcome) for e in reads] == [("渝0103", "denied")]
        assert "合议审查困难情况" not in reads[0].reason


class TestRequestBounds:
    """Dates, years and tokens outside what the service keeps are bad input naming the
    field and the bound — never INTERNAL (a deadline counted from 9999-12-31 overflowed),
    never a fund of the year 1."""

    @pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "20260302", "2026-W10-1"])
    def test_invalid_argument_naming_the_date_and_its_bound_when_applied_on_is_absurd(
            self, relief, day):
        error = refused(lambda: relief.apply(50_000_00, applied_on=day))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "[applied_on]" in error.details()
        assert not relief.call("ListApplications", pb.ListApplicationsRequest()).applications

    def test_invalid_argument_naming_the_date_when_paid_on_9999_12_31(self, relief):
        relief.enter_wage()
        relief.credit(1_000_000_00)
        key = relief.apply(50_000_00).application_id
        relief.approve(key, 50_000_00)
        error = refused(lambda: relief.call("Disburse", pb.DisburseRequest(
            application_id=key, disbursed_on="9999-12-31"), role="finance"))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "[disbursed_on]" in error.details() and "2100-12-31" in error.details()

    @pytest.mark.parametrize(("year", "on"), [(-3, ""), (9999, ""), (0, "0001-01-01")])
    def test_invalid_argument_and_no_fund_opened_when_the_year_is_outside_the_kept_years(
            self, relief, year, on):
        error = refused(lambda: relief.call("CreditFund", pb.CreditFundRequest(
            kind="donation", entry_id="d-1", document_number="捐赠协议 1 号", amount_fen=100,
            year=year, credited_on=on), role="finance"))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "[year]" in error.details() or "[credited_on]" in error.details()
        assert relief.call("GetFund", pb.GetFundRequest(), role="finance").fund.income_fen == 0

    @pytest.mark.parametrize("method", ["GetFund", "GetReport"])
    def test_invalid_argument_naming_the_year_when_a_read_asks_for_the_year_9999(
            self, relief, method):
        request = getattr(pb, f"{method}Request")(year=9999)
        error = refused(lambda: relief.call(method, request, role="finance"))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "[year]" in error.details() and "2100" in error.details()

    def test_invalid_argument_naming_the_token_when_it_is_forty_digits(self, relief):
        error = refused(lambda: relief.call("ListApplications", pb.ListApplicationsRequest(
            page_token="9" * 40)))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "[page_token]" in error.details()

    @pytest.mark.parametrize(("method", "field", "request_of"), [
        ("Apply", "narrative", lambda key: pb.ApplyRequest(
            case_ref=CASE_ID, party_index=0, requested_fen=1_00, hardship_category="medical",
            narrative="申请人患病\x1b]0;owned\x07\x1b[2J")),
        ("CreditFund", "document_number", lambda key: pb.CreditFundRequest(
            kind="donation", entry_id="d-1", document_number="捐\x1b[31m1号", amount_fen=100)),
        ("CreditFund", "entry_id", lambda key: pb.CreditFundRequest(
            kind="donation", entry_id="d\x00-1", document_number="捐1号", amount_fen=100)),
        ("Review", "opinion", lambda key: pb.ReviewRequest(
            application_id=key, proposed_fen=100, opinion="同意\u202e救助")),
        ("Reject", "reason", lambda key: pb.RejectRequest(
            application_id=key, rule="R29", reason="有财产\x1b[8m")),
    ])
    def test_invalid_argument_naming_the_field_when_a_text_holds_control_characters(
            self, relief, method, field, request_of):
        key = relief.apply(50_000_00).application_id if method != "Apply" else ""
        role = {"CreditFund": "finance", "Reject": "relief_committee"}.get(method, "officer")
        error = refused(lambda: relief.call(method, request_of(key), role=role))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert f"[{field}]" in error.details() and "\x1b" not in error.details()

    def test_line_breaks_and_rare_characters_are_kept_when_the_narrative_has_them(
            self, relief):
        # A private-use character (a 生僻字 as some input methods type it) and one newer
        # than Python's Unicode tables (CJK Extension I) are text, not controls.
        narrative = "第一段。\n\t第二段：\ue815\U0002ebf0。"
        key = relief.apply(50_000_00, narrative=narrative).application_id
        facts = relief.call("ReadHardship", pb.ReadHardshipRequest(
            application_id=key, purpose="审查"), role="judge")
        assert facts.narrative == narrative

    def test_the_province_is_not_echoed_whole_when_no_wage_is_found_for_it(self, relief):
        error = refused(lambda: relief.call("GetWage", pb.GetWageRequest(
            province=f"\x1b[2J{APPLICANT_ID}", year=2025)))
        assert error.code() == grpc.StatusCode.NOT_FOUND and "R30" in error.details()
        assert APPLICANT_ID not in error.details() and "\x1b" not in error.details()

    def test_the_audit_log_keeps_no_identity_number_when_a_rejection_names_one_as_its_rule(
            self, relief):
        key = relief.apply(50_000_00).application_id
        error = refused(lambda: relief.call("Reject", pb.RejectRequest(
            application_id=key, rule=APPLICANT_ID, reason="不符合条件"),
            role="relief_committee"))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT and "[rule]" in error.details()
        logged = " ".join(e.reason for e in relief.audit() if e.action.endswith("/Reject"))
        assert "不予救助" in logged and APPLICANT_ID not in logged
