"""Demo data for `make run`: cases at courts of Chengdu and Chongqing.

Identity numbers are synthetic but valid (their check digits are computed), so the same
validation that guards real filings accepts them.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, timedelta
from uuid import UUID

from stdnum.cn import ric, uscc

from zhixing.cases.application import CasesApplication
from zhixing.cases.domain.filing import Basis, Claim, Party, validate_filing
from zhixing.kernel.clock import Clock, FixedClock

# Born after the districts were created: the ID's birth place must exist in its year.
PEOPLE = [("张伟", "510104", "19980312", "123"), ("王芳", "510107", "19990726", "224"),
          ("李强", "500103", "20010105", "311"), ("刘洋", "500106", "19980918", "452"),
          ("陈静", "510105", "20031130", "568")]
COMPANIES = [("成都锦城建设有限公司", "91510104MA6C", "Q1W2E"),
             ("重庆渝中商贸有限公司", "91500103MA5U", "R3T4Y"),
             ("四川天府物流有限公司", "91510107MA6D", "U5J6P")]
COURTS = ["川0104", "川0107", "渝0103", "渝0105", "川0106"]
RECOVERED_FEN = 50_000_00
"""Money the demo receives later on a 终本 case the relief demo paid relief in (R32)."""
log = logging.getLogger(__name__)


def resident_id(area: str, birth: str, serial: str) -> str:
    body = area + birth + serial
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder digit


def credit_code(prefix: str, tail: str) -> str:
    body = (prefix + tail + "000000000000000000")[:17]
    return body + uscc.calc_check_digit(body)


def demo_parties(index: int) -> tuple[list[Party], list[Party]]:
    name, area, birth, serial = PEOPLE[index % len(PEOPLE)]
    company, prefix, tail = COMPANIES[index % len(COMPANIES)]
    person = Party("applicant", "natural_person", name, resident_id(area, birth, serial))
    debtor = Party("respondent", "organisation", company, credit_code(prefix, tail))
    return [person], [debtor]


def load(app: CasesApplication, count: int = 12, wait_seconds: float = 240) -> int:
    """File `count` demo cases and walk some through the procedure, unless the store
    already holds events. The demo replays about five months of court work, so that
    every state exists: filed, executing, settled, 终本, resumed, closed, delegated."""
    if app.max_notification_id() > 0:
        return 0
    real_clock = app.clock
    app.clock = FixedClock(real_clock.now() - timedelta(days=150))
    try:
        cases = [_file(app, index) for index in range(count)]
        _walk(app, real_clock, cases)
    finally:
        app.clock = real_clock
    threading.Thread(target=_recover_when_relieved, args=(app, cases[6:8], wait_seconds),
                     daemon=True, name="cases-demo-recovery").start()
    return count


def _file(app: CasesApplication, index: int) -> UUID:
    applicants, respondents = demo_parties(index)
    filing = validate_filing(
        court_code=COURTS[index % len(COURTS)], case_type="执",
        basis=Basis("judgment", "成都市锦江区人民法院", f"(2025)川0104民初{1000 + index}号",
                    date(2025, 11, 1).isoformat()),
        applicants=applicants, respondents=respondents,
        claim=Claim(100_000_00 + index * 5_000_00, 2_000_00, 1_500_00), today=app.clock.today())
    return app.file_case(filing, request_id=f"demo-{index}").id


def _walk(app: CasesApplication, real_clock: Clock, cases: list[UUID]) -> None:
    """Cases 0–1 stay as filed (their assignment limit runs out: overdue nodes)."""
    clock = app.clock
    assert isinstance(clock, FixedClock)
    for index, case_id in enumerate(cases[2:], start=2):
        app.assign_case(case_id, f"执行{index % 3 + 1}组", f"officer-{index % 3 + 1}")
        app.serve_notice(case_id)
        app.request_leads(case_id)
    clock.advance(timedelta(days=20))
    _pay_in_full(app, cases[2])                       # 执行完毕
    app.agree_settlement(cases[3], [(clock.today() + timedelta(days=30), 50_000_00)])
    app.close_case(cases[4], "withdrawn")             # 撤回申请
    app.delegate_case(cases[5], "渝0105")             # 委托执行 → a 执协 case at 渝0105
    for case_id in cases[6:9]:
        _record_nothing_found(app, case_id)
    clock.advance(timedelta(days=100))                # more than 3 months since filing
    for case_id in cases[6:8]:
        app.conclude_case(case_id)                    # 终本
    app.resume_case(cases[7])                         # 恢复执行 → 执恢
    app.record_payment(cases[8], "demo-partial", 20_000_00)
    app.transfer_to_bankruptcy(cases[9], consent_of="applicant")  # R45
    app.clock = real_clock
    for case_id in cases:
        app.flag_overdue(case_id)


def _recover_when_relieved(app: CasesApplication, concluded: list[UUID],
                           wait_seconds: float) -> None:
    """Once the relief demo has paid relief in a 终本 demo case (its `ReliefDisbursed`
    recorded the advance), money arrives on that case and repays the fund first (R32)."""
    pause = threading.Event()
    try:
        for _ in range(int(wait_seconds)):
            relieved = [case_id for case_id in concluded if app.get_account(case_id).advances]
            if relieved:
                break
            pause.wait(1.0)  # the relief demo's events are still on their way
        else:
            return
        account = app.record_payment(relieved[0], "demo-recovery", RECOVERED_FEN)
        owed = account.owed.get("relief_fund", 0)
        if owed:
            app.disburse(relieved[0], "demo-relief-repaid", "relief_fund", owed)
    except Exception:  # the demo never stops the suite; a closed store ends it too
        log.warning("cases demo: the later recovery was not recorded", exc_info=True)


def _pay_in_full(app: CasesApplication, case_id: UUID) -> None:
    case = app.get_case(case_id)
    account = app.record_payment(case_id, "demo-full", case.claim_total_fen)
    for payee, owed in list(account.owed.items()):
        app.disburse(case_id, f"demo-{payee}", payee, owed)
    app.close_case(case_id, "executed_in_full")


def _record_nothing_found(app: CasesApplication, case_id: UUID) -> None:
    """What the assets and credit services will publish (their services come later)."""
    case = app.get_case(case_id)
    today = app.today().isoformat()
    for debtor in (p.identity_number for p in case.respondents):
        app.apply_inquiry(case_id, f"demo-{case_id}", debtor, today,
                          ["bank_deposit", "vehicle", "real_estate", "securities"], False, False)
        app.apply_restriction(case_id, f"demo-{case_id}", debtor, today)
        app.apply_listing_decision(case_id, f"demo-{case_id}", debtor, True, today)
    app.interview_applicant(case_id, "告知已采取的执行措施及终本的法律后果")
