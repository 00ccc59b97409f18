"""`zhixing supervise` against the real supervision service, served in-process over gRPC:
the figures, the alert's life, a matter, the register recorded, read and verified — exit 0
when the chain is whole, exit 1 naming the seq when it is not; refusals one line (exit 1),
bad input exit 2 naming the option.

The fixture's cases and clock: `api_support` (川0104, Monday 2 March 2026).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner, Result

from zhixing.supervision.cli import app

from .api_support import ASKED, NAMED, OFFICIAL, UNNAMED, Supervision, supervision_served


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def supervision(tmp_path, monkeypatch) -> Iterator[Supervision]:
    with supervision_served(tmp_path) as served:
        monkeypatch.setenv("ZHIXING_GRPC_TARGET", served.target)
        monkeypatch.setenv("ZHIXING_JWT_SECRET", served.settings.jwt_secret)
        yield served


def record(*extra: str) -> Result:
    return run("interference", "record", "--who-name", OFFICIAL, "--who-unit", "某区住建局",
               "--who-post", "副局长", "--means", "call", "--asked", ASKED,
               "--case-id", NAMED[0], "--case-number", NAMED[1], *extra)


class TestFiguresAndAlerts:
    def test_kpis_print_each_month_and_the_total(self, supervision):
        shown = run("kpis", "--from-month", "2026-01", "--to-month", "2026-02",
                    "--role", "congress")
        assert shown.exit_code == 0, shown.output
        lines = shown.output.splitlines()
        assert [line.split()[0] for line in lines] == ["2026-01", "2026-02", "合计"]
        assert "收案 2" in lines[0]

    def test_drill_is_refused_to_congress_in_one_line(self, supervision):
        shown = run("drill", "received", "--from-month", "2026-01", "--to-month", "2026-03",
                    "--role", "congress")
        assert shown.exit_code == 1
        assert "PERMISSION_DENIED" in shown.output and "Traceback" not in shown.output

    def test_an_alert_is_acknowledged_then_closed_with_its_reason(self, supervision):
        alert = supervision.the_alert()
        assert run("ack", alert.alert_id, "--note", "今日送达").exit_code == 0
        closed = run("close", alert.alert_id, "--reason", "已补正送达", "--role", "president")
        assert closed.exit_code == 0, closed.output
        assert "closed" in closed.output and "已补正送达" in closed.output
        assert UNNAMED[1] in closed.output

    def test_a_period_of_61_months_is_refused_naming_to_month(self, supervision):
        shown = run("kpis", "--from-month", "2021-01", "--to-month", "2026-01")
        assert shown.exit_code == 1 and "to_month" in shown.output


class TestRegister:
    def test_verify_exits_0_when_the_chain_is_whole(self, supervision):
        assert record().exit_code == 0
        shown = run("verify")
        assert shown.exit_code == 0, shown.output
        assert "完好 ok  1 records" in shown.output

    def test_verify_exits_1_naming_the_seq_when_the_tail_was_cut(self, supervision):
        recorded = record()
        head = recorded.output.split("chain ")[1].strip()
        shown = run("verify", "--head-seq", "2", "--head-hash", head)
        assert shown.exit_code == 1
        assert "broken at seq 2" in shown.output

    def test_the_record_prints_nothing_of_who_or_what(self, supervision):
        shown = record()
        assert shown.exit_code == 0, shown.output
        assert "#1" in shown.output
        assert OFFICIAL not in shown.output and ASKED not in shown.output

    def test_read_needs_a_purpose_and_prints_the_record_to_the_president(self, supervision):
        record()
        shown = run("interference", "read", "--purpose", "季度检查", "--role", "president")
        assert shown.exit_code == 0, shown.output
        assert OFFICIAL in shown.output and ASKED in shown.output

    def test_read_is_refused_to_an_officer_in_one_line(self, supervision):
        shown = run("interference", "read", "--purpose", "季度检查", "--role", "officer")
        assert shown.exit_code == 1 and "PERMISSION_DENIED" in shown.output

    def test_summary_says_nil_report_for_a_quarter_without_records(self, supervision):
        shown = run("summary", "4", "--year", "2025")
        assert shown.exit_code == 0, shown.output
        assert "零报告 nil report" in shown.output

    def test_a_quarter_beyond_4_is_a_usage_error(self, supervision):
        assert run("summary", "5").exit_code == 2


class TestMatters:
    def test_a_matter_is_received_and_replied(self, supervision):
        shown = run("matter", "receive", "suggestion", "--document", "武检执建〔2026〕1号",
                    "--procuratorate", "成都市武侯区人民检察院", "--case-id", NAMED[0],
                    "--case-number", NAMED[1])
        assert shown.exit_code == 0, shown.output
        assert "回复期限 2026-06-02" in shown.output
        matter_id = shown.output.split()[0]
        replied = run("matter", "reply", matter_id, "--document", "川0104执监复1号")
        assert replied.exit_code == 0, replied.output
        assert "已回复 2026-03-02" in replied.output


class TestSuggestions:
    def test_a_suggestion_is_sent_handled_and_listed(self, supervision):
        sent = run("suggest", "send", "judicial", "--recipient", "某银行股份有限公司成都分行",
                   "--document", "(2026)川0104司建1号", "--reason", "逾期未反馈查询结果",
                   "--agency-id", "bank.icbc")
        assert sent.exit_code == 0, sent.output
        assert "办理期限" in sent.output and "→ 某银行股份有限公司成都分行" in sent.output
        suggestion_id = sent.output.split()[0]
        handled = run("suggest", "handled", suggestion_id, "--outcome", "已整改并反馈")
        assert handled.exit_code == 0, handled.output
        assert "已办理 2026-03-02: 已整改并反馈" in handled.output
        supervision.drain()
        listed = run("suggest", "list", "--role", "judge")
        assert listed.exit_code == 0 and suggestion_id in listed.output

    def test_sending_is_refused_to_a_supervisor_in_one_line(self, supervision):
        shown = run("suggest", "send", "judicial", "--recipient", "某单位", "--document", "建1号",
                    "--reason", "逾期", "--role", "supervisor")
        assert shown.exit_code == 1 and "PERMISSION_DENIED" in shown.output
