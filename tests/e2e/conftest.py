from __future__ import annotations

import pytest

from testkit.processes import Processes


@pytest.fixture
def processes(tmp_path):
    running = Processes(tmp_path)
    yield running
    running.stop_all()
