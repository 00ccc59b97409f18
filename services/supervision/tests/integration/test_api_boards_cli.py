"""`zhixing supervise board|agencies` against the real supervision service, served
in-process over gRPC (issue 16): refusals one line (exit 1), bounds a usage error
(exit 2) naming the option, tables with Chinese headings.

The fixture's cases and clock: `api_support` (川0104, Monday 2 March 2026).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner, Result

from zhixing.supervision.cli import app
from zhixing.supervision.cli.board import table

from .api_support import NAMED, UNNAMED, Supervision, supervision_served


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def supervision(tmp_path, monkeypatch) -> Iterator[Supervision]:
    with supervision_served(tmp_path) as served:
        monkeypatch.setenv("ZHIXING_GRPC_TARGET", served.target)
        monkeypatch.setenv("ZHIXING_JWT_SECRET", served.settings.jwt_secret)
        yield served


class TestBoardCommand:
    def test_board_is_refused_to_congress_in_one_line(self, supervision):
        shown = run("board", "--role", "congress")
        assert shown.exit_code == 1
        assert "PERMISSION_DENIED" in shown.output and "Traceback" not in shown.output

    def test_a_horizon_over_60_working_days_is_a_usage_error_naming_within(self, supervision):
        shown = run("board", "--within", "61")
        assert shown.exit_code == 2 and "--within" in shown.output


class TestAgenciesCommand:
    def test_a_period_of_61_months_is_refused_naming_to_month(self, supervision):
        shown = run("agencies", "--from-month", "2021-01", "--to-month", "2026-01",
                    "--role", "congress")
        assert shown.exit_code == 1 and "to_month" in shown.output


class TestCaseCommand:
    def test_the_case_is_printed_with_its_alert_when_of_the_callers_court(self, supervision):
        supervision.drain()
        shown = run("case", UNNAMED[0])
        assert shown.exit_code == 0, shown.output
        assert UNNAMED[1] in shown.output and "未结" in shown.output
        assert "R27" in shown.output and "open" in shown.output

    def test_a_case_its_matters_do_not_name_is_not_found_to_a_procurator(self, supervision):
        shown = run("case", NAMED[0], "--role", "procurator")
        assert shown.exit_code == 1 and "NOT_FOUND" in shown.output


class TestKpisMonthly:
    def test_a_region_is_printed_month_by_month_when_monthly(self, supervision):
        shown = run("kpis", "--from-month", "2026-01", "--to-month", "2026-02", "--region",
                    "川", "--monthly", "--court", "川", "--role", "congress")
        assert shown.exit_code == 0, shown.output
        lines = shown.output.splitlines()
        assert [line.split()[0] for line in lines] == ["2026-01", "2026-02", "合计"]
        assert "收案 2" in lines[0]


class TestTable:
    def test_columns_line_up_when_cells_mix_chinese_and_latin(self, capsys):
        table("超期节点", ("团队", "n"), [("执行一组", 3), ("t-2", 12)])
        lines = capsys.readouterr().out.splitlines()
        assert lines == ["— 超期节点 —", "团队      n", "执行一组  3", "t-2       12"]

    def test_none_is_printed_when_a_list_is_empty(self, capsys):
        table("司法救助资金", ("法院",), [])
        assert capsys.readouterr().out.splitlines() == ["— 司法救助资金 —", "（无）"]
