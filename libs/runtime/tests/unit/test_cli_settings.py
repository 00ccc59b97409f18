"""A bad setting stops `zhixing run` and every role with one line naming the variable
and its bounds (STYLE 14), before anything is built."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from zhixing.runtime.cli import app, mount

BAD = [("ZHIXING_METRICS_PORT", "abc", "0 to 65535"),
       ("ZHIXING_READY_MAX_LAG", "-1", "0 to 1000000000000"),
       ("ZHIXING_GRPC_PORT", "abc", "0 to 65535"),
       ("ZHIXING_HTTP_PORT", "70000", "0 to 65535"),
       ("ZHIXING_RELAY_BATCH", "abc", "1 to 100000"),
       ("ZHIXING_RELAY_BATCH", "0", "1 to 100000"),
       ("ZHIXING_SWEEP_SECONDS", "soon", "0.1 to 86400"),
       ("ZHIXING_SWEEP_SECONDS", "nan", "0.1 to 86400"),
       ("ZHIXING_SWEEP_SECONDS", "-1", "0.1 to 86400"),
       ("ZHIXING_HTTP_BURST", "0", "1 to 1000000"),
       ("ZHIXING_HTTP_RATE", "fast", "1 to 1000000")]


def _invoke(args: list[str], env: dict[str, str], tmp_path) -> tuple[int, str, object]:
    result = CliRunner().invoke(mount(app), args, env={"ZHIXING_VAR": str(tmp_path), **env})
    return result.exit_code, result.stderr, result.exception


class TestABadSetting:
    @pytest.mark.parametrize(("name", "value", "bounds"), BAD)
    def test_one_line_naming_variable_and_bounds_when_a_role_starts(self, tmp_path, name,
                                                                     value, bounds):
        code, stderr, exception = _invoke(["cases", "api"], {name: value}, tmp_path)
        assert (code, stderr.count("\n")) == (2, 1)
        assert f"{name}='{value}'" in stderr and bounds in stderr
        assert isinstance(exception, SystemExit)  # typer's exit, not a traceback

    @pytest.mark.parametrize(("name", "value", "bounds"), BAD)
    def test_one_line_naming_variable_and_bounds_when_the_suite_runs(self, tmp_path, name,
                                                                      value, bounds):
        code, stderr, _ = _invoke(["run", "--no-demo"], {name: value}, tmp_path)
        assert (code, stderr.count("\n")) == (2, 1)
        assert f"{name}='{value}'" in stderr and bounds in stderr
        assert not list(tmp_path.iterdir())  # nothing was built

    @pytest.mark.parametrize(("name", "value", "bounds"), BAD)
    @pytest.mark.parametrize("command", [["token"], ["case", "list"], ["audit-verify"],
                                         ["events", "types"], ["cases", "rebuild", "--list"]])
    def test_one_line_naming_variable_and_bounds_when_any_command_reads_settings(
            self, tmp_path, name, value, bounds, command):
        # ZHIXING_RELAY_BATCH=abc, ZHIXING_GRPC_PORT=abc: a ValueError traceback before.
        code, stderr, exception = _invoke(command, {name: value}, tmp_path)
        assert (code, stderr.count("\n")) == (2, 1), stderr
        assert f"{name}='{value}'" in stderr and bounds in stderr
        assert isinstance(exception, SystemExit)
