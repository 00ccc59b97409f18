"""DeclineListing (不予纳入) called in-process: only the judges and president of the case's
court decide (R46), another court's case is answered as an unknown one, bad input names
its field and bound (R5), and the same decision sent again is answered the same."""

from __future__ import annotations

from collections.abc import Iterator

import grpc
import pytest

from testkit.servicers import Aborted, call_as
from zhixing.contracts.pb.credit.v1 import credit_pb2
from zhixing.security.identity import Identity

from ..conftest import DEBTOR_ID
from .test_credit_api import COURT, JUDGE, Suite

MASKED = DEBTOR_ID[:6] + "********" + DEBTOR_ID[-4:]
STRANGER = Identity("judge-2", "judge", "渝0103")


@pytest.fixture
def suite(app, case, tmp_path) -> Iterator[Suite]:
    running = Suite(app, case, tmp_path)
    yield running
    running.view.stop()


def declined(suite: Suite, identity: Identity | None = JUDGE, **changes: str):
    fields = {"case_ref": suite.case.case_number, "debtor_identity_number": DEBTOR_ID,
              "reason_rule": "R3", "reason": "已提供充分有效担保", "decided_on": "2026-03-02"}
    return call_as(identity, suite.court, "DeclineListing",
                   credit_pb2.DeclineListingRequest(**{**fields, **changes}))


def refused(suite: Suite, identity: Identity | None = JUDGE, **changes: str) -> Aborted:
    with pytest.raises(Aborted) as refusal:
        declined(suite, identity, **changes)
    return refusal.value


class TestWhoDeclines:
    @pytest.mark.parametrize("caller", [JUDGE, Identity("president-1", "president", COURT)],
                             ids=["judge", "president"])
    def test_the_decision_is_recorded_and_masked_when_the_bench_of_the_court_declines(
            self, suite, caller):
        answer = declined(suite, caller)
        assert (answer.case_number, answer.debtor, answer.decided_on, answer.reason_rule) == (
            suite.case.case_number, MASKED, "2026-03-02", "R3")

    def test_permission_denied_and_audited_when_an_officer_declines(self, suite):
        refusal = refused(suite, Identity("officer-1", "officer", COURT))
        assert refusal.code == grpc.StatusCode.PERMISSION_DENIED
        [entry] = [e for e in suite.audit.entries(limit=50) if e.outcome == "denied"]
        assert entry.action == "/zhixing.credit.v1.CreditService/DeclineListing"

    def test_the_answer_is_an_unknown_cases_when_another_court_declines(self, suite):
        theirs = refused(suite, STRANGER)
        unknown = refused(suite, STRANGER, case_ref="(2026)川0104执999号")
        assert (theirs.code, theirs.details) == (unknown.code, unknown.details)
        assert theirs.code == grpc.StatusCode.NOT_FOUND
        assert any(e.outcome == "denied" and e.actor == "judge-2"
                   for e in suite.audit.entries(limit=50))


class TestBadInput:
    def test_invalid_argument_naming_reason_and_its_bound_when_the_reason_is_too_long(
            self, suite):
        refusal = refused(suite, reason="长" * 501)
        assert refusal.code == grpc.StatusCode.INVALID_ARGUMENT
        assert "[reason]" in refusal.details and "500" in refusal.details
        assert "R5" in refusal.details

    def test_invalid_argument_naming_reason_when_none_is_given(self, suite):
        refusal = refused(suite, reason="  ")
        assert refusal.code == grpc.StatusCode.INVALID_ARGUMENT
        assert "[reason]" in refusal.details

    def test_invalid_argument_naming_reason_rule_when_the_rule_excludes_nothing(self, suite):
        refusal = refused(suite, reason_rule="R8")
        assert refusal.code == grpc.StatusCode.INVALID_ARGUMENT
        assert "[reason_rule]" in refusal.details and "R5" in refusal.details

    def test_invalid_argument_naming_the_debtor_without_echoing_it_when_not_a_respondent(
            self, suite):
        stranger = DEBTOR_ID[:-5] + "99990"
        refusal = refused(suite, debtor_identity_number=stranger)
        assert refusal.code == grpc.StatusCode.INVALID_ARGUMENT
        assert "[debtor_identity_number]" in refusal.details
        assert stranger not in refusal.details

    def test_invalid_argument_naming_decided_on_when_the_date_is_malformed(self, suite):
        refusal = refused(suite, decided_on="2026-13-40")
        assert refusal.code == grpc.StatusCode.INVALID_ARGUMENT
        assert "[decided_on]" in refusal.details


class TestSentAgain:
    def test_the_same_answer_when_the_same_decision_is_sent_again(self, suite):
        assert declined(suite) == declined(suite)
        ok = [e for e in suite.audit.entries(limit=50) if e.outcome == "ok"
              and e.action.endswith("/DeclineListing")]
        assert len(ok) == 2

    def test_already_exists_naming_decided_on_when_another_reason_comes_that_day(self, suite):
        declined(suite)
        refusal = refused(suite, reason="被执行人系未成年人", reason_rule="R4")
        assert refusal.code == grpc.StatusCode.ALREADY_EXISTS
        assert "[decided_on]" in refusal.details
