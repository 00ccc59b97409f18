"""Fixtures of every credit test, with no I/O: a fixed clock and a case it has seen filed
and noticed. The application on SQLite and the two backends are in integration/conftest.py."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from stdnum.cn import ric, uscc

from zhixing.credit.projections.cases_seen import CaseFacts, Debtor
from zhixing.kernel.clock import FixedClock


def resident_id(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


DEBTOR_ID = resident_id("51010419800312123")
COMPANY_CODE = "91510104MA6CQ1W2E" + uscc.calc_check_digit("91510104MA6CQ1W2E")
LEGAL_REP_ID = resident_id("51010419750101201")
CONTROLLER_ID = resident_id("51010219700505301")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 2, 0, tzinfo=UTC))  # 10:00 in Beijing


@pytest.fixture
def case() -> CaseFacts:
    """A 执 case of 川0104: a person and a company owe 100,000 yuan; the notice, served on
    2026-01-05 with the listing warning, gave them until 2026-01-15."""
    return CaseFacts(
        case_id="7f1c2a9e-0000-4000-8000-000000000001", case_number="(2026)川0104执100号",
        court_code="川0104",
        debtors=(Debtor(DEBTOR_ID, "王五", "natural_person"),
                 Debtor(COMPANY_CODE, "成都锦城建设有限公司", "organisation")),
        claim_total_fen=100_000_00, received_fen=0, notice_served_on="2026-01-05",
        notice_deadline="2026-01-15", warned=True, seized_fen=0)
