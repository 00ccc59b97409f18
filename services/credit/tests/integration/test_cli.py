"""`zhixing dishonest` against the real credit service, served in-process over gRPC: a
judge lists, restricts, lifts and removes; a partner checks and reports; refusals are
one line naming the rule (exit 1), identities are printed masked (R60).

The service's clock stands at Monday 2 March 2026, 10:00 in Beijing. The case is a 执
case of 川0104 against one person, whose execution notice (with the listing warning,
R5) was served on 5 January with a deadline of 15 January.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from stdnum.cn import ric
from typer.testing import CliRunner, Result

from testkit.assets import cloud_event, feed
from testkit.serving import serving
from testkit.waiting import wait_until
from zhixing.credit.bootstrap import build
from zhixing.credit.cli import app
from zhixing.eventstore.settings import Settings

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
COURT = "川0104"
CASE_ID, CASE_NUMBER = "7f1c2a9e-0000-4000-8000-000000000051", "(2026)川0104执51号"
DEBTOR = "51010419800312123" + ric.calc_check_digit("51010419800312123" + "0")
MASKED = DEBTOR[:6] + "********" + DEBTOR[-4:]


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def credit(tmp_path, monkeypatch) -> Iterator[Settings]:
    clock_file = tmp_path / "clock"
    clock_file.write_text(NOW.isoformat())
    settings = Settings(var_dir=tmp_path, grpc_port=0, clock_file=str(clock_file))
    instance = build(settings)
    head = {"case_id": CASE_ID, "case_number": CASE_NUMBER, "court_code": COURT}
    feed(instance, cloud_event("cn.zhixing.cases.v1.CaseFiled", CASE_ID, {
        **head, "case_type": "执", "filed_on": "2026-01-02", "basis_kind": "judgment",
        "basis_document_number": "(2025)川0104民初1号", "claim_total_fen": 100_000_00,
        "parties": [{"role": "respondent", "kind": "natural_person", "name": "王五",
                     "identity_number": DEBTOR}]}))
    feed(instance, cloud_event("cn.zhixing.cases.v1.ExecutionNoticeServed", CASE_ID, {
        **head, "served_on": "2026-01-05", "property_report_due": "2026-01-15",
        "listing_warning": True, "respondents": []}, position=2))
    with serving(instance, settings) as target:
        for name, value in (("ZHIXING_GRPC_TARGET", target),
                            ("ZHIXING_JWT_SECRET", settings.jwt_secret)):
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("ZHIXING_TOKEN", raising=False)
        monkeypatch.delenv("ZHIXING_ROLE", raising=False)
        yield settings
    instance.close()


def decided(*options: str) -> Result:
    return run("decide", CASE_NUMBER, DEBTOR, "--ground", "2", "--decision",
               f"{CASE_NUMBER}之一", "--facts", "以暴力方法抗拒执行", *options)


def checked(wanted: str) -> str:
    """The partner's answer once the API's list view shows `wanted` (it follows the log)."""
    def answer() -> str:
        out = run("check", DEBTOR).stdout
        return out if wanted in out else ""

    return wait_until(answer, timeout=10, what=f"check to say {wanted!r}")


class TestDecide:
    def test_exit_1_naming_r5_without_the_presidents_sign_off(self, credit):
        refused = decided()
        assert refused.exit_code == 1
        assert "R5" in refused.stderr and DEBTOR not in refused.stderr

    def test_listed_published_and_masked_with_the_presidents_sign_off(self, credit):
        done = decided("--signed")
        assert done.exit_code == 0, done.stderr
        assert MASKED in done.stdout and DEBTOR not in done.stdout
        assert "published" in done.stdout and "term to 2028-03-02" in done.stdout

    def test_exit_1_naming_r46_when_an_officer_decides(self, credit):
        refused = decided("--signed", "--role", "officer")
        assert refused.exit_code == 1 and "R46" in refused.stderr


class TestPartner:
    def test_check_report_and_the_court_sees_the_block(self, credit):
        assert "not listed" in checked("not listed")
        assert decided("--signed").exit_code == 0
        answer = checked("listed (失信)")
        assert "listed (失信), restricted (限消) since 2026-03-02" in answer
        assert (f"because: listed (失信) on grounds 2 of R1 in {CASE_NUMBER} ({COURT}) "
                "since 2026-03-02") in answer
        assert f"because: restricted (限消) as the debtor in {CASE_NUMBER}" in answer
        reported = run("report", DEBTOR, "flight_ticket", "--report-id", "CA-1",
                       "--conduct", "flights", "--partner", "airline.ca")
        assert reported.stdout.strip() == "recorded"
        record = run("record", DEBTOR)
        assert "airline.ca: flight_ticket flights" in record.stdout
        assert DEBTOR not in record.stdout

    def test_batch_check_answers_each_line_masked_as_check_does_when_packed(self, credit,
                                                                            tmp_path):
        """`batch-check` reads the packed answer form (issue 19): the same state as
        `check` for each identity, in the file's order, masked (R60)."""
        assert decided("--signed").exit_code == 0
        one = checked("listed (失信)").splitlines()[0]
        other = "11010519491231002X"
        source = tmp_path / "identities.txt"
        source.write_text(f"{other}\n\n{DEBTOR}\n  {DEBTOR.lower()}  \n", encoding="utf-8")
        answer = run("batch-check", str(source))
        assert answer.exit_code == 0, answer.stderr
        assert answer.stdout.splitlines() == [
            f"{other[:6]}********{other[-4:]}  not listed, not restricted", one, one]
        assert "flights" in one and DEBTOR not in answer.stdout


