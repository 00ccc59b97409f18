"""Fixtures of every assets test, with no I/O: a fixed clock and a case the service has
seen filed. The application and the service on SQLite are in integration/conftest.py."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from stdnum.cn import ric, uscc

from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.kernel.clock import FixedClock

DEBTOR_ID = "51010419980312123" + ric.calc_check_digit("51010419980312123" + "0")
COMPANY_CODE = "91510104MA6CQ1W2E" + uscc.calc_check_digit("91510104MA6CQ1W2E")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 2, 0, tzinfo=UTC))  # 10:00 in Beijing


@pytest.fixture
def case() -> CaseRef:
    """A 执 case of 川0104 with two debtors and a claim of 100,000 yuan."""
    return CaseRef("7f1c2a9e-0000-4000-8000-000000000001", "(2026)川0104执100号", "川0104",
                   (Debtor(DEBTOR_ID, "王五"), Debtor(COMPANY_CODE, "成都锦城建设有限公司")),
                   team="执行一组", claim_total_fen=100_000_00)
