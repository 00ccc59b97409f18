"""The assets application on SQLite with the fixed clock, and the whole service instance."""

from __future__ import annotations

import pytest

from zhixing.assets.application import AssetsApplication
from zhixing.assets.bootstrap import build
from zhixing.eventstore.settings import Settings


@pytest.fixture
def app(tmp_path, clock):
    application = AssetsApplication(Settings(var_dir=tmp_path), clock=clock)
    yield application
    application.close()


@pytest.fixture
def service(tmp_path, clock):
    """The whole assets service instance (views migrated), on the fixture clock's time
    (through a clock file, as the processes of the e2e tests are)."""
    clock_file = tmp_path / "clock"
    clock_file.write_text(clock.now().isoformat())
    settings = Settings(var_dir=tmp_path, grpc_port=0, clock_file=str(clock_file))
    instance = build(settings)
    yield settings, instance
    instance.close()
