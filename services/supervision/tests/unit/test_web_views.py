"""What each command-centre page makes of the RPCs' answers (issue 16): the region's
table, trend and ranking; a court's board; a drill's request and pages; a case file in
Chinese; the agencies ranked (R41) — no I/O."""

from __future__ import annotations

import pytest

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.web.context import PageError
from zhixing.supervision.web.pages.agencies import agencies_view, by_answer_time, by_overdue
from zhixing.supervision.web.pages.case import case_view
from zhixing.supervision.web.pages.court import board_view
from zhixing.supervision.web.pages.drill import drill_request, drill_view, refuse_aggregates_only
from zhixing.supervision.web.pages.region import region_view

FIRST, LAST = "2026-01", "2026-03"


def kpis(*rows: pb.Figures) -> pb.GetKpisResponse:
    return pb.GetKpisResponse(rows=list(rows), total=pb.Figures(region="川", received=9))


class TestRegion:
    def view(self, links: bool) -> dict:
        courts = kpis(pb.Figures(court_code="川0104", received=1200, closure_rate=0.4),
                      pb.Figures(court_code="川0105", closure_rate=0.95))
        months = kpis(pb.Figures(month="2026-01", closure_rate=0.5),
                      pb.Figures(month="2026-02"))
        return region_view(courts, months, region="川", first=FIRST, last=LAST,
                           root="/command", links=links)

    def test_each_court_links_to_its_page_when_listed(self):
        label, href, cells = self.view(True)["rows_of_table"][0]
        assert (label, href) == ("川0104", "/command/courts/%E5%B7%9D0104?from=2026-01&to=2026-03")
        assert cells[0].text == "1,200"

    def test_the_total_drills_the_region_when_linked(self):
        assert "scope=region%3A%E5%B7%9D" in self.view(True)["total"][0].href

    def test_the_furthest_court_tops_the_ranking_when_drawn(self):
        ranking = str(self.view(True)["ranking"])
        assert ranking.index("川0104") < ranking.index("川0105")

    def test_the_trend_has_a_gap_not_a_zero_when_a_month_has_no_rate(self):
        trend = str(self.view(True)["trend"])
        assert "结案率 2026-01：50.0%" in trend and "结案率 2026-02" not in trend


class TestCourtBoard:
    def test_an_unassigned_case_counts_under_unassigned_when_tallied(self):
        board = board_view(pb.GetCourtBoardResponse(
            overdue_by_team=[pb.Tally(key="", count=3), pb.Tally(key="执行一组", count=1200)]),
            "/command")
        assert [line.cells for line in board["by_team"]] == [["未分案", "3"], ["执行一组", "1,200"]]

    def test_money_and_days_are_formatted_when_the_board_is_read(self):
        board = board_view(pb.GetCourtBoardResponse(
            funds=[pb.FundBalance(court_code="川0104", fund_year=2026, credited_fen=12345678,
                                  balance_fen=100)],
            expiring=[pb.ExpiringMeasure(case_id="c-1", case_number="(2026)川0104执1号",
                                         measure_kind="freeze", expires_on="2026-03-09",
                                         working_days_left=5)]), "/command")
        assert board["funds"][0].cells[2] == "¥123,456.78"
        assert board["funds"][0].cells[6] == "¥1.00"
        assert board["expiring"][0].cells[1:] == ["冻结", "2026-03-09", "5 个工作日"]
        assert board["expiring"][0].href == "/command/cases/c-1"


class TestDrill:
    def test_a_court_scope_asks_for_the_court_when_no_region_marker(self):
        ask = drill_request("川01", "closed", FIRST, LAST, "")
        assert (ask.court_code, ask.region) == ("川01", "")

    def test_a_region_scope_asks_for_the_region_when_marked(self):
        ask = drill_request("region:川", "closed", FIRST, LAST, "")
        assert (ask.court_code, ask.region) == ("", "川")

    def test_an_unknown_figure_is_refused_naming_the_field_when_asked(self):
        with pytest.raises(PageError) as refused:
            drill_request("川0104", "salaries", FIRST, LAST, "")
        assert refused.value.status == 400 and "figure" in refused.value.message

    def test_a_long_page_token_is_refused_when_asked(self):
        with pytest.raises(PageError):
            drill_request("川0104", "closed", FIRST, LAST, "x" * 65)

    def test_aggregates_only_viewer_is_refused_citing_r46_when_asking_for_cases(self):
        with pytest.raises(PageError) as refused:
            refuse_aggregates_only(False)
        assert refused.value.status == 403 and "R46" in refused.value.message

    def test_the_next_page_keeps_the_figure_when_there_is_one(self):
        ask = drill_request("川0104", "zhongben", FIRST, LAST, "")
        view = drill_view(pb.DrillDownResponse(
            cases=[pb.CaseRow(case_id="c-1", case_number="(2026)川0104执1号",
                              closure="zhongben")], next_page_token="50"), ask,
            scope="川0104", root="/command")
        assert view["next"].endswith("figure=zhongben&from=2026-01&to=2026-03&page=50")
        assert (view["cases"][0].closure, view["cases"][0].closed_on) == ("终结本次执行程序", "—")


class TestCaseFile:
    def test_unmet_rules_and_steps_are_in_chinese_when_shown(self):
        view = case_view(pb.GetCaseFileResponse(
            case=pb.CaseRow(case_number="(2026)川0104执1号", closure="zhongben"),
            unmet=["R16(1)"],
            alerts=[pb.Alert(label="节点超期", status="acknowledged",
                             timeline=[pb.Step(on="2026-01-16", what="raised")])]))
        assert view["unmet"] == ["R16(1) 未送达执行通知书并责令申报财产"]
        assert view["alerts"][0].status == "已签收"
        assert (view["alerts"][0].steps[0].what, view["alerts"][0].steps[0].by) == ("预警", "系统")


AGENCY_ROWS = (pb.AgencyAnswers(agency_id="bank-a", agency_kind="bank_deposit", requests=10,
                                 overdue=1, avg_answer_days=2.0),
               pb.AgencyAnswers(agency_id="tax-a", agency_kind="tax", requests=4, overdue=3,
                                avg_answer_days=9.5),
               pb.AgencyAnswers(agency_id="car-a", agency_kind="vehicle", requests=2, unanswered=2))


class TestAgencies:
    ROWS: tuple[pb.AgencyAnswers, ...] = AGENCY_ROWS

    def test_the_most_overdue_comes_first_when_ranked_by_overdue(self):
        assert [a.agency_id for a in by_overdue(self.ROWS)] == ["tax-a", "bank-a", "car-a"]

    def test_an_agency_that_never_answered_is_last_when_ranked_by_time(self):
        assert [a.agency_id for a in by_answer_time(self.ROWS)] == ["tax-a", "bank-a", "car-a"]

    def test_rates_and_days_are_formatted_when_listed(self):
        line = agencies_view(pb.ListAgencyAnswersResponse(rows=self.ROWS), region="川",
                             first=FIRST, last=LAST)["lines"][0]
        assert (line.kind, line.overdue_rate, line.avg_days, line.p90_days) == (
            "税务", "75.0%", "9.5 天", "—")
