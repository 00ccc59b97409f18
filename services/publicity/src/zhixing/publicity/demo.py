"""Demo data for `make run` (issue 17): a published typical case (典型案例) of the demo
court, written by its press role, reviewed by its president, and a reward notice
(悬赏公告) on one of its demo cases — every text marked as demonstration data (演示数据):
no court wrote it. The names and numbers in the demo's draft are made up and show the
redaction at work (R60): the portal shows 张某 and a masked account.

The publicity service learns of cases from the cases events, which the embedded runner
delivers only after start-up, so the notice waits in the background until a case of the
demo court has reached the read models (as the supervision demo waits). Recorded once: a
store that holds events already records nothing new.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from zhixing.kernel.errors import NotFound
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.application.publicity import PublicityApplication
from zhixing.publicity.domain.reward_notice import NoticeCase

log = logging.getLogger(__name__)
COURT = "川0104"
"""The demo court (the cases demo files cases there)."""
DEMO = "演示数据"
AUTHOR, REVIEWER = "press-demo", "president-demo"
TITLE = f"（{DEMO}）被执行人隐匿存款，执行法院依线索冻结扣划"
SUMMARY = (f"【{DEMO}】被执行人张三以他人名义存款规避执行，法院根据申请执行人提供的线索查明"
           "账户并依法冻结、扣划，案件执行完毕。")
BODY = (f"【{DEMO}，并非真实案例】申请执行人李四与被执行人张三民间借贷纠纷一案，判决生效后"
        "张三未履行还款义务。执行中，法院通过网络执行查控系统未发现其名下可供执行的财产。"
        "申请执行人向法院提供线索：张三以其亲属名义在某银行开立账户"
        "（账号 6222 0212 3456 7890 123），联系电话 138 0013 8000。"
        "法院依法调查核实后冻结并扣划该账户存款，张三（身份证号 510104199001011234）"
        "随后主动履行了剩余债务。\n\n"
        "典型意义：规避执行的行为终将被查实；人民群众可通过执行线索举报渠道协助法院查找"
        "被执行人财产。")
NAMES = ("张三", "李四")
POSTER = "officer-demo"
REWARD = f"【{DEMO}】按执行到位金额的10%给予奖励，最高5万元"
NOTICE = (f"【{DEMO}，并非真实公告】本院执行的该案件被执行人未履行生效法律文书确定的义务。"
          "欢迎知情人向本院提供被执行人的银行存款、车辆、不动产等财产线索或下落，"
          "经查证属实并执行到位的，本院按上述标准给予奖励。")
NOTICE_DAYS = 90
ACTIVE = ("filed", "executing", "resumed")


def load(app: PublicityApplication, portal: Portal | None = None,
         wait_seconds: float = 180) -> int:
    """Publish the demo's typical case, and in the background post a reward notice once
    a demo case is known, unless the store holds events already; files no cases (the
    cases demo counts those), so it answers 0."""
    if app.max_notification_id() > 0:
        return 0
    draft = app.draft_typical_case(court_code=COURT, author=AUTHOR, title=TITLE,
                                   summary=SUMMARY, body=BODY, redact_names=NAMES)
    app.submit_typical_case(draft.id, court_code=COURT, by=AUTHOR)
    app.review_typical_case(draft.id, court_code=COURT, by=REVIEWER, approve=True,
                            comment=DEMO)
    log.info("publicity demo: typical case %s published", draft.id)
    if portal is not None:
        threading.Thread(target=_notice_when_seen, args=(app, portal, wait_seconds),
                         daemon=True, name="publicity-demo").start()
    return 0


def _notice_when_seen(app: PublicityApplication, portal: Portal, wait_seconds: float) -> None:
    pause = threading.Event()
    for _ in range(int(wait_seconds)):
        case = _a_case(portal)
        if case is not None:
            break
        pause.wait(1.0)  # the cases events are still on their way
    else:
        log.warning("publicity demo: no demo case arrived in %ss; no reward notice",
                    wait_seconds)
        return
    valid_until = (app.today() + timedelta(days=NOTICE_DAYS)).isoformat()
    notice = app.post_reward_notice(COURT, case, REWARD, NOTICE, valid_until, by=POSTER)
    log.info("publicity demo: reward notice %s posted", notice.id)


def _a_case(portal: Portal) -> NoticeCase | None:
    """A case of the demo court both the progress and the notices' read models know."""
    cases, _ = portal.progress.list(court_code=COURT, page_size=20)
    # one still being enforced first: a reward notice asks for the debtor's property
    for progress in sorted(cases, key=lambda c: c.status not in ACTIVE):
        try:
            return portal.leads.notice_case(progress.case_number)
        except NotFound:
            continue
    return None
