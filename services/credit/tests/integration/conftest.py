"""The credit application on SQLite with the fixed clock, and settings on either backend."""

from __future__ import annotations

import pytest

from testkit.stack import stack_settings
from zhixing.credit.application import CreditApplication
from zhixing.eventstore.settings import Settings


@pytest.fixture
def app(tmp_path, clock):
    application = CreditApplication(Settings(var_dir=tmp_path), clock=clock)
    yield application
    application.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def backend(request, tmp_path) -> Settings:
    """Settings on SQLite and, in the connected run, on the stack's PostgreSQL (STYLE 10),
    with the clock read from a file at 2026-03-02 10:00 in Beijing."""
    clock_file = tmp_path / "clock"
    clock_file.write_text("2026-03-02T02:00:00+00:00")
    if request.param == "sqlite":
        return Settings(var_dir=tmp_path, grpc_port=0, clock_file=str(clock_file))
    return stack_settings(tmp_path, grpc_port=0, clock_file=str(clock_file))
