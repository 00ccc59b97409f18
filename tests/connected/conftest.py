from __future__ import annotations

import pytest

from testkit.stack import stack_settings
from zhixing.cases.application import CasesApplication
from zhixing.cases.demo import credit_code, resident_id
from zhixing.cases.domain.filing import Basis, Claim, Party, validate_filing
from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.sql import Cursor, SqlStore


class AppliedLog:
    """A handler that records every application of an event — duplicates would show."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        store.migrate("CREATE TABLE IF NOT EXISTS applied (ce_id TEXT NOT NULL, "
                      "subject TEXT NOT NULL)")

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        cursor.execute("INSERT INTO applied (ce_id, subject) VALUES (%s, %s)",
                       (event.id, event.subject))

    def counts(self) -> tuple[int, int]:
        """(rows, distinct event ids)."""
        with self.store.transaction() as cur:
            cur.execute("SELECT COUNT(*), COUNT(DISTINCT ce_id) FROM applied")
            rows, distinct = cur.fetchone()  # type: ignore[misc]
        return int(rows), int(distinct)


@pytest.fixture
def settings(tmp_path):
    return stack_settings(tmp_path)


@pytest.fixture
def cases_app(settings):
    app = CasesApplication(settings)
    yield app
    app.close()


@pytest.fixture
def consumer_store(settings):
    settings.ensure_schema("probe")
    store = SqlStore(dsn=settings.postgres_dsn, schema=settings.schema("probe"))
    yield store
    store.close()


@pytest.fixture
def applied_log(consumer_store):
    return AppliedLog(consumer_store)


@pytest.fixture
def file_cases(cases_app):
    """File `n` valid cases through the cases application (real PostgreSQL)."""

    def file(n: int, app: CasesApplication | None = None) -> None:
        target = app or cases_app
        person = Party("applicant", "natural_person", "张伟",
                       resident_id("510104", "19980312", "123"))
        company = Party("respondent", "organisation", "成都锦城建设有限公司",
                        credit_code("91510104MA6C", "Q1W2E"))
        filing = validate_filing(
            court_code="川0104", case_type="执",
            basis=Basis("judgment", "成都市锦江区人民法院", "(2025)川0104民初1号", "2025-01-02"),
            applicants=[person], respondents=[company], claim=Claim(1000_00, 0, 0),
            today=target.clock.today())
        for _ in range(n):
            target.file_case(filing)

    return file
