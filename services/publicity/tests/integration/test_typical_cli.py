"""`zhixing desk typical …` against the real publicity service served in-process: a
typical case drafted (redacted, R60), submitted, approved by the president and listed;
the author reviewing is one line naming R46 and exit 1 (STYLE 14)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner, Result

from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.publicity.cli import desk

from .typical_support import ID, Publicity, publicity_served


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