class TestRemoveAndRestrict:
    def test_removal_on_the_applicants_request_clears_the_listing(self, credit):
        listing_id = re.search(r"listing (\S+)", decided("--signed").stdout).group(1)
        removed = run("remove", CASE_NUMBER, listing_id, "--reason", "3")
        assert removed.exit_code == 0, removed.stderr
        assert "removed 2026-03-02 (R8 reason 3)" in removed.stdout
        # The applicant's consent to removal is not performance: the restriction stays.
        assert "restricted (限消)" in checked("restricted")
        assert "listed (失信)" not in checked("restricted")

    def test_exit_1_naming_r8_for_an_unknown_reason(self, credit):
        listing_id = re.search(r"listing (\S+)", decided("--signed").stdout).group(1)
        refused = run("remove", CASE_NUMBER, listing_id, "--reason", "9")
        assert refused.exit_code == 1 and "R8" in refused.stderr

    def test_an_order_restricts_and_lifting_on_security_ends_it(self, credit):
        ordered = run("restrict", CASE_NUMBER, DEBTOR, "--order", f"{CASE_NUMBER}之二")
        assert ordered.exit_code == 0, ordered.stderr
        assert "by order from 2026-03-02  in force" in ordered.stdout
        restriction_id = re.search(r"restriction (\S+)", ordered.stdout).group(1)
        lifted = run("lift", CASE_NUMBER, restriction_id, "--ground", "security",
                     "--reference", f"{CASE_NUMBER}之三")
        assert "lifted 2026-03-02 (security)" in lifted.stdout


class TestCorrect:
    def test_an_upheld_correction_removes_a_wrongly_listed_debtor(self, credit):
        """R9: request, decide upheld, correct by removing."""
        listing_id = re.search(r"listing (\S+)", decided("--signed").stdout).group(1)
        assert run("correct", CASE_NUMBER, listing_id, "request").exit_code == 0
        assert run("correct", CASE_NUMBER, listing_id, "decide", "--upheld").exit_code == 0
        done = run("correct", CASE_NUMBER, listing_id, "correct", "--remove")
        assert done.exit_code == 0, done.stderr
        assert "removed 2026-03-02 (R8 reason 8)" in done.stdout
        assert "not listed" in checked("not listed")


class TestDecline:
    def test_not_listed_and_masked_when_a_judge_declines(self, credit):
        done = run("decline", CASE_NUMBER, DEBTOR, "--rule", "R3", "--reason", "已提供充分担保")
        assert done.exit_code == 0, done.stderr
        assert done.stdout.strip() == f"not listed  {CASE_NUMBER}  {MASKED}  decided 2026-03-02  (R3)"

    def test_exit_1_naming_the_reason_and_r5_when_the_reason_is_too_long(self, credit):
        refused = run("decline", CASE_NUMBER, DEBTOR, "--rule", "R3", "--reason", "长" * 501)
        assert refused.exit_code == 1
        assert "R5" in refused.stderr and "reason" in refused.stderr and "500" in refused.stderr
        assert DEBTOR not in refused.stderr

    def test_exit_1_naming_r46_when_an_officer_declines(self, credit):
        refused = run("decline", CASE_NUMBER, DEBTOR, "--rule", "R3", "--reason", "已提供担保",
                      "--role", "officer")
        assert refused.exit_code == 1 and "R46" in refused.stderr
