"""The cases application on SQLite (a file in the test's folder), with the fixed clock."""

from __future__ import annotations

import pytest

from zhixing.cases.application import CasesApplication
from zhixing.eventstore.settings import Settings


@pytest.fixture
def app(tmp_path, clock) -> CasesApplication:
    application = CasesApplication(Settings(var_dir=tmp_path), clock=clock)
    yield application
    application.close()
