"""What a call names is of the caller's courts (R46, R39): a record, matter or suggestion
naming a case of another court is answered as one naming an unknown case; a court code
that names no court is refused, so no register, matter or suggestion is kept for a court
that does not exist (a record filed there would be missing from the court's R35 summary)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb

from .api_support import (
    COURT,
    ELSEWHERE,
    OTHER_COURT,
    UNNAMED,
    Supervision,
    supervision_served,
)


@pytest.fixture
def supervision(tmp_path) -> Iterator[Supervision]:
    with supervision_served(tmp_path) as served:
        yield served


def refused(call: Callable[[], Any]) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as error:
        call()
    return error.value


def interference(**changes: Any) -> tuple[str, Any, str]:
    fields = {"who_name": "某", "who_unit": "某局", "who_post": "某职", "means": "letter",
              "asked": "某事", **changes}
    return "RecordInterference", pb.RecordInterferenceRequest(**fields), "officer"


def matter(**changes: Any) -> tuple[str, Any, str]:
    fields = {"kind": "suggestion", "document_number": "武检执建〔2026〕9号",
              "procuratorate": "成都市武侯区人民检察院", **changes}
    return "ReceiveMatter", pb.ReceiveMatterRequest(**fields), "president"


def suggestion(**changes: Any) -> tuple[str, Any, str]:
    fields = {"kind": "judicial", "recipient": "某银行", "document_number": "(2026)川0104司建9号",
              "reason": "逾期未反馈", **changes}
    return "SendSuggestion", pb.SendSuggestionRequest(**fields), "president"


class TestCasesNamed:
    @pytest.mark.parametrize("request_of", [interference, matter, suggestion])
    def test_not_found_naming_case_id_when_the_case_is_of_another_court(
            self, supervision, request_of):
        method, request, role = request_of(case_id=ELSEWHERE[0])
        error = refused(lambda: supervision.call(method, request, role=role))
        assert error.code() is grpc.StatusCode.NOT_FOUND and "case_id" in error.details()
        assert OTHER_COURT not in error.details()

    @pytest.mark.parametrize("request_of", [interference, matter])
    def test_not_found_naming_case_id_when_the_case_number_is_of_another_court(
            self, supervision, request_of):
        method, request, role = request_of(case_number=ELSEWHERE[1])
        error = refused(lambda: supervision.call(method, request, role=role))
        assert error.code() is grpc.StatusCode.NOT_FOUND and "case_id" in error.details()

    def test_the_refusal_is_audited_as_a_denied_attempt(self, supervision):
        method, request, role = interference(case_id=ELSEWHERE[0])
        refused(lambda: supervision.call(method, request, role=role))
        kept = [(e.action.rsplit("/", 1)[-1], e.target, e.outcome) for e in supervision.audit()]
        assert kept == [("RecordInterference", COURT, "denied")]


class TestCourtCodes:
    @pytest.mark.parametrize("request_of", [interference, matter, suggestion])
    def test_invalid_argument_naming_court_code_and_r39_when_it_names_no_court(
            self, supervision, request_of):
        method, request, role = request_of(court_code=f"{COURT}X")
        error = refused(lambda: supervision.call(method, request, role=role))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "court_code" in error.details() and "R39" in error.details()

    def test_no_register_is_read_for_a_court_that_does_not_exist(self, supervision):
        error = refused(lambda: supervision.call("ReadInterference", pb.ReadInterferenceRequest(
            court_code=f"{COURT}X", purpose="季度检查"), role="president"))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT

    def test_another_courts_code_is_still_refused_before_it_is_read(self, supervision):
        error = refused(lambda: supervision.call("ListAlerts", pb.ListAlertsRequest(
            court_code="渝0103X"), role="officer"))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED


class TestPageTokens:
    @pytest.mark.parametrize("role", ["judge", "procurator"])
    @pytest.mark.parametrize("token", ["9" * 30, "١", " 1", "+1"])
    def test_invalid_argument_naming_page_token_when_it_is_no_offset_given(
            self, supervision, role, token):
        error = refused(lambda: supervision.call("DrillDown", pb.DrillDownRequest(
            figure="received", from_month="2026-01", to_month="2026-03", page_token=token),
            role=role))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "page_token" in error.details()


TOMORROW = "2026-03-03"
"""The day after the service's clock (Monday 2 March 2026)."""


