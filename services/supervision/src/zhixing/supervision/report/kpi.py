"""The congress special report (R33): HTML (for the page and the PDF) and the CSV annex."""

from __future__ import annotations

import csv
import io

from markupsafe import Markup

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision import charts
from zhixing.supervision.report.format import cell, change, shown
from zhixing.supervision.report.model import FIGURES, Kind, KpiReport, previous_period, value
from zhixing.supervision.report.render import template

TREND = ("closure_rate", "recovered_rate", "zhongben_compliance")
DETAIL = ("received", "closed", "pending_at_start", "closure_rate", "recovered_rate",
          "zhongben", "zhongben_compliance", "overdue_nodes")
BOM = "\ufeff"  # Excel opens a UTF-8 CSV as such only with it


def row_label(report: KpiReport, row: pb.Figures) -> str:
    """A row's name: its court for a region's ranking, else its month (a court's monthly
    rows carry the court's code too)."""
    return (row.court_code if report.per_court else row.month) or "合计"


def trend_chart(report: KpiReport) -> Markup | None:
    """The rates month by month: the court's rows, or the region's monthly totals."""
    monthly = list(report.trend) if report.per_court else list(report.rows)
    if len(monthly) < 2:
        return None
    by_field = {f.field: f for f in FIGURES}
    series = [charts.Series(by_field[name].label,
                            [_pct(value(r, name)) for r in monthly]) for name in TREND]
    return charts.line(series, [r.month for r in monthly], title="主要指标月度走势")


def ranking_chart(report: KpiReport) -> Markup | None:
    """The region's courts ranked by 结案率, lowest first — where attention is due."""
    if not report.per_court:
        return None
    items = [(row_label(report, r), _pct(value(r, "closure_rate"))) for r in report.rows]
    items.sort(key=lambda item: (item[1] is not None, item[1] or 0.0, item[0]))
    return charts.bars(items, title="各法院结案率（由低到高）")


def kpi_html(report: KpiReport) -> str:
    """The report as one self-contained HTML document (its style inside: it is read from a
    file or turned into the PDF, never shown under the command centre's CSP)."""
    figures = [(f, shown(f, report.total), shown(f, report.previous),
                change(f, report.total, report.previous)) for f in FIGURES]
    detail = [f for f in FIGURES if f.field in DETAIL]
    rows = [(row_label(report, r), [shown(f, r) for f in detail]) for r in report.rows]
    return template("kpi.html").render(
        report=report, figures=figures, detail=detail, rows=rows,
        trend=trend_chart(report), ranking=ranking_chart(report),
        definitions=FIGURES, previous=previous_period(report.from_month, report.to_month),
        csv_name=file_stem(report) + ".csv")


def kpi_csv(report: KpiReport) -> str:
    """附件 — every figure: one line per row of the period, its total and the previous
    period's total; UTF-8 with a BOM; counts and sums add up to the total."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["期间", "范围", "月份", *(_header(f.label, f.kind) for f in FIGURES)])
    period = f"{report.from_month}至{report.to_month}"
    for r in report.rows:
        writer.writerow(["本期明细", r.court_code or r.region or report.scope_label,
                         r.month, *(cell(f, r) for f in FIGURES)])
    writer.writerow([f"本期合计 {period}", report.scope_label, "",
                     *(cell(f, report.total) for f in FIGURES)])
    writer.writerow(["上期合计", report.scope_label, "",
                     *(cell(f, report.previous) for f in FIGURES)])
    return BOM + out.getvalue()


def file_stem(report: KpiReport) -> str:
    """An ASCII-safe file name: the scope's code point digits never leak into a header."""
    scope = "region" if report.region else "court"
    return f"kpi-report-{scope}-{report.from_month}-{report.to_month}"


def _header(label: str, kind: Kind) -> str:
    unit = {Kind.RATE: "(%)", Kind.MONEY: "(元)"}.get(kind, "")
    return label + unit


def _pct(v: float | None) -> float | None:
    return None if v is None else v * 100
