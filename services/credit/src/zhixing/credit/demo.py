"""Demo data for `make run`: two debtors of the cases demo listed as dishonest.

The credit service learns of cases from the cases events, which the embedded runner
delivers only after start-up, so the demo waits in the background until it has seen
demo cases whose execution notice warned of listing (R5), then decides as the court
would: ground (3), signed off, with the company's legal representative (R14). The
notices were served months ago in the demo, so the grace period is over (R10) and the
listings are published — on the partners' list and the public page at once.
"""

from __future__ import annotations

import logging
import threading

from stdnum.cn import ric

from zhixing.credit.application import CreditApplication
from zhixing.credit.application.listings import Decision
from zhixing.credit.projections.cases_seen import CasesSeenQueries

log = logging.getLogger(__name__)
LISTED = 2
REPRESENTATIVES = ("周建国", "吴秀英")


def load(app: CreditApplication, cases: CasesSeenQueries, wait_seconds: float = 120) -> int:
    """Start listing in the background unless the store holds events; lists no cases
    itself (the cases demo counts those)."""
    if app.max_notification_id() > 0:
        return 0
    threading.Thread(target=_list_when_seen, args=(app, cases, wait_seconds), daemon=True,
                     name="credit-demo").start()
    return 0


def _list_when_seen(app: CreditApplication, cases: CasesSeenQueries, wait_seconds: float) -> None:
    pause = threading.Event()
    for _ in range(int(wait_seconds)):
        noticed = cases.noticed(LISTED)
        if len(noticed) == LISTED:
            break
        pause.wait(1.0)  # the cases events are still on their way
    else:
        log.warning("credit demo: no noticed demo cases arrived; nothing listed")
        return
    for index, case in enumerate(noticed):
        debtor = case.debtors[0]
        body = f"5101041975010{index + 1:03d}1"[:17]
        representative = {"role": "legal_representative", "name": REPRESENTATIVES[index],
                          "identity_number": body + ric.calc_check_digit(body + "0")}
        try:
            app.decide_listing(case, Decision(
                debtor_identity_number=debtor.identity_number, grounds=[3],
                facts="以转移财产方法规避执行（演示数据）",
                decision_number=f"{case.case_number}之失信", decided_on=app.today(),
                signed_by_president=True,
                persons=[representative] if debtor.kind == "organisation" else []))
        except Exception:
            log.exception("credit demo: a demo listing was refused")
