"""`zhixing <service> migrate` is the chart's schema Job (issue 13): without a database to
migrate it refuses in one line naming the variable, instead of "succeeding" on SQLite."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from zhixing.runtime.cli import app, mount
from zhixing.runtime.service import discover


class TestMigrateWithoutADatabase:
    @pytest.mark.parametrize("service", sorted(discover()))
    def test_refused_naming_the_variable_when_no_dsn_is_set(self, tmp_path, service):
        result = CliRunner().invoke(mount(app), [service, "migrate"],
                                    env={"ZHIXING_VAR": str(tmp_path), "ZHIXING_PG_DSN": ""})
        assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
        assert "ZHIXING_PG_DSN is not set" in result.stderr
        assert list(tmp_path.iterdir()) == []  # nothing was built
