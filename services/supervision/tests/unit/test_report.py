"""The congress special report (R33) and the interference summary (R35) from the contract's
messages: the periods compared, the CSV annex adding up, the nil report, escaping."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.report import (
    FIGURES,
    KpiReport,
    interference_csv,
    interference_html,
    kpi_csv,
    kpi_html,
    months,
    previous_period,
)
from zhixing.supervision.report.model import Kind

MONTHS = ["2026-01", "2026-02", "2026-03"]


def figures(n: int, **where: str) -> pb.Figures:
    f = pb.Figures(received=10 * n, closed=6 * n, pending_at_start=3 * n, zhongben=2 * n,
                   zhongben_compliant=n, overdue_nodes=n, first_closed=n,
                   first_closed_within_limit=n, claimed_fen=100_001 * n,
                   recovered_fen=50_000 * n, **where)
    if n:
        f.closure_rate = 6 * n / (13 * n)
        f.zhongben_compliance = 0.5
    return f


def monthly(label: str = "川0104") -> KpiReport:
    rows = [figures(i + 1, month=m, court_code="川0104") for i, m in enumerate(MONTHS)]
    return KpiReport(label, "川0104", "", MONTHS[0], MONTHS[-1], rows, figures(6),
                     figures(4), date(2026, 4, 2))


def regional() -> KpiReport:
    rows = [figures(n, court_code=c) for n, c in ((1, "川0104"), (2, "川0105"), (0, "川0106"))]
    trend = [figures(i + 1, month=m) for i, m in enumerate(MONTHS)]
    return KpiReport("川01", "", "川01", MONTHS[0], MONTHS[-1], rows, figures(3), figures(2),
                     date(2026, 4, 2), trend=trend)


def annex(report: KpiReport) -> list[dict[str, str]]:
    text = kpi_csv(report)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


class TestPeriods:
    def test_previous_period_is_as_long_and_just_before_when_asked(self) -> None:
        assert previous_period("2026-01", "2026-12") == ("2025-01", "2025-12")
        assert previous_period("2026-02", "2026-03") == ("2025-12", "2026-01")

    def test_refused_naming_the_bound_when_longer_than_60_months(self) -> None:
        with pytest.raises(ValueError, match="60"):
            months("2020-01", "2025-01")

    def test_refused_when_a_month_is_malformed(self) -> None:
        with pytest.raises(ValueError, match="YYYY-MM"):
            months("2026-13", "2026-12")


class TestAnnex:
    @pytest.mark.parametrize("report", [monthly(), regional()], ids=["months", "courts"])
    def test_rows_sum_to_the_total_when_a_figure_is_a_count(self, report: KpiReport) -> None:
        lines = annex(report)
        rows = [r for r in lines if r["期间"] == "本期明细"]
        total = next(r for r in lines if r["期间"].startswith("本期合计"))
        assert len(rows) == 3
        for f in FIGURES:
            if f.kind in (Kind.COUNT, Kind.MONEY):
                column = next(k for k in total if k.startswith(f.label))
                assert sum(float(r[column]) for r in rows) == pytest.approx(float(total[column]))

    def test_every_figure_is_a_column_when_written(self) -> None:
        header = next(csv.reader(io.StringIO(kpi_csv(monthly())[1:])))
        assert len(header) == 3 + len(FIGURES)
        assert "结案率(%)" in header and "申请执行标的(元)" in header

    def test_absent_rate_is_empty_not_zero_when_its_divisor_is_zero(self) -> None:
        row = next(r for r in annex(regional()) if r["范围"] == "川0106")
        assert row["结案率(%)"] == ""
        assert row["收案数"] == "0"

    def test_previous_period_is_a_line_when_written(self) -> None:
        previous = next(r for r in annex(monthly()) if r["期间"] == "上期合计")
        assert previous["收案数"] == "40"


class TestDocument:
    def test_figures_previous_and_change_are_in_the_report_when_made(self) -> None:
        html = kpi_html(monthly())
        assert "60" in html and "40" in html and "+20（+50.0%）" in html
        assert "2025-10 至 2025-12" in html  # the previous period named

    def test_definitions_and_charts_are_in_the_report_when_made(self) -> None:
        html = kpi_html(regional())
        for f in FIGURES:
            assert f.definition in html
        assert html.count("<svg") == 2  # the region's trend and its courts' ranking

    def test_months_name_the_rows_when_a_court_is_reported(self) -> None:
        html = kpi_html(monthly())
        assert all(f"<td>{m}</td>" in html for m in MONTHS)

    def test_scope_is_escaped_when_it_holds_markup(self) -> None:
        html = kpi_html(monthly("<b>x</b>"))
        assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


class TestInterference:
    def nil(self) -> pb.GetQuarterSummaryResponse:
        return pb.GetQuarterSummaryResponse(court_code="川0104", year=2026, quarter=1, nil=True)

    def test_nil_report_says_so_when_nothing_was_recorded(self) -> None:
        assert "零报告" in interference_html(self.nil(), date(2026, 4, 1))
        assert "零报告" in interference_csv(self.nil())

    def test_counts_by_means_in_chinese_when_records_exist(self) -> None:
        summary = pb.GetQuarterSummaryResponse(
            court_code="川0104", year=2026, quarter=2, count=3, cases_named=2,
            by_means=[pb.Count(key="call", count=2), pb.Count(key="letter", count=1)])
        html = interference_html(summary, date(2026, 7, 1))
        assert "零报告" not in html and "电话" in html and "书信" in html
        lines = list(csv.reader(io.StringIO(interference_csv(summary)[1:])))
        by_means = sum(int(r[3]) for r in lines if r[2].startswith("方式"))
        assert by_means == int(next(r[3] for r in lines if r[2] == "合计")) == 3
