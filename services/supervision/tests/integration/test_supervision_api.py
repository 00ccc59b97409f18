"""SupervisionService over in-process gRPC, built by its bootstrap: who may read what
(R46, R39 — congress aggregates only, a procurator the cases its matters name, the
interference register the president and discipline only, with a purpose), another
court's things answered as unknown ones, bounds refused naming the field and the bound,
and every case-level read audited."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb

from .api_support import (
    ASKED,
    COURT,
    NAMED,
    OFFICIAL,
    OTHER_COURT,
    UNKNOWN,
    UNNAMED,
    Supervision,
    supervision_served,
)

PERIOD = {"from_month": "2026-01", "to_month": "2026-03"}


@pytest.fixture
def supervision(tmp_path) -> Iterator[Supervision]:
    with supervision_served(tmp_path) as served:
        yield served


def refused(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as error:
        call()
    return error.value


def drilled(supervision: Supervision, role: str, figure: str = "received") -> list[str]:
    cases = supervision.call("DrillDown", pb.DrillDownRequest(figure=figure, **PERIOD),
                             role=role).cases
    return sorted(row.case_number for row in cases)


class TestFigures:
    def test_congress_gets_the_figures_month_by_month_with_the_total(self, supervision):
        answer = supervision.call("GetKpis", pb.GetKpisRequest(**PERIOD), role="congress")
        assert [row.month for row in answer.rows] == ["2026-01", "2026-02", "2026-03"]
        assert (answer.rows[0].received, answer.total.received) == (2, 2)
        assert answer.total.overdue_nodes == 1

    def test_congress_is_refused_the_cases_behind_a_figure(self, supervision):
        error = refused(lambda: drilled(supervision, "congress"))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED
        assert "R46" in error.details()

    def test_court_staff_see_every_case_of_their_scope_behind_a_figure(self, supervision):
        assert drilled(supervision, "supervisor") == sorted([NAMED[1], UNNAMED[1]])

    def test_a_procurator_sees_only_the_cases_its_matters_name(self, supervision):
        assert drilled(supervision, "procurator") == []
        supervision.receive_matter(NAMED)
        assert drilled(supervision, "procurator") == [NAMED[1]]

    def test_a_region_is_read_court_by_court_by_a_caller_of_the_province(self, supervision):
        answer = supervision.call("GetKpis", pb.GetKpisRequest(region="川", **PERIOD),
                                  court="川")
        assert [(row.court_code, row.received) for row in answer.rows] == [(COURT, 2)]

    def test_permission_denied_naming_the_court_when_the_region_is_beyond_the_callers(
            self, supervision):
        error = refused(lambda: supervision.call(
            "GetKpis", pb.GetKpisRequest(region="成渝", **PERIOD), court="川"))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED
        assert "court" in error.details() and OTHER_COURT not in error.details()

    def test_invalid_argument_naming_to_month_when_a_query_spans_61_months(self, supervision):
        error = refused(lambda: supervision.call("GetKpis", pb.GetKpisRequest(
            from_month="2021-01", to_month="2026-01"), role="congress"))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "to_month" in error.details() and "60 months" in error.details()


class TestAlerts:
    def test_the_overdue_node_is_an_alert_with_its_rule_when_listed(self, supervision):
        alert = supervision.the_alert()
        assert (alert.kind, alert.rule, alert.subject, alert.status, alert.due_on) == (
            "node_overdue", "R27", "notice", "open", "2026-01-15")

    def test_another_courts_alert_is_answered_exactly_as_an_unknown_one(self, supervision):
        alert = supervision.the_alert()
        seen = refused(lambda: supervision.call(
            "GetAlert", pb.GetAlertRequest(alert_id=alert.alert_id), court=OTHER_COURT))
        unseen = refused(lambda: supervision.call(
            "GetAlert", pb.GetAlertRequest(alert_id=UNKNOWN), court=OTHER_COURT))
        assert seen.code() is unseen.code() is grpc.StatusCode.NOT_FOUND
        assert seen.details() == unseen.details() and COURT not in seen.details()

    def test_a_caller_of_the_province_reads_the_alert_with_its_timeline(self, supervision):
        alert = supervision.the_alert()
        shown = supervision.call("GetAlert", pb.GetAlertRequest(alert_id=alert.alert_id),
                                 court="川").alert
        assert [step.what for step in shown.timeline] == ["raised"]

    def test_the_alert_closes_by_hand_with_its_reason_in_the_timeline(self, supervision):
        alert = supervision.the_alert()
        supervision.call("AcknowledgeAlert", pb.AcknowledgeAlertRequest(
            alert_id=alert.alert_id, note="今日送达"), role="officer")
        closed = supervision.call("CloseAlert", pb.CloseAlertRequest(
            alert_id=alert.alert_id, reason="已补正送达"), role="president").alert
        assert closed.status == "closed"
        assert [(s.what, s.note) for s in closed.timeline][1:] == [
            ("acknowledged", "今日送达"), ("closed", "已补正送达")]

    def test_an_officer_may_not_close_an_alert_by_hand(self, supervision):
        alert = supervision.the_alert()
        error = refused(lambda: supervision.call("CloseAlert", pb.CloseAlertRequest(
            alert_id=alert.alert_id, reason="x"), role="officer"))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED

    def test_every_read_of_an_alert_is_audited_with_its_case(self, supervision):
        alert = supervision.the_alert()
        supervision.call("GetAlert", pb.GetAlertRequest(alert_id=alert.alert_id))
        rows = [e for e in supervision.audit() if e.action.endswith("/GetAlert")]
        assert [(e.actor, e.target, e.outcome) for e in rows] == [
            ("supervisor-1", UNNAMED[1], "ok")]
        assert any(e.action.endswith("/ListAlerts") for e in supervision.audit())


class TestInterference:
    def test_the_answer_to_a_record_repeats_nothing_of_it(self, supervision):
        answer = supervision.record_interference()
        assert (answer.seq, answer.court_code, len(answer.chain_hash)) == (1, COURT, 64)
        assert OFFICIAL not in str(answer) and ASKED not in str(answer)

    def test_a_read_without_a_purpose_is_refused_naming_purpose_and_r46(self, supervision):
        supervision.record_interference()
        error = refused(lambda: supervision.call("ReadInterference",
                                                 pb.ReadInterferenceRequest(), role="president"))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "purpose" in error.details() and "R46" in error.details()

    @pytest.mark.parametrize("role", ["officer", "judge", "supervisor", "procurator",
                                      "congress"])
    def test_the_register_is_refused_to_every_role_but_president_and_discipline(
            self, supervision, role):
        error = refused(lambda: supervision.call("ReadInterference", pb.ReadInterferenceRequest(
            purpose="季度检查"), role=role))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED

    def test_discipline_reads_the_register_and_the_read_is_audited_with_its_purpose(
            self, supervision):
        supervision.record_interference()
        entries = supervision.call("ReadInterference", pb.ReadInterferenceRequest(
            purpose="季度检查"), role="discipline").entries
        assert [(e.seq, e.who_name, e.asked, e.case_number) for e in entries] == [
            (1, OFFICIAL, ASKED, NAMED[1])]
        reads = [e for e in supervision.audit() if e.action.endswith("/ReadInterference")]
        assert [(e.actor, e.target, e.outcome) for e in reads] == [
            ("discipline-1", COURT, "ok")]
        assert "季度检查" in reads[0].reason

    def test_no_audit_row_names_the_official_or_what_was_asked(self, supervision):
        supervision.record_interference()
        supervision.call("ReadInterference", pb.ReadInterferenceRequest(purpose="季度检查"),
                         role="president")
        kept = " ".join(f"{e.target} {e.reason}" for e in supervision.audit())
        assert OFFICIAL not in kept and ASKED not in kept

    def test_another_courts_case_is_answered_as_unknown_when_a_record_names_it(
            self, supervision):
        seen = refused(lambda: supervision.call("RecordInterference",
                                                pb.RecordInterferenceRequest(
            court_code=COURT, case_id=NAMED[0], who_name="某", who_unit="某", who_post="某",
            means="call", asked="某"), role="officer", court=OTHER_COURT))
        assert seen.code() is grpc.StatusCode.NOT_FOUND and "case_id" in seen.details()
        assert COURT not in seen.details()

    def test_invalid_argument_naming_who_name_and_its_bound_when_over_100_characters(
            self, supervision):
        error = refused(lambda: supervision.record_interference(who_name="王" * 101))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "who_name" in error.details() and "at most 100 characters" in error.details()
        assert "R35" in error.details()

    def test_the_register_verifies_and_a_nil_quarter_is_reported(self, supervision):
        supervision.record_interference()
        check = supervision.call("VerifyRegister", pb.VerifyRegisterRequest(),
                                 role="president")
        assert (check.ok, check.checked, check.head_seq) == (True, 1, 1)
        summary = supervision.call("GetQuarterSummary", pb.GetQuarterSummaryRequest(
            year=2025, quarter=4), role="discipline")
        assert (summary.nil, summary.count) == (True, 0)

    def test_a_cut_tail_is_named_by_its_seq_when_an_outside_head_is_longer(self, supervision):
        first = supervision.record_interference()
        check = supervision.call("VerifyRegister", pb.VerifyRegisterRequest(
            head_seq=2, head_hash=first.chain_hash), role="president")
        assert (check.ok, check.first_bad_seq) == (False, 2)


class TestMattersAndSuggestions:
    def test_a_suggestion_received_on_2026_03_02_is_due_in_3_months(self, supervision):
        matter = supervision.receive_matter()
        assert (matter.kind, matter.status, matter.reply_by) == (
            "suggestion", "awaiting", "2026-06-02")

    def test_an_extension_is_the_presidents_alone(self, supervision):
        matter = supervision.receive_matter()
        error = refused(lambda: supervision.call("ExtendReply", pb.ExtendReplyRequest(
            matter_id=matter.matter_id)))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED
        extended = supervision.call("ExtendReply", pb.ExtendReplyRequest(
            matter_id=matter.matter_id), role="president").matter
        assert extended.extended and extended.reply_by == "2026-07-02"

    def test_a_procurator_lists_the_matters_of_its_scope(self, supervision):
        supervision.receive_matter()
        listed = supervision.call("ListMatters", pb.ListMattersRequest(),
                                  role="procurator").matters
        assert [m.case_number for m in listed] == [NAMED[1]]

    def test_a_suggestion_is_sent_by_the_president_and_listed_by_the_court(self, supervision):
        sent = supervision.call("SendSuggestion", pb.SendSuggestionRequest(
            kind="judicial", recipient="某银行股份有限公司成都分行", agency_id="bank.icbc",
            document_number="(2026)川0104司建1号", reason="逾期未反馈查询结果"),
            role="president").suggestion
        assert (sent.status, sent.handle_by) == ("sent", "2026-05-06")
        supervision.drain()
        listed = supervision.call("ListSuggestions", pb.ListSuggestionsRequest(),
                                  role="judge").suggestions
        assert [s.suggestion_id for s in listed] == [sent.suggestion_id]

    def test_the_handling_is_recorded_within_its_limit_and_hidden_from_another_court(
            self, supervision):
        sent = supervision.call("SendSuggestion", pb.SendSuggestionRequest(
            kind="judicial", recipient="某银行股份有限公司成都分行",
            document_number="(2026)川0104司建2号", reason="逾期未反馈查询结果"),
            role="president").suggestion
        elsewhere = refused(lambda: supervision.call("RecordHandling", pb.RecordHandlingRequest(
            suggestion_id=sent.suggestion_id, outcome="已整改"), court=OTHER_COURT))
        assert elsewhere.code() is grpc.StatusCode.NOT_FOUND
        handled = supervision.call("RecordHandling", pb.RecordHandlingRequest(
            suggestion_id=sent.suggestion_id, outcome="已整改并反馈")).suggestion
        assert (handled.status, handled.within_limit, handled.outcome) == (
            "handled", True, "已整改并反馈")

    @pytest.mark.parametrize("role", ["procurator", "congress"])
    def test_alerts_are_refused_to_the_procuratorate_and_congress(self, supervision, role):
        error = refused(lambda: supervision.call("ListAlerts", pb.ListAlertsRequest(),
                                                 role=role))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED

    def test_invalid_argument_naming_reason_and_r37_when_over_500_characters(self, supervision):
        error = refused(lambda: supervision.call("SendSuggestion", pb.SendSuggestionRequest(
            kind="judicial", recipient="某单位", document_number="建1号", reason="x" * 501),
            role="president"))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "reason" in error.details() and "at most 500 characters" in error.details()
