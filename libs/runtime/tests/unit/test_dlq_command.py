"""`zhixing dlq …` reads a cluster's broker: without one it says so in one line (exit 2),
and a place that is not partition:offset is refused before any broker is asked."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from zhixing.runtime.cli import app, mount


def invoke(args: list[str], tmp_path, **env: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(mount(app), ["dlq", *args],
                              env={"ZHIXING_VAR": str(tmp_path), **env})


class TestDlqCommand:
    @pytest.mark.parametrize("args", [["list"], ["show", "t.dlq.g"], ["replay", "t.dlq.g", "0:1"]])
    def test_refused_naming_the_variable_when_there_is_no_broker(self, tmp_path, args):
        result = invoke(args, tmp_path, ZHIXING_KAFKA_BOOTSTRAP="")
        assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
        assert "ZHIXING_KAFKA_BOOTSTRAP is not set" in result.stderr

    @pytest.mark.parametrize("place", ["0", "a:1", "1:-2", "0:1:2", ""])
    def test_refused_when_the_place_is_not_partition_offset(self, tmp_path, place):
        result = invoke(["replay", "t.dlq.g", place], tmp_path,
                        ZHIXING_KAFKA_BOOTSTRAP="127.0.0.1:1")
        assert result.exit_code == 2 and "partition:offset" in result.stderr

    @pytest.mark.parametrize("place", ["\u00b2:1", "0:\u0661", "0:" + "9" * 20])
    def test_refused_in_one_line_when_the_place_has_non_ascii_or_overlong_digits(self, tmp_path, place):
        result = invoke(["replay", "t.dlq.g", place], tmp_path,
                        ZHIXING_KAFKA_BOOTSTRAP="127.0.0.1:1")
        assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
        assert "partition:offset" in result.stderr
