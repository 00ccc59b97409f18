"""`make run`'s demo, as a court would see it (issue 14): the relief service's part of it
runs across services — a fund per demo court fed by an appropriation and a donation,
relief paid on a 终本 demo case, and money later received on that case repaying the fund
first (R32)."""

from __future__ import annotations

import os
import uuid

import pytest

from testkit.relief import ReliefCourt
from testkit.suites import BROKERLESS
from testkit.waiting import wait_until

pytestmark = pytest.mark.e2e

DEMO_COURTS = ("川0104", "川0107", "渝0103", "渝0105", "川0106")
"""The cases demo's courts; each has a relief fund in the demo."""
CONCLUDED_COURTS = ("川0107", "渝0103")
"""The courts of the demo cases the cases demo takes to 终本 (its cases 6 and 7)."""


def kinds(court: ReliefCourt, code: str) -> list[str]:
    fund = court("GetFund", "finance", court_code=code, year=0, page_size=500)
    return [movement.kind for movement in fund.ledger]


class TestDemo:
    def test_demo_repays_the_relief_fund_when_money_comes_in_on_the_relieved_case(
            self, tmp_path, processes):
        secret = uuid.uuid4().hex
        env = {k: v for k, v in os.environ.items() if k not in BROKERLESS}
        env.update(ZHIXING_VAR=str(tmp_path / "var"), ZHIXING_JWT_SECRET=secret)
        target = processes.start_api("embedded", ["run"], env)
        courts = {code: ReliefCourt(target, secret, code) for code in DEMO_COURTS}

        for code, court in courts.items():
            assert kinds(court, code)[:2] == ["appropriated", "donated"], code

        def repaid() -> list[str]:
            return [code for code in CONCLUDED_COURTS if "repaid" in kinds(courts[code], code)]

        wait_until(repaid, timeout=300, interval=1.0,
                   what="the demo's later recovery repaying a relief fund (R32)")
        code = repaid()[0]
        ledger = kinds(courts[code], code)
        assert ledger == ["appropriated", "donated", "reserved", "disbursed", "repaid"]
        listed = courts[code]("ListApplications", "officer")
        assert sorted(a.status for a in listed.applications) == ["notified", "rejected"]
