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


class TestMigrateNeverEchoesThePassword:
    """libpq quotes pieces of a malformed DSN in its errors: the password's too."""

    @pytest.mark.parametrize("dsn", [
        "postgresql://zx:se/cretpw@127.0.0.1/zhixing",  # '/' in an unencoded password
        "postgresql://zx:123/cretpw@127.0.0.1/zhixing",  # ... that starts with digits
        "postgresql://zx:p%zzcretpw@127.0.0.1/zhixing",  # a bad %-escape
        "host=127.0.0.1 password=cretpw cretpw",  # a word without '='
    ])
    def test_refused_in_one_line_without_the_password_when_the_dsn_is_malformed(
            self, tmp_path, dsn):
        result = CliRunner().invoke(mount(app), ["cases", "migrate"],
                                    env={"ZHIXING_VAR": str(tmp_path), "ZHIXING_PG_DSN": dsn})
        assert (result.exit_code, result.stderr.count("\n")) == (1, 1), result.stderr
        assert "ZHIXING_PG_DSN" in result.stderr
        assert "cretpw" not in result.stderr and "se/" not in result.stderr
        assert ":123" not in result.stderr
