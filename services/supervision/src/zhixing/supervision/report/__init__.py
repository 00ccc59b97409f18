"""专项工作报告 — the congress special report (R33) and the quarterly interference summary
(R35) as HTML, PDF and a CSV annex, made from the public contract's messages so the
command (`zhixing supervise report`) and the command centre make the same document.
"""

from zhixing.supervision.report.interference import (
    interference_csv,
    interference_html,
    interference_stem,
)
from zhixing.supervision.report.kpi import file_stem, kpi_csv, kpi_html
from zhixing.supervision.report.model import (
    FIGURES,
    KpiReport,
    kpis_request,
    months,
    previous_period,
)
from zhixing.supervision.report.render import pdf

__all__ = [
    "FIGURES",
    "KpiReport",
    "file_stem",
    "interference_csv",
    "interference_html",
    "interference_stem",
    "kpi_csv",
    "kpi_html",
    "kpis_request",
    "months",
    "pdf",
    "previous_period",
]
