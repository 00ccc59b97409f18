"""Two API processes of the relief service approving at once against one fund that can
afford only some of the applications: the fund never goes negative (R32).

Each process queues the approvals of one fund internally; between processes the event
store's optimistic concurrency refuses the later writer of the fund, which retries on
fresh state and checks the balance again. So exactly the affordable approvals succeed,
every other one is refused naming R32 (FAILED_PRECONDITION), and the fund's ledger is
exact afterwards — on PostgreSQL, the cluster's store. Broken if a reservation were
checked against a stale fund: a sixth approval would pass and the fund go below zero.
"""

from __future__ import annotations

import random
import uuid
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from testkit.relief import COURT, PROVINCE, ReliefCourt, make_known_unable_to_pay
from testkit.stack import process_env, stack_settings
from testkit.waiting import wait_until

pytestmark = pytest.mark.e2e

TODAY = "2026-06-15T10:00:00+08:00"
APPLICATIONS, AFFORDABLE = 12, 5
AMOUNT = 3_000_00
"""Each application asks for ¥3,000.00, within the cap and the unpaid claim (R30)."""
FUND = AFFORDABLE * AMOUNT + AMOUNT - 1
"""One fen short of a sixth approval."""
CLAIM = 10_000_00


def test_only_affordable_approvals_pass_when_two_processes_race_for_one_fund(
        tmp_path, processes):
    settings = stack_settings(tmp_path)
    clock = tmp_path / "clock"
    clock.write_text(TODAY)
    env = process_env(settings, ZHIXING_CLOCK_FILE=str(clock))
    processes.start("relief-worker", ["relief", "worker"], env)  # case facts (R29)
    targets = [processes.start_api(name, ["relief", "api"], env)
               for name in ("relief-api-a", "relief-api-b")]
    courts = [ReliefCourt(target, settings.jwt_secret) for target in targets]
    court = courts[0]

    court("EnterWage", "admin", province=PROVINCE, year=2025, monthly_wage_fen=8_000_00,
          source="四川省统计局 2025 年城镇非私营单位就业人员平均工资（测试数据）",
          demonstration=True)
    court("CreditFund", "finance", court_code=COURT, year=2026, kind="appropriation",
          entry_id="appr-race", document_number="川财救〔2026〕1号", amount_fen=FUND)

    case_ids = [str(uuid.uuid4()) for _ in range(APPLICATIONS)]
    for serial, case_id in enumerate(case_ids, start=1):
        make_known_unable_to_pay(settings, case_id, serial, CLAIM)
    applications = []
    for case_id in case_ids:
        request_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"race/{case_id}"))
        applied = wait_until(lambda c=case_id, r=request_id: court.apply_once_known(
            case_ref=c, party_index=0, requested_fen=AMOUNT, hardship_category="medical",
            narrative="申请人患重病，无力支付医疗费用", request_id=r), timeout=90,
            what=f"relief to know case {case_id} and file its application")
        court("Review", "officer", application_id=applied.application_id,
              proposed_fen=AMOUNT, opinion="符合救助条件，建议救助")
        applications.append(applied.application_id)

    rng = random.Random(14)
    order = list(enumerate(applications))
    rng.shuffle(order)

    def approve(task: tuple[int, str]) -> tuple[str, grpc.StatusCode | None, str]:
        index, application_id = task
        refused = courts[index % 2].refusal("Approve", "president",
                                            application_id=application_id, amount_fen=AMOUNT)
        if refused is None:
            return application_id, None, ""
        return application_id, refused.code(), refused.details() or ""

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(approve, order))

    approved = sorted(a for a, code, _ in outcomes if code is None)
    refused = [(code, details) for _, code, details in outcomes if code is not None]
    assert len(approved) == AFFORDABLE, outcomes
    assert len(refused) == APPLICATIONS - AFFORDABLE
    for code, details in refused:
        assert code == grpc.StatusCode.FAILED_PRECONDITION, details
        assert details.startswith("R32"), details

    answer = court("GetFund", "finance", court_code=COURT, year=2026, page_size=500)
    fund = answer.fund
    assert (fund.income_fen, fund.disbursed_fen) == (FUND, 0)
    assert fund.reserved_fen == AFFORDABLE * AMOUNT
    assert fund.balance_fen == FUND
    assert fund.available_fen == AMOUNT - 1
    assert not answer.next_page_token
    kinds = [line.kind for line in answer.ledger]
    assert kinds == ["appropriated"] + ["reserved"] * AFFORDABLE, kinds
    assert sorted(line.ref for line in answer.ledger[1:]) == approved
    available = 0
    for line in answer.ledger:  # R32: what may still be reserved never goes below zero
        available += line.amount_fen if line.kind == "appropriated" else -line.amount_fen
        assert available >= 0, answer.ledger
    assert available == fund.available_fen

    for application_id in applications:
        status = court("GetApplication", "president",
                       application_id=application_id).application.status
        assert status == ("approved" if application_id in approved else "reviewed")
    for each in courts:
        each.close()
