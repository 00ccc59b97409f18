"""The command centre's RPCs over in-process gRPC, built by the bootstrap (issue 16): who
may read a court's board, the agencies' answering and a case file (R46, R39), their
bounds, the audit of case-level reads, and a region's figures month by month (R33)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import grpc
import pytest

from testkit.assets import cloud_event, feed
from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb

from .api_support import (
    COURT,
    ELSEWHERE,
    NAMED,
    OTHER_COURT,
    UNKNOWN,
    UNNAMED,
    Supervision,
    supervision_served,
)

PERIOD = {"from_month": "2026-01", "to_month": "2026-03"}
RESIDENT_ID = re.compile(r"\d{17}[\dXx]")


@pytest.fixture
def supervision(tmp_path) -> Iterator[Supervision]:
    with supervision_served(tmp_path) as served:
        yield served


def refused(call) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as error:
        call()
    return error.value


def case_file(supervision: Supervision, case_id: str, **caller: str) -> pb.GetCaseFileResponse:
    return supervision.call("GetCaseFile", pb.GetCaseFileRequest(case_id=case_id), **caller)


class TestCourtBoardAccess:
    @pytest.mark.parametrize("role", ["congress", "procurator", "discipline"])
    def test_permission_denied_when_the_role_is_not_the_courts_staff(self, supervision, role):
        error = refused(lambda: supervision.call("GetCourtBoard", pb.GetCourtBoardRequest(),
                                                 role=role))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED

    def test_permission_denied_when_a_court_of_yu_asks_for_a_court_of_chuan(self, supervision):
        error = refused(lambda: supervision.call("GetCourtBoard", pb.GetCourtBoardRequest(
            court_code=COURT), court=OTHER_COURT))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED
        assert COURT not in error.details()

    @pytest.mark.parametrize(("field", "value", "bound"), [
        ("within_working_days", 61, "1–60"), ("within_working_days", -1, "1–60"),
        ("limit", 101, "1–100")])
    def test_invalid_argument_naming_the_field_and_its_bound_when_beyond_it(
            self, supervision, field, value, bound):
        error = refused(lambda: supervision.call("GetCourtBoard", pb.GetCourtBoardRequest(
            **{field: value})))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert field in error.details() and bound in error.details()

    def test_a_refused_horizon_names_r64_when_over_60_working_days(self, supervision):
        error = refused(lambda: supervision.call("GetCourtBoard", pb.GetCourtBoardRequest(
            within_working_days=61)))
        assert "R64" in error.details()


class TestAgencyAnswersAccess:
    def test_permission_denied_when_a_court_of_yu_asks_for_the_region_of_chuan(
            self, supervision):
        error = refused(lambda: supervision.call("ListAgencyAnswers",
                                                 pb.ListAgencyAnswersRequest(
            region="川", **PERIOD), court=OTHER_COURT))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED

    @pytest.mark.parametrize("role", ["discipline", "public"])
    def test_permission_denied_when_the_role_reads_no_aggregates_of_agencies(
            self, supervision, role):
        error = refused(lambda: supervision.call("ListAgencyAnswers",
                                                 pb.ListAgencyAnswersRequest(**PERIOD),
                                                 role=role))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED

    def test_invalid_argument_naming_region_when_both_a_court_and_a_region_are_named(
            self, supervision):
        error = refused(lambda: supervision.call("ListAgencyAnswers",
                                                 pb.ListAgencyAnswersRequest(
            court_code=COURT, region="川", **PERIOD), court="川", role="congress"))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT and "region" in error.details()

    def test_invalid_argument_naming_to_month_when_the_period_spans_61_months(
            self, supervision):
        error = refused(lambda: supervision.call("ListAgencyAnswers",
                                                 pb.ListAgencyAnswersRequest(
            from_month="2021-01", to_month="2026-01"), role="congress"))
        assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
        assert "to_month" in error.details() and "60 months" in error.details()


class TestCaseFile:
    def test_court_staff_read_the_case_with_its_alert_when_it_is_of_their_court(
            self, supervision):
        supervision.drain()
        found = case_file(supervision, UNNAMED[0])
        assert (found.case.case_number, found.case.court_code, found.case.filed_on) == (
            UNNAMED[1], COURT, "2026-01-05")
        assert [(a.kind, a.rule, a.status) for a in found.alerts] == [
            ("node_overdue", "R27", "open")]
        assert list(found.unmet) == [] and not RESIDENT_ID.search(str(found))

    def test_a_caller_of_the_province_reads_a_case_of_a_court_nested_in_it(self, supervision):
        assert case_file(supervision, NAMED[0], court="川").case.case_number == NAMED[1]

    def test_every_read_is_audited_with_the_case_number(self, supervision):
        case_file(supervision, NAMED[0], role="judge")
        rows = [(e.actor, e.target, e.outcome) for e in supervision.audit()
                if e.action.endswith("/GetCaseFile")]
        assert rows == [("judge-1", NAMED[1], "ok")]

    def test_permission_denied_citing_r46_when_congress_asks_for_a_case_file(self, supervision):
        error = refused(lambda: case_file(supervision, NAMED[0], role="congress", court="川"))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED and "R46" in error.details()

    def test_another_courts_case_is_answered_exactly_as_an_unknown_one(self, supervision):
        seen = refused(lambda: case_file(supervision, UNNAMED[0], court=OTHER_COURT))
        unseen = refused(lambda: case_file(supervision, UNKNOWN, court=OTHER_COURT))
        assert seen.code() is unseen.code() is grpc.StatusCode.NOT_FOUND
        assert seen.details() == unseen.details() and COURT not in seen.details()
        denied = [e.outcome for e in supervision.audit() if e.action.endswith("/GetCaseFile")]
        assert denied == ["denied", "denied"]

    def test_an_alert_of_a_court_beyond_the_callers_is_left_out_when_it_names_the_case(
            self, supervision):
        # R39, R46: a matter of the intermediate court 川01 (or one of 渝, received before
        # the case's filing reached the figures) names a case of 川0104; its overdue alert
        # is 川01's — ListAlerts never shows it to 川0104, nor may the case file.
        for position, court in enumerate(("川01", OTHER_COURT), start=1):
            feed(supervision.instance, cloud_event(
                "cn.zhixing.supervision.v1.AlertRaised", f"alert-{position}", {
                    "alert_id": f"9a1c2a9e-0000-4000-8000-00000000090{position}",
                    "court_code": court, "kind": "procuratorial_overdue", "rule": "R34",
                    "case_id": NAMED[0], "case_number": NAMED[1], "subject": f"m-{position}",
                    "act_by_role": "president", "due_on": "2026-02-27",
                    "raised_on": "2026-03-02"}, position=position))
        assert [a.court_code for a in case_file(supervision, NAMED[0]).alerts] == []
        seen = case_file(supervision, NAMED[0], court="川01").alerts
        assert [a.court_code for a in seen] == ["川01"]

    def test_not_found_naming_case_id_when_it_is_no_uuid(self, supervision):
        error = refused(lambda: case_file(supervision, "(2026)川0104执151号"))
        assert error.code() is grpc.StatusCode.NOT_FOUND and "case_id" in error.details()

    def test_a_procurator_reads_only_the_cases_its_matters_name(self, supervision):
        before = refused(lambda: case_file(supervision, NAMED[0], role="procurator"))
        assert before.code() is grpc.StatusCode.NOT_FOUND
        supervision.receive_matter(NAMED)
        assert case_file(supervision, NAMED[0], role="procurator").case.case_id == NAMED[0]
        unnamed = refused(lambda: case_file(supervision, UNNAMED[0], role="procurator"))
        assert unnamed.code() is grpc.StatusCode.NOT_FOUND
        assert unnamed.details() == before.details()

    def test_a_procurator_of_yu_is_answered_as_unknown_for_a_case_of_chuan(self, supervision):
        supervision.receive_matter(NAMED)
        error = refused(lambda: case_file(supervision, NAMED[0], role="procurator",
                                          court=OTHER_COURT))
        assert error.code() is grpc.StatusCode.NOT_FOUND
        assert case_file(supervision, ELSEWHERE[0], court=OTHER_COURT).case.court_code == (
            OTHER_COURT)


class TestRegionMonthly:
    def test_a_region_is_read_month_by_month_when_monthly_is_asked(self, supervision):
        answer = supervision.call("GetKpis", pb.GetKpisRequest(region="川", monthly=True,
                                                               **PERIOD), court="川",
                                  role="congress")
        assert [(r.court_code, r.month, r.received) for r in answer.rows] == [
            ("", "2026-01", 2), ("", "2026-02", 0), ("", "2026-03", 0)]
        by_court = supervision.call("GetKpis", pb.GetKpisRequest(region="川", **PERIOD),
                                    court="川", role="congress")
        assert answer.total == by_court.total

    def test_monthly_is_ignored_when_a_court_is_read_already_by_month(self, supervision):
        plain = supervision.call("GetKpis", pb.GetKpisRequest(**PERIOD))
        monthly = supervision.call("GetKpis", pb.GetKpisRequest(monthly=True, **PERIOD))
        assert plain == monthly
