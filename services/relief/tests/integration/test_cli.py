"""`zhixing aid` against the real relief service, served in-process over gRPC: the wage
table, a fund, an application approved and paid, the report as a table and as CSV;
refusals are one line naming the rule (exit 1), bad input exit 2 naming the option.

The fixture's case and clock: `api_support` (a 终本 case of 川0104, Monday 2 March 2026).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner, Result

from testkit.assets import drain
from zhixing.relief.cli import app

from .api_support import CASE_NUMBER, NARRATIVE, Relief, relief_served


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def relief(tmp_path, monkeypatch) -> Iterator[Relief]:
    with relief_served(tmp_path) as served:
        monkeypatch.setenv("ZHIXING_GRPC_TARGET", served.target)
        monkeypatch.setenv("ZHIXING_JWT_SECRET", served.settings.jwt_secret)
        monkeypatch.delenv("ZHIXING_TOKEN", raising=False)
        monkeypatch.delenv("ZHIXING_ROLE", raising=False)
        monkeypatch.delenv("ZHIXING_COURT", raising=False)
        yield served


def applied(amount: str = "50000") -> str:
    """Apply on the fixture's case; the new application's id."""
    out = run("apply", CASE_NUMBER, "--party", "0", "--amount", amount, "--category",
              "medical", "--narrative", NARRATIVE)
    assert out.exit_code == 0, out.output
    return re.search(r"司救执1号  ([0-9a-f-]{36})", out.stdout).group(1)


def reviewed(key: str, amount: str) -> None:
    out = run("review", key, "--amount", amount, "--opinion", "符合救助条件")
    assert out.exit_code == 0 and "已审查" in out.stdout, out.output


def funded() -> None:
    assert run("wage-enter", "川", "2025", "--wage", "8000", "--source", "四川省统计公报").exit_code == 0
    assert run("credit", "appropriation", "--amount", "1000000", "--entry", "e-1",
               "--document", "川财〔2026〕1号").exit_code == 0


class TestTheSteps:
    def test_the_application_is_paid_and_shown_in_yuan_when_each_role_acts(self, relief):
        funded()
        key = applied()
        reviewed(key, "40000")
        approved = run("approve", key, "--amount", "40000")
        assert approved.exit_code == 0, approved.output
        assert "已批准" in approved.stdout and "批准 ¥40,000.00" in approved.stdout
        assert "上限 ¥288,000.00 = 36 × 2025 年月平均工资" in approved.stdout  # R30
        paid = run("disburse", key)
        assert "已发放" in paid.stdout and "告知期限 2026-03-04" in paid.stdout
        fund = run("fund").stdout
        assert "余额 ¥960,000.00" in fund and "财政拨款" in fund and "发放" in fund

    def test_the_report_is_a_table_and_csv_when_the_service_followed_its_events(self, relief):
        funded()
        key = applied()
        reviewed(key, "40000")
        run("approve", key, "--amount", "40000")
        run("disburse", key)
        drain(relief.instance)
        table = run("report", "--year", "2026")
        assert table.exit_code == 0, table.output
        assert re.search(r"财政拨款\s+¥1,000,000\.00", table.stdout)
        assert re.search(r"已发放\s+¥40,000\.00", table.stdout)
        csv = run("report", "--year", "2026", "--csv")
        assert csv.exit_code == 0 and "," in csv.stdout.splitlines()[0]
        assert "¥" not in csv.stdout.splitlines()[0]

    def test_the_report_shows_no_days_when_no_application_was_decided_or_paid(self, relief):
        funded()
        applied()
        drain(relief.instance)
        table = run("report", "--year", "2026")
        assert table.exit_code == 0, table.output
        assert re.search(r"决定用时 中位/最长\s+—", table.stdout)
        assert re.search(r"发放用时 中位/最长\s+—", table.stdout)
        assert "0 / 0 天" not in table.stdout

    def test_the_hardship_is_printed_and_audited_when_a_purpose_is_given(self, relief):
        key = applied()
        out = run("hardship", key, "--purpose", "审查", "--role", "judge")
        assert out.exit_code == 0 and NARRATIVE in out.stdout
        assert NARRATIVE not in run("show", key).stdout


class TestRefusals:
    def test_exit_1_naming_r30_when_above_the_cap(self, relief):
        funded()
        key = applied("300000")
        reviewed(key, "300000")
        out = run("approve", key, "--amount", "288000.01")
        assert out.exit_code == 1
        assert "FAILED_PRECONDITION" in out.output and "R30" in out.output

    def test_exit_1_naming_r46_when_an_officer_approves(self, relief):
        key = applied()
        out = run("approve", key, "--amount", "1000", "--role", "officer")
        assert out.exit_code == 1 and "PERMISSION_DENIED" in out.output
        assert "Traceback" not in out.output

    def test_exit_2_naming_the_option_when_the_amount_is_no_number(self, relief):
        out = run("approve", "x", "--amount", "a lot")
        assert out.exit_code == 2 and "--amount" in out.output
