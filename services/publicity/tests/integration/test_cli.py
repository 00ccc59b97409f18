"""`zhixing progress` against the real publicity service, served in-process over gRPC:
the public progress as JSON with the parties masked (R60); an unknown case is one line
on stderr and exit 1 (STYLE 14)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import typer
from stdnum.cn import ric
from typer.testing import CliRunner, Result

from testkit.assets import cloud_event, feed
from testkit.serving import serving
from zhixing.eventstore.settings import Settings
from zhixing.publicity.bootstrap import build
from zhixing.publicity.cli import progress

CASE_ID, NUMBER = "7f1c2a9e-0000-4000-8000-000000000061", "(2026)川0104执61号"
DEBTOR = "51010419800312123" + ric.calc_check_digit("51010419800312123" + "0")


def run(*args: str) -> Result:
    """`zhixing progress …`: the command as the `zhixing` command mounts it."""
    app = typer.Typer()
    app.command()(progress)
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def publicity(tmp_path, monkeypatch) -> Iterator[Settings]:
    settings = Settings(var_dir=tmp_path, grpc_port=0)
    instance = build(settings)
    feed(instance, cloud_event("cn.zhixing.cases.v1.CaseFiled", CASE_ID, {
        "case_id": CASE_ID, "case_number": NUMBER, "court_code": "川0104", "case_type": "执",
        "filed_on": "2026-03-02", "basis_kind": "judgment",
        "basis_document_number": "(2025)川0104民初1号", "claim_total_fen": 100_000_00,
        "parties": [{"role": "respondent", "kind": "natural_person", "name": "王五",
                     "identity_number": DEBTOR}]}))
    with serving(instance, settings) as target:
        monkeypatch.setenv("ZHIXING_GRPC_TARGET", target)
        yield settings
    instance.close()


class TestProgress:
    def test_the_progress_is_printed_with_the_parties_masked_when_the_case_is_known(
            self, publicity):
        shown = run(NUMBER)
        found = json.loads(shown.stdout)
        assert shown.exit_code == 0 and found["case_number"] == NUMBER
        assert DEBTOR not in shown.stdout and "王五" not in shown.stdout
        assert len(found["parties"]) == 1 and found["parties"][0].startswith("respondent: ")

    def test_one_line_naming_not_found_and_exit_1_when_the_case_is_unknown(self, publicity):
        shown = run("(2026)川0104执999号")
        assert shown.exit_code == 1 and shown.stderr.startswith("zhixing: NOT_FOUND: ")
        assert len(shown.stderr.splitlines()) == 1

    def test_exit_2_without_echoing_it_when_an_id_number_is_given_as_the_case_number(
            self, publicity):
        # The service's NOT_FOUND repeats the text it was given ("no public progress
        # for case 1101…"): the command checks the number's form first.
        shown = run(DEBTOR)
        assert shown.exit_code == 2 and DEBTOR not in shown.stderr
        assert shown.stderr.startswith("zhixing: R38 [case_number]: ")
