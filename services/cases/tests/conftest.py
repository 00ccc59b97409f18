"""Fixtures of every cases test, with no I/O: a fixed clock and valid filings. The
application on SQLite is in integration/conftest.py."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from zhixing.cases.demo import credit_code, resident_id
from zhixing.cases.domain.filing import Basis, Claim, Filing, Party, validate_filing
from zhixing.kernel.clock import FixedClock

PERSON_ID = resident_id("510104", "19980312", "123")
COMPANY_CODE = credit_code("91510104MA6C", "Q1W2E")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 2, 0, tzinfo=UTC))


def _filing_fields(**changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "court_code": "川0104", "case_type": "执",
        "basis": Basis("judgment", "成都市锦江区人民法院", "(2025)川0104民初100号", "2025-12-01"),
        "applicants": [Party("applicant", "natural_person", "张伟", PERSON_ID)],
        "respondents": [Party("respondent", "organisation", "成都锦城建设有限公司", COMPANY_CODE)],
        "claim": Claim(100_000_00, 0, 1_000_00),
        "today": datetime(2026, 3, 2).date(),
    }
    fields.update(changes)
    return fields


def _a_filing(**changes: object) -> Filing:
    return validate_filing(**_filing_fields(**changes))  # type: ignore[arg-type]


@pytest.fixture
def a_filing():
    """A factory: a valid filing, with the given fields changed."""
    return _a_filing


@pytest.fixture
def filing_fields():
    return _filing_fields


@pytest.fixture
def person_id() -> str:
    return PERSON_ID
