"""Demo data for `make run`: the wage table, a fund per demo court, and relief on a 终本
demo case — one application rejected naming its rule, one approved, paid and notified.

The wage figures are demonstration data, marked so, with the bulletin they stand in for
(R30 never invents a figure: the entries say what they are). The relief service learns
of cases from the cases events, which the embedded runner delivers only after start-up,
so the applications wait in the background until a demo case in 终本 has arrived (as the
credit demo waits for its cases), then go through the steps as the court would.
"""

from __future__ import annotations

import logging
import threading
from datetime import date

from zhixing.relief.application import ReliefApplication
from zhixing.relief.domain.facts import CaseFacts
from zhixing.relief.domain.values import FundEntryKind, Hardship, HardshipCategory
from zhixing.relief.projections.case_facts import CaseFactsQueries

log = logging.getLogger(__name__)
COURTS = ("川0104", "川0107", "渝0103", "渝0105", "川0106")
"""The cases demo's courts."""
WAGES = {"川": (8_203_00, "演示数据：参照四川省统计局城镇非私营单位就业人员年平均工资公报"),
         "渝": (8_472_00, "演示数据：参照重庆市统计局城镇非私营单位就业人员年平均工资公报")}
"""Monthly wage in fen and the source each demo figure stands in for (not official)."""
BY = {"officer": "officer-demo", "president": "president-demo", "finance": "finance-demo",
      "admin": "admin-demo"}


def load(app: ReliefApplication, cases: CaseFactsQueries, wait_seconds: float = 180) -> int:
    """Enter the wage table and credit the funds, then apply in the background, unless
    the store holds events; files no enforcement cases itself (the cases demo counts those)."""
    if app.max_notification_id() > 0:
        return 0
    today = app.today()
    for province, (wage_fen, source) in WAGES.items():
        # R30 reads the previous year's figure for this year's decisions.
        app.enter_wage(province, today.year - 1, wage_fen, source, BY["admin"],
                       demonstration=True)
    for court in COURTS:
        for kind, amount, document in (
                (FundEntryKind.APPROPRIATION, 500_000_00, f"{court}财预〔{today.year}〕1号"),
                (FundEntryKind.DONATION, 50_000_00, f"{court}捐〔{today.year}〕1号")):
            app.credit_fund(court, today.year, kind, f"demo-{court}-{kind.value}", document,
                            today, amount)
    threading.Thread(target=_relieve_when_seen, args=(app, cases, wait_seconds), daemon=True,
                     name="relief-demo").start()
    return 0


def _relieve_when_seen(app: ReliefApplication, cases: CaseFactsQueries, wait_seconds: float) -> None:
    pause = threading.Event()
    for _ in range(int(wait_seconds)):
        concluded = cases.concluded(limit=1)
        if concluded:
            break
        pause.wait(1.0)  # the cases events are still on their way
    else:
        log.warning("relief demo: no demo case in 终本 arrived; no application filed")
        return
    try:
        _relieve(app, concluded[0], app.today())
    except Exception:
        log.exception("relief demo: a demo step was refused")


def _relieve(app: ReliefApplication, case: CaseFacts, today: date) -> None:
    """Rejected naming R30, then applied again, approved, paid and notified."""
    party = next(p.index for p in case.parties if p.role == "applicant")
    hardship = Hardship(category=HardshipCategory.MEDICAL,
                        narrative="演示数据：申请执行人身患重病，医疗费用无力负担。")
    first = app.apply(case.case_id, party, 400_000_00, hardship, False, today, BY["officer"],
                      application_id=f"demo-relief-{case.case_id}-1")
    app.reject(str(first.id), "R30", "申请金额超过救助上限及未受偿部分，且无特殊决定（演示数据）", today,
               BY["president"])
    second = app.apply(case.case_id, party, 30_000_00, hardship, False, today, BY["officer"],
                       application_id=f"demo-relief-{case.case_id}-2")
    app.review(str(second.id), 30_000_00, "符合救助条件（演示数据）", BY["officer"])
    app.approve(str(second.id), 30_000_00, today, BY["president"], None)
    app.disburse(str(second.id), today, BY["finance"])
    app.record_notified(str(second.id), today, BY["finance"])
