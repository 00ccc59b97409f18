"""The `zhixing` command as the CLI tests run it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner, Result

from zhixing.runtime.cli import app, mount

CLEAN = ("ZHIXING_GRPC_TARGET", "ZHIXING_GRPC_PORT", "ZHIXING_JWT_SECRET",
         "ZHIXING_JWT_SECRET_FILE", "ZHIXING_PG_DSN", "ZHIXING_TOKEN")
"""What a developer's shell may have set that would change which secret or target wins."""


@pytest.fixture
def zhixing(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """`zhixing …` in a clean environment, run from an empty directory."""
    for name in CLEAN:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZHIXING_VAR", str(tmp_path / "var"))
    monkeypatch.chdir(tmp_path)

    def run(*args: str, **env: str) -> Result:
        return CliRunner().invoke(mount(app), list(args), env=env, terminal_width=100)

    return run
