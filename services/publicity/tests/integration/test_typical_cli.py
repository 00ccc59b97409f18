"""`zhixing desk typical …` against the real publicity service served in-process: a
typical case drafted (redacted, R60), submitted, approved by the president and listed;
the author reviewing is one line naming R46 and exit 1 (STYLE 14); `zhixing desk reward
post|withdraw` on a case the service knows (the debtor masked, R60)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner, Result

from testkit.assets import case_filed, feed
from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.publicity.cli import desk

from .typical_support import ID, Publicity, publicity_served

DEBTOR = "510104199803121239"
CASE = SimpleNamespace(case_id="c1", case_number="(2026)川0104执7号", court_code="川0104",
                       claim_total_fen=100_000_00,
                       debtors=[SimpleNamespace(name="王五", identity_number=DEBTOR)])


@pytest.fixture
def publicity(tmp_path, monkeypatch) -> Iterator[Publicity]:
    with publicity_served(tmp_path) as served:
        monkeypatch.setenv("ZHIXING_GRPC_TARGET", served.target)
        monkeypatch.setenv("ZHIXING_JWT_SECRET", served.settings.jwt_secret)
        monkeypatch.delenv("ZHIXING_TOKEN", raising=False)
        yield served


def run(*args: str) -> Result:
    return CliRunner().invoke(desk, ["typical", *args])


class TestTypicalCommands:
    def test_a_case_is_drafted_redacted_and_published_when_the_president_approves(
            self, publicity, tmp_path):
        body = tmp_path / "body.txt"
        body.write_text(f"张三（身份证号 {ID}）隐匿存款。", encoding="utf-8")
        drafted = run("draft", "--title", "张三案", "--body", f"@{body}", "--redact", "张三",
                      "--user", "press-7")
        shown = json.loads(drafted.stdout)
        assert drafted.exit_code == 0 and shown["title"] == "张某案"
        assert ID not in drafted.stdout and "张三" not in drafted.stdout
        case_id = shown["typical_case_id"]
        assert run("submit", case_id, "--user", "press-7").exit_code == 0
        approved = run("review", case_id, "--approve", "--role", "president")
        assert approved.exit_code == 0 and json.loads(approved.stdout)["status"] == "published"
        publicity.read("ListTypicalCases", pb.ListTypicalCasesRequest())  # drains
        listed = run("list", "--status", "published")
        assert listed.exit_code == 0 and case_id in listed.stdout and "张某案" in listed.stdout

    def test_one_line_naming_r46_and_exit_1_when_the_author_reviews(self, publicity):
        case_id = publicity.draft().typical_case_id
        assert run("submit", case_id).exit_code == 0
        refused = run("review", case_id, "--approve", "--role", "judge", "--user", "press-1")
        assert refused.exit_code == 1
        assert refused.stderr.startswith("zhixing: PERMISSION_DENIED: ") and "R46" in refused.stderr
        assert len(refused.stderr.splitlines()) == 1


class TestRewardCommands:
    def test_a_notice_is_posted_masked_and_withdrawn_when_the_cases_court_asks(
            self, publicity):
        feed(publicity.instance, case_filed(CASE))
        posted = CliRunner().invoke(desk, [
            "reward", "post", CASE.case_number, "--reward", "按执行到位金额的10%",
            "--text", "悬赏查找被执行人财产线索", "--valid-until", "2026-06-30"])
        assert posted.exit_code == 0, posted.stderr
        shown = json.loads(posted.stdout)
        assert (shown["case_number"], shown["reward"]) == (CASE.case_number, "按执行到位金额的10%")
        assert DEBTOR not in posted.stdout and shown["debtor"].startswith("王")
        assert publicity.read("ListRewardNotices", pb.ListRewardNoticesRequest()).notices
        withdrawn = CliRunner().invoke(desk, ["reward", "withdraw", shown["notice_id"],
                                              "--reason", "已执行到位"])
        assert withdrawn.exit_code == 0 and shown["notice_id"] in withdrawn.stdout
        assert list(publicity.read("ListRewardNotices",
                                   pb.ListRewardNoticesRequest()).notices) == []

    def test_one_line_and_exit_1_when_the_case_is_unknown_to_the_service(self, publicity):
        feed(publicity.instance, case_filed(CASE))
        refused = CliRunner().invoke(desk, [
            "reward", "post", "(2026)渝0103执7号", "--reward", "1万元", "--text", "线索",
            "--valid-until", "2026-06-30"])
        assert refused.exit_code == 1 and refused.stderr.startswith("zhixing: NOT_FOUND: ")
