"""Demo data for `make run`: on a demo case, a procuratorial suggestion received (R34), an
interference record naming the case (R35) and a judicial suggestion to an assisting
agency overdue on its answers (R37, R41) — every text marked as demonstration data
(演示数据): no procuratorate, official or agency said any of it.

The supervision service learns of cases from the cases events, which the embedded runner
delivers only after start-up, so the demo waits in the background until a case of the
demo court has reached the figures' read model (as the relief demo waits for its 终本
case), then records what the court would. Each step carries its own idempotency key: a
second run records nothing new.
"""

from __future__ import annotations

import logging
import threading
from datetime import date
from typing import Any

from zhixing.supervision.application import SupervisionApplication
from zhixing.supervision.domain.values import (
    InterferenceMeans,
    InterferenceRecord,
    MatterKind,
    SuggestionKind,
)
from zhixing.supervision.projections.kpi_queries import KpiQueries

log = logging.getLogger(__name__)
COURT = "川0104"
"""The demo court (the cases demo files cases there)."""
AGENCY = "bank.icbc"
"""A registered assisting agency (assets' agencies.toml)."""
DEMO = "演示数据"
BY = {"supervisor": "supervisor-demo", "president": "president-demo",
      "officer": "officer-demo"}


def load(app: SupervisionApplication, kpis: KpiQueries, wait_seconds: float = 180) -> int:
    """Record the demo's matters in the background once a demo case is known, unless the
    store holds events already; files no cases itself (the cases demo counts those)."""
    if app.max_notification_id() > 0:
        return 0
    threading.Thread(target=_when_seen, args=(app, kpis, wait_seconds), daemon=True,
                     name="supervision-demo").start()
    return 0


def _when_seen(app: SupervisionApplication, kpis: KpiQueries, wait_seconds: float) -> None:
    pause = threading.Event()
    for _ in range(int(wait_seconds)):
        case = _a_case(kpis, app.today())
        if case is not None:
            break
        pause.wait(1.0)  # the cases events are still on their way
    else:
        log.warning("supervision demo: no demo case arrived in %ss; nothing recorded",
                    wait_seconds)
        return
    try:
        record_demo(app, case.case_id, case.case_number)
    except Exception:  # a demo must not take the service down; the log says why
        log.exception("supervision demo: recording failed")


def _a_case(kpis: KpiQueries, today: date) -> Any:
    """A case of the demo court filed this year (or the last), if one has arrived."""
    first = f"{today.year - 1}-01"
    rows = kpis.drill(COURT, first, today.isoformat()[:7], "received", page_size=1)
    return rows[0] if rows else None


def record_demo(app: SupervisionApplication, case_id: str, case_number: str) -> None:
    """The three demo records on the case, each under its own key (idempotent)."""
    today = app.today()
    app.receive_matter(
        MatterKind.SUGGESTION, court_code=COURT,
        document_number=f"川武检执建〔{today.year}〕1号（{DEMO}）",
        procuratorate=f"成都市武侯区人民检察院（{DEMO}）", case_id=case_id,
        case_number=case_number, received_on=today,
        summary=f"{DEMO}：建议依法及时对被执行人财产采取控制措施并反馈办理情况。",
        by=BY["supervisor"], matter_id="demo-matter-1")
    app.record_interference(
        COURT, InterferenceRecord(
            who_name=f"{DEMO}·某甲", who_unit=f"{DEMO}·某单位", who_post=f"{DEMO}·某职务",
            means=InterferenceMeans.CALL, occurred_on=today, case_id=case_id,
            case_number=case_number, asked=f"{DEMO}：电话询问案件进展并要求暂缓执行。"),
        by=BY["officer"], recorded_on=today, record_id="demo-interference-1")
    app.send_suggestion(
        SuggestionKind.JUDICIAL, court_code=COURT, recipient=f"中国工商银行（{DEMO}）",
        agency_id=AGENCY, case_id=case_id,
        document_number=f"({today.year})川0104司建1号（{DEMO}）",
        reason=f"{DEMO}：协助执行单位逾期未反馈网络查控结果（R41）。", sent_on=today,
        by=BY["president"], suggestion_id="demo-suggestion-1")
