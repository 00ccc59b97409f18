"""The parties' window across services (issue 17), in cluster mode (Kafka + PostgreSQL,
separate processes) and embedded mode, with the same results: FileCase's access code
opens the case in PublicityService, a message left there reaches the team's worklist
(cases), the team's answer reaches the party. (The browser round trip is
tests/browser/test_public_portal.py.)"""

from __future__ import annotations

import grpc
import pytest

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.suites import RunningSuite, cluster_suite, embedded_suite
from testkit.waiting import wait_until
from zhixing.contracts.pb.cases.v1 import cases_pb2 as cases
from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as publicity
from zhixing.security.identity import Identity

pytestmark = pytest.mark.e2e

SERVICES = ("cases", "publicity")
NOW = "2026-03-02T10:00:00+08:00"
TEAM = "执行一组"


def _opened(public: ZhixingClient, number: str, code: str) -> publicity.OpenPartyCaseResponse:
    return public.publicity.OpenPartyCase(
        publicity.OpenPartyCaseRequest(case_number=number, access_code=code), timeout=10)


def round_trip(suite: RunningSuite) -> list[tuple[str, str]]:
    officer = ZhixingClient(suite.target("cases"), suite.token(
        Identity("officer-1", "officer", "川0104", team=TEAM)))
    public = ZhixingClient(suite.target("publicity"))
    filed = officer.file_case(file_case_request(1, request_id="party-window-1"))
    number, codes = filed.case_number, {c.role: c.access_code for c in filed.access_codes}
    ref = cases.CaseRef(case_number=number)
    officer.cases.AssignCase(cases.AssignCaseRequest(
        case=ref, team=TEAM, lead_officer="officer-1", lead_officer_name="李明",
        team_phone="028-85550101"), metadata=officer.metadata, timeout=10)

    def assigned_seen() -> publicity.OpenPartyCaseResponse | None:
        try:
            window = _opened(public, number, codes["applicant"])
        except grpc.RpcError:
            return None  # not projected yet: answered as an unknown case
        return window if len(window.timeline) >= 2 else None

    window = wait_until(assigned_seen, timeout=120, what="the case in the parties' window")
    seen = [("timeline", " / ".join(f"{s.kind}:{s.detail}" for s in window.timeline))]
    left = public.publicity.LeaveMessage(publicity.LeaveMessageRequest(
        case_number=number, access_code=codes["respondent"], text="申请分期履行"), timeout=10)

    def on_worklist() -> list[cases.WorkItem]:
        items = officer.cases.GetWorklist(cases.GetWorklistRequest(
            court_code="川0104", team=TEAM, due_within_days=30),
            metadata=officer.metadata, timeout=10).items
        return [i for i in items if i.node == f"party_message:{left.message_id}"]

    [item] = wait_until(on_worklist, timeout=90, what="the message on the worklist")
    seen.append(("worklist", f"{item.label} due {item.due_on} rule '{item.rule}': {item.detail}"))
    officer.cases.AnswerPartyMessage(cases.AnswerPartyMessageRequest(
        case=ref, message_id=left.message_id, answer="请提交分期方案。"),
        metadata=officer.metadata, timeout=10)

    def answered() -> list[publicity.PartyMessage]:
        return [m for m in _opened(public, number, codes["respondent"]).messages if m.answer]

    [message] = wait_until(answered, timeout=90, what="the answer in the parties' window")
    seen.append(("answer", f"{message.text} → {message.answer} on {message.answered_on}"))
    seen.append(("applicant's messages", str(len(_opened(public, number,
                                                           codes["applicant"]).messages))))
    # The worklist is cases' own projection: in cluster mode its worker may apply the
    # answer after publicity has shown it, so this too is waited for.
    wait_until(lambda: not on_worklist(), timeout=90, what="the answered message off the worklist")
    officer.close()
    public.close()
    return seen


EXPECTED = [
    ("timeline", "filed: / assigned:承办人：李明；联系电话：028-85550101"),
    # Left on Monday 2 March: 5 working days (a local practice, no rule of law).
    ("worklist", "答复当事人留言 due 2026-03-09 rule '': 被执行人留言：'申请分期履行'"),
    ("answer", "申请分期履行 → 请提交分期方案。 on 2026-03-02"),
    ("applicant's messages", "0"),
]


@pytest.fixture(scope="module")
def lives() -> dict[str, list[tuple[str, str]]]:
    return {}


class TestPartyWindowLife:
    def test_cluster_mode_carries_the_message_to_the_worklist_and_the_answer_back(
            self, tmp_path, processes, lives):
        suite = cluster_suite(processes, tmp_path, SERVICES, NOW)
        lives["cluster"] = seen = round_trip(suite)
        assert seen == EXPECTED

    def test_embedded_mode_gives_the_same_results(self, tmp_path, processes, lives):
        seen = round_trip(embedded_suite(processes, tmp_path, SERVICES, NOW))
        assert seen == EXPECTED
        if "cluster" in lives:
            assert seen == lives["cluster"]
