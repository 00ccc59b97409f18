"""KpiQueries (R33) on SQLite: the figures per court × month and per region, the cases
behind them, R18's re-queries due, and the bounds on every input."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.contracts.events.cases.v1 import NodeOverdue
from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.domain.kpi import ZHONGBEN
from zhixing.supervision.projections.case_kpis import CaseKpiView
from zhixing.supervision.projections.kpi_queries import KpiQueries, RequeryDue

from .read_support import (
    BACKENDS,
    COURT,
    cipher,
    closed,
    compliant_facts,
    concluded,
    feed,
    filed,
    head,
    inquiry,
    kpi_store,
)
from .test_case_kpis import month_of_events

CIPHER = cipher()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def queries(backend, tmp_path):
    store = kpi_store(backend, tmp_path)
    feed(store, CaseKpiView(CIPHER), month_of_events())
    yield store, KpiQueries(store)
    store.close()


class TestCourtMonths:
    def test_march_figures_follow_their_definitions_when_a_spring_of_cases_is_told(self, queries):
        _, kpis = queries
        march = kpis.court_months(COURT, "2026-01", "2026-06")[2]
        assert (march.month, march.received, march.closed, march.pending_at_start) == (
            "2026-03", 1, 2, 2)
        assert march.closure_rate == 2 / 3
        # case 2: ¥60,000 of its ¥100,000 arrived before its closure (¥40,000 after it)
        assert (march.claimed_fen, march.recovered_fen, march.recovered_rate) == (
            200_000_00, 60_000_00, 0.3)
        assert (march.avg_days, march.p90_days) == (38.5, 49)
        assert (march.zhongben, march.zhongben_rate, march.zhongben_compliant) == (1, 0.5, 0)
        # case 3 closes within R26's 6 months counted from its filing (no count on the topic)
        assert (march.first_closed, march.first_closed_within_limit) == (2, 2)
        assert (march.removals, march.removals_within_limit) == (1, 0)
        assert (march.relief_decided, march.relief_within_limit) == (1, 1)

    def test_a_compliant_zhongben_counts_in_its_month_when_decided_in_may(self, queries):
        _, kpis = queries
        may = kpis.court_months(COURT, "2026-05", "2026-05")[0]
        assert (may.closed, may.zhongben, may.zhongben_compliant, may.avg_days) == (1, 1, 1, 121)

    def test_rows_are_each_month_then_the_total_when_a_period_is_asked(self, queries):
        _, kpis = queries
        rows = kpis.court_months(COURT, "2026-01", "2026-06")
        assert [r.month for r in rows] == [f"2026-0{m}" for m in range(1, 7)] + [""]
        total = rows[-1]
        assert (total.from_month, total.to_month, total.court_code) == ("2026-01", "2026-06",
                                                                        COURT)
        assert (total.received, total.closed, total.pending_at_start) == (3, 3, 0)
        assert (total.zhongben, total.zhongben_compliant, total.zhongben_compliance) == (
            2, 1, 0.5)

    def test_no_case_is_counted_when_it_is_another_courts(self, queries):
        _, kpis = queries
        assert kpis.court_months("川0105", "2026-01", "2026-06")[-1].received == 0


class TestRegion:
    @pytest.fixture
    def region(self, queries):
        store, kpis = queries
        feed(store, CaseKpiView(CIPHER), [
            filed(1, "2026-03-05", court="渝0103"), filed(2, "2026-03-06", court="渝0103"),
            filed(1, "2026-03-07", court="川01"), closed(1, "2026-03-20", court="川01"),
            filed(1, "2026-03-08", court="京0101")], first=1000)
        return kpis

    def test_each_court_then_the_total_is_given_when_a_named_region_is_asked(self, region):
        rows = region.region("成渝", "2026-03", "2026-03")
        assert [(r.court_code, r.received) for r in rows] == [
            ("川01", 1), ("川0104", 1), ("渝0103", 2), ("", 4)]
        assert {r.region for r in rows} == {"成渝"}
        assert rows[-1].closed == 3

    def test_only_nested_courts_are_given_when_the_region_is_a_code_prefix(self, region):
        rows = region.region("川", "2026-03", "2026-03")
        assert [r.court_code for r in rows] == ["川01", "川0104", ""]


class TestDrill:
    def test_unmet_rules_are_named_when_drilling_into_non_compliant_zhongben(self, queries):
        _, kpis = queries
        rows = kpis.drill(COURT, "2026-01", "2026-06", "zhongben_noncompliant")
        assert [(r.case_number, r.closure, r.detail) for r in rows] == [
            ("(2026)川0104执3号", ZHONGBEN, "unmet R16(1), R16(2), R16(3), R16(4)")]

    def test_each_figure_gives_the_cases_behind_it_when_drilled(self, queries):
        _, kpis = queries
        drill = {figure: [r.case_number[-3:] for r in kpis.drill("川", "2026-03", "2026-03",
                                                                  figure)]
                 for figure in ("received", "closed", "pending", "zhongben",
                                "closed_beyond_limit", "removals_late", "relief_late")}
        assert drill == {"received": ["执3号"], "closed": ["执2号", "执3号"],
                         "pending": ["执1号", "执2号"], "zhongben": ["执3号"],
                         "closed_beyond_limit": [], "removals_late": ["执2号"],
                         "relief_late": []}

    def test_an_overdue_node_counts_once_when_told_twice(self, queries):
        store, kpis = queries
        feed(store, CaseKpiView(CIPHER), [
            NodeOverdue(**head(1), node="notice", rule="R27", due_on="2026-03-03"),
            NodeOverdue(**head(1), node="notice", rule="R27", due_on="2026-03-03")], first=500)
        rows = kpis.drill(COURT, "2026-03", "2026-03", "overdue_nodes")
        assert [(r.case_number, r.detail) for r in rows] == [
            ("(2026)川0104执1号", "notice due 2026-03-03")]
        assert kpis.court_months(COURT, "2026-03", "2026-03")[0].overdue_nodes == 1

    def test_a_page_holds_its_size_from_its_offset_when_paged(self, queries):
        _, kpis = queries
        rows = kpis.drill(COURT, "2026-03", "2026-03", "closed", page_size=1, offset=1)
        assert [r.case_number for r in rows] == ["(2026)川0104执3号"]


class TestBounds:
    @pytest.mark.parametrize(("call", "field"), [
        (lambda k: k.court_months(COURT, "2021-01", "2026-01"), "to_month"),
        (lambda k: k.court_months(COURT, "2026-1", "2026-01"), "from_month"),
        (lambda k: k.region("川%", "2026-01", "2026-01"), "scope"),
        (lambda k: k.region("川" * 17, "2026-01", "2026-01"), "scope"),
        (lambda k: k.drill(COURT, "2026-01", "2026-01", "debtor_names"), "figure"),
        (lambda k: k.drill(COURT, "2026-01", "2026-01", "closed", page_size=501), "page_size"),
        (lambda k: k.drill(COURT, "2026-01", "2026-01", "closed", offset=-1), "offset")])
    def test_an_input_out_of_bounds_is_refused_naming_its_field(self, queries, call, field):
        _, kpis = queries
        with pytest.raises(InvalidInput) as refused:
            call(kpis)
        assert refused.value.field == field


class TestLookups:
    def test_case_number_and_court_are_told_when_the_filing_was_seen(self, queries):
        _, kpis = queries
        case_id = head(2)["case_id"]
        assert (kpis.case_number(case_id), kpis.court_of(case_id)) == ("(2026)川0104执2号", COURT)
        assert (kpis.case_number("unknown"), kpis.court_of("unknown")) == ("", "")


class TestRequeries:
    DATES = ("2026-11-06", "2027-05-06")

    @pytest.fixture
    def kpis(self, backend, tmp_path):
        store = kpi_store(backend, tmp_path)
        feed(store, CaseKpiView(CIPHER), [
            filed(1, "2026-01-05"), *compliant_facts(1),
            concluded(1, "2026-05-06", requery_dates=self.DATES),
            filed(2, "2026-01-05"), concluded(2, "2026-05-06", requery_dates=self.DATES),
            closed(2, "2026-10-01", closure="terminated")])
        yield store, KpiQueries(store)
        store.close()

    def test_a_requery_is_due_when_its_date_passed_with_none(self, kpis):
        _, queries = kpis
        assert queries.requeries_due(date(2026, 11, 6)) == [
            RequeryDue(head(1)["case_id"], "(2026)川0104执1号", COURT, date(2026, 11, 6))]
        assert queries.requeries_due(date(2026, 11, 5)) == []

    def test_a_date_is_settled_when_a_requery_completed_since_the_date_before(self, kpis):
        store, queries = kpis
        feed(store, CaseKpiView(CIPHER), [inquiry(1, "2026-11-02", requery=True)], first=100)
        assert queries.requeries_due(date(2027, 5, 6)) == [
            RequeryDue(head(1)["case_id"], "(2026)川0104执1号", COURT, date(2027, 5, 6))]

    def test_a_requery_stays_due_when_only_a_first_inquiry_was_made(self, kpis):
        store, queries = kpis
        feed(store, CaseKpiView(CIPHER), [inquiry(1, "2026-11-02")], first=100)
        assert len(queries.requeries_due(date(2026, 11, 6))) == 1
