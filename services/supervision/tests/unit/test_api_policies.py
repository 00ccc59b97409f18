"""The supervision service's access table (R46) and its nested court scope (R39) — no I/O:
who each RPC admits, read off `api.policies.POLICIES`."""

from __future__ import annotations

import pytest

from zhixing.security.policy import Scope
from zhixing.supervision.api.base import within
from zhixing.supervision.api.policies import POLICIES, SERVICE


def roles(rpc: str) -> set[str]:
    return set(POLICIES[f"/{SERVICE}/{rpc}"].roles)


class TestRoles:
    def test_congress_reads_the_figures_and_the_agencies_answering_and_nothing_else(self):
        assert [rpc for rpc in _rpcs() if "congress" in roles(rpc)] == [
            "GetKpis", "ListAgencyAnswers"]

    def test_a_courts_board_is_read_by_its_staff_only_when_declared(self):
        assert roles("GetCourtBoard") == {"officer", "judge", "president", "supervisor"}

    def test_the_register_is_read_verified_and_summed_up_by_the_president_and_discipline_only(
            self):
        for rpc in ("ReadInterference", "VerifyRegister", "GetQuarterSummary"):
            assert roles(rpc) == {"president", "discipline"}
        assert [rpc for rpc in _rpcs() if "discipline" in roles(rpc)] == [
            "ReadInterference", "VerifyRegister", "GetQuarterSummary"]

    def test_everyone_of_the_court_records_interference_when_it_happens(self):
        assert roles("RecordInterference") == {"officer", "judge", "president", "supervisor"}

    def test_a_procurator_reads_figures_drill_downs_case_files_and_matters_only(self):
        assert [rpc for rpc in _rpcs() if "procurator" in roles(rpc)] == [
            "GetKpis", "DrillDown", "GetMatter", "ListMatters", "ListAgencyAnswers",
            "GetCaseFile"]

    def test_the_president_alone_extends_a_reply_and_sends_a_suggestion(self):
        assert roles("ExtendReply") == roles("SendSuggestion") == {"president"}

    def test_every_policy_checks_the_target_court_when_declared(self):
        assert {policy.scope for policy in POLICIES.values()} == {Scope.COURT}


class TestNestedScope:
    @pytest.mark.parametrize(("court", "scope"), [("川0104", "川0104"), ("川0104", "川01"),
                                                  ("川0104", "川"), ("川01", "川")])
    def test_a_court_is_within_every_prefix_of_its_code(self, court, scope):
        assert within(court, scope)

    @pytest.mark.parametrize(("court", "scope"), [("渝0103", "川"), ("川", "川01"),
                                                  ("川0107", "川0104"), ("川0104", "")])
    def test_a_court_is_outside_another_code_or_no_court(self, court, scope):
        assert not within(court, scope)


def _rpcs() -> list[str]:
    return [method.rsplit("/", 1)[1] for method in POLICIES]
