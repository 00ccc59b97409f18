"""干预过问季度报告 — the quarterly interference summary (R35) as HTML and a CSV annex; a
quarter with nothing recorded gives a nil report (零报告). It names no one: the summary
message carries counts and the register's head only."""

from __future__ import annotations

import csv
import io
from datetime import date

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision import charts
from zhixing.supervision.report.kpi import BOM
from zhixing.supervision.report.render import template

MEANS = {"letter": "书信", "call": "电话", "in_person": "当面", "via_relatives": "通过亲属",
         "via_staff": "通过身边工作人员", "other": "其他"}


def means_label(key: str) -> str:
    """The means as the register names it in Chinese (R35); an unknown key as is."""
    return MEANS.get(key, key)


def interference_html(summary: pb.GetQuarterSummaryResponse, generated_on: date) -> str:
    """The quarter's report, self-contained HTML (for the file and the PDF)."""
    means = [(means_label(c.key), c.count) for c in summary.by_means]
    chart = (charts.bars([(label, float(n)) for label, n in means], title="按干预方式",
                         unit="件") if means and not summary.nil else None)
    return template("interference.html").render(s=summary, means=means, chart=chart,
                                                generated_on=generated_on,
                                                csv_name=interference_stem(summary) + ".csv")


def interference_csv(summary: pb.GetQuarterSummaryResponse) -> str:
    """附件: one line per means, then the total, the cases named, the corrections and the
    register's head; a nil report is one line saying so. UTF-8 with a BOM."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    quarter = f"{summary.year}年第{summary.quarter}季度"
    writer.writerow(["法院", "季度", "项目", "件数"])
    if summary.nil:
        writer.writerow([summary.court_code, quarter, "零报告", 0])
    for c in summary.by_means:
        writer.writerow([summary.court_code, quarter, f"方式：{means_label(c.key)}", c.count])
    writer.writerow([summary.court_code, quarter, "合计", summary.count])
    writer.writerow([summary.court_code, quarter, "涉及案件", summary.cases_named])
    writer.writerow([summary.court_code, quarter, "其中更正记录", summary.corrections])
    writer.writerow([summary.court_code, quarter, "登记簿末条序号", summary.head_seq])
    return BOM + out.getvalue()


def interference_stem(summary: pb.GetQuarterSummaryResponse) -> str:
    """An ASCII-safe file name."""
    return f"interference-{summary.year}-q{summary.quarter}"