class TestDaysOfActs:
    def test_invalid_argument_naming_replied_on_when_the_reply_is_dated_tomorrow(
            self, supervision):
        matter_id = supervision.receive_matter().matter_id
        error = refused(lambda: supervision.call("RecordReply", pb.RecordReplyRequest(
            matter_id=matter_id, document_number="复1号", replied_on=TOMORROW),
            role="president"))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "replied_on" in error.details() and "2026-03-02" in error.details()
        kept = supervision.call("GetMatter", pb.GetMatterRequest(matter_id=matter_id)).matter
        assert kept.status == "awaiting"

    def test_invalid_argument_naming_closed_on_when_an_alert_is_closed_tomorrow(
            self, supervision):
        alert_id = supervision.the_alert().alert_id
        error = refused(lambda: supervision.call("CloseAlert", pb.CloseAlertRequest(
            alert_id=alert_id, reason="已处理", closed_on=TOMORROW), role="president"))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "closed_on" in error.details()

    @pytest.mark.parametrize(("request_of", "field"), [(matter, "received_on"),
                                                       (suggestion, "sent_on")])
    def test_invalid_argument_naming_the_day_when_a_receipt_or_a_sending_is_tomorrow(
            self, supervision, request_of, field):
        method, request, role = request_of(**{field: TOMORROW})
        error = refused(lambda: supervision.call(method, request, role=role))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and field in error.details()

    def test_an_act_dated_today_is_kept(self, supervision):
        method, request, role = suggestion(sent_on="2026-03-02")
        assert supervision.call(method, request, role=role).suggestion.sent_on == "2026-03-02"


class TestProcuratorDrillDown:
    def test_a_procurator_sees_the_case_a_matter_names_by_its_case_number_alone(
            self, supervision):
        # A procuratorate's suggestion cites the 案号, not the court's internal case id.
        supervision.receive_matter(("", UNNAMED[1]))
        cases = supervision.call("DrillDown", pb.DrillDownRequest(
            figure="received", from_month="2026-01", to_month="2026-03"),
            role="procurator").cases
        assert [row.case_number for row in cases] == [UNNAMED[1]]


class TestQuarterSummary:
    @pytest.mark.parametrize(("year", "quarter"), [(2026, 2), (2027, 1)])
    def test_invalid_argument_naming_quarter_and_r35_when_the_quarter_has_not_begun(
            self, supervision, year, quarter):
        # A nil report (零报告) says nothing happened: of a quarter to come it is not true.
        error = refused(lambda: supervision.call("GetQuarterSummary", pb.GetQuarterSummaryRequest(
            year=year, quarter=quarter), role="president"))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "quarter" in error.details() and "R35" in error.details()

    def test_the_quarter_under_way_is_summed_up_so_far(self, supervision):
        summary = supervision.call("GetQuarterSummary", pb.GetQuarterSummaryRequest(
            year=2026, quarter=1), role="president")
        assert (summary.year, summary.quarter, summary.nil) == (2026, 1, True)


class TestCaseNamedForm:
    @pytest.mark.parametrize("request_of", [interference, matter])
    def test_invalid_argument_naming_case_number_and_r38_when_it_is_no_case_number(
            self, supervision, request_of):
        # The record says which case (R35): a text that is no 案号 names none.
        method, request, role = request_of(case_number="某案")
        error = refused(lambda: supervision.call(method, request, role=role))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "case_number" in error.details() and "R38" in error.details()

    @pytest.mark.parametrize("request_of", [interference, matter, suggestion])
    def test_invalid_argument_naming_case_id_when_it_is_no_case_id(self, supervision,
                                                                   request_of):
        method, request, role = request_of(case_id="case-152")
        error = refused(lambda: supervision.call(method, request, role=role))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "case_id" in error.details()


PERIOD = {"from_month": "2026-01", "to_month": "2026-03"}


class TestDrillDownMatchesTheFigure:
    def numbers(self, supervision: Supervision, **scope: str) -> list[str]:
        cases = supervision.call("DrillDown", pb.DrillDownRequest(
            figure="received", **scope, **PERIOD), court="川01").cases
        return sorted(row.case_number for row in cases)

    def received(self, supervision: Supervision, **scope: str) -> int:
        return supervision.call("GetKpis", pb.GetKpisRequest(**scope, **PERIOD),
                                court="川01").total.received

    def test_a_courts_drill_down_is_its_own_cases_as_its_figure_is(self, supervision):
        # 川01 is the intermediate court itself: its figure counts its own cases (none
        # here), and the cases behind it are those — not its basic courts'.
        assert self.received(supervision) == len(self.numbers(supervision)) == 0

    def test_a_regions_drill_down_is_every_court_nested_in_it(self, supervision):
        assert self.received(supervision, region="川01") == 2
        assert len(self.numbers(supervision, region="川01")) == 2

    def test_a_procurator_of_the_province_sees_the_named_case_when_it_drills_its_region(
            self, supervision):
        supervision.receive_matter(("", UNNAMED[1]))
        cases = supervision.call("DrillDown", pb.DrillDownRequest(
            figure="received", region="川", **PERIOD), role="procurator", court="川").cases
        assert [row.case_number for row in cases] == [UNNAMED[1]]
