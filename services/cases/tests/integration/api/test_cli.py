"""`zhixing case ...` against the real CasesService: yuan in, yuan out, rules named, one
line on stderr and a non-zero exit on refusal (STYLE 14)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from zhixing.cases.cli import app

from .conftest import OTHER_TEAM, TEAM


@pytest.fixture
def zhixing(grpc_cases, monkeypatch):
    """Run `zhixing case ...` against the test server; the result of the run."""
    monkeypatch.setenv("ZHIXING_GRPC_TARGET", grpc_cases.target)
    monkeypatch.setenv("ZHIXING_JWT_SECRET", grpc_cases.settings.jwt_secret)
    for name in ("ZHIXING_TOKEN", "ZHIXING_ROLE", "ZHIXING_TEAM", "ZHIXING_USER"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()

    def run(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args))

    return run


class TestCaseCommands:
    def test_a_case_is_assigned_and_noticed_when_the_team_runs_the_commands(
            self, grpc_cases, zhixing):
        number = grpc_cases.file()
        assigned = zhixing("assign", number, "--to-team", TEAM, "--lead-officer", "李明")
        noticed = zhixing("notice", number, "--team", TEAM)
        assert assigned.exit_code == 0 and f"{TEAM}/李明" in assigned.stdout
        assert noticed.exit_code == 0 and "执行中" in noticed.stdout

    def test_check_conclusion_prints_each_unmet_precondition_with_its_rule(
            self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        result = zhixing("check-conclusion", number)
        rules = [line.split()[0] for line in result.stdout.splitlines()]
        assert result.exit_code == 0 and {"R16(1)", "R16(4)", "R17"} <= set(rules)

    def test_money_is_read_and_printed_in_yuan(self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        paid = zhixing("pay", number, "--amount", "3000.50", "--reference", "slip-1")
        out = zhixing("disburse", number, "--payee", "applicant:0", "--amount", "1000",
                      "--reference", "pay-1")
        assert paid.exit_code == 0 and "received 3000.50" in paid.stdout
        assert out.exit_code == 0 and "balance 2000.50" in out.stdout
        lines = [" ".join(line.split()) for line in zhixing("account", number).stdout.splitlines()]
        assert "paid applicant:0 1000.00" in lines

    def test_a_refusal_referral_moves_in_r44_order_and_a_skipped_stage_exits_1(
            self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        referred = zhixing("refer", number, "--document", "移送函1号", "--decided-on",
                           "2026-03-03", "--team", TEAM)
        referral_id = referred.stdout.split()[1]
        filed = zhixing("referral", number, referral_id, "--stage", "police_filed",
                        "--document", "公刑立1号", "--decided-on", "2026-03-05", "--team", TEAM)
        skipped = zhixing("referral", number, referral_id, "--stage", "judged",
                          "--document", "刑初1号", "--decided-on", "2026-03-06", "--team", TEAM)
        assert referred.exit_code == 0 and "now referred" in referred.stdout
        assert filed.exit_code == 0 and "公安机关立案" in filed.stdout
        assert skipped.exit_code == 1 and "R44" in skipped.output

    def test_the_worklist_shows_the_teams_limits(self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        grpc_cases.index()
        result = zhixing("worklist", "--team", TEAM)
        assert result.exit_code == 0 and f"{number}  发出执行通知书 (R27)" in result.stdout

    def test_the_list_shows_the_courts_cases(self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        grpc_cases.index()
        result = zhixing("list", "--status", "executing")
        assert result.exit_code == 0 and result.stdout.startswith(number)

    def test_the_timeline_names_each_act(self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        lines = zhixing("timeline", number).stdout.splitlines()
        assert [line.split()[1] for line in lines] == ["立案", "分案"]


class TestCaseCommandErrors:
    def test_one_line_naming_r46_and_exit_1_when_another_team_disburses(
            self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        zhixing("pay", number, "--amount", "10", "--reference", "slip-1")
        result = zhixing("disburse", number, "--payee", "applicant:0", "--amount", "10",
                         "--reference", "pay-1", "--role", "officer", "--team", OTHER_TEAM)
        assert result.exit_code == 1
        assert result.stderr.startswith("zhixing: PERMISSION_DENIED: R46")
        assert len(result.stderr.splitlines()) == 1

    def test_one_line_naming_r16_4_when_conclusion_comes_too_early(self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        result = zhixing("conclude", number, "--team", TEAM)
        assert result.exit_code == 1 and "FAILED_PRECONDITION" in result.stderr
        assert "R16(4)" in result.stderr and len(result.stderr.splitlines()) == 1

    def test_usage_error_naming_the_field_when_an_amount_is_not_yuan(self, grpc_cases,
                                                                      zhixing):
        number = grpc_cases.assigned()
        result = zhixing("pay", number, "--amount", "12.345", "--reference", "slip-1")
        assert result.exit_code == 2 and "amount" in result.stderr

    def test_usage_error_naming_r38_when_the_case_number_is_malformed(self, zhixing):
        result = zhixing("notice", "川0104-1")
        assert result.exit_code == 2 and "R38" in result.stderr

    def test_permission_denied_when_a_judge_extends_a_time_limit(self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        result = zhixing("extend", number, "--due-on", "2026-12-31", "--role", "judge")
        assert result.exit_code == 1 and "PERMISSION_DENIED" in result.stderr

    def test_a_president_extends_a_time_limit(self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        result = zhixing("extend", number, "--due-on", "2026-12-31")
        assert result.exit_code == 0, result.stderr
