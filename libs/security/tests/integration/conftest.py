"""The audit suites run on SQLite and, when `ZHIXING_PG_DSN` is set, on PostgreSQL."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from zhixing.eventstore.sql import SqlStore


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    """The same suite on SQLite and, when `ZHIXING_PG_DSN` is set, on PostgreSQL."""
    if request.param == "sqlite":
        yield SqlStore(sqlite_path=tmp_path / "audit.db")
        return
    dsn = os.environ.get("ZHIXING_PG_DSN", "")
    if not dsn:
        pytest.fail("ZHIXING_PG_DSN not set: run the connected tests with `make test`")
    schema = f"audit_test_{uuid.uuid4().hex[:12]}"
    admin = SqlStore(dsn=dsn)
    admin.migrate(f'CREATE SCHEMA "{schema}"')
    pg = SqlStore(dsn=dsn, schema=schema)
    yield pg
    pg.close()
    admin.migrate(f'DROP SCHEMA "{schema}" CASCADE')
    admin.close()
