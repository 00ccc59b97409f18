"""The parties' window over CasesService and `zhixing case` (issue 17): FileCase answers
each party's access code once (never in the audit log); AnswerPartyMessage takes the
message off the worklist; the CLI prints the codes with a warning, and answers."""

from __future__ import annotations

import grpc
import pytest
from typer.testing import CliRunner

from testkit.filings import company, file_case_request, person
from zhixing.cases.cli import app as cli
from zhixing.cases.policies.party_messages import PartyMessagePolicy
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.publicity.v1 import PartyMessageLeft
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.kernel import access_code

from .conftest import TEAM, ref

MESSAGE_ID = "0c7d1b44-5e2f-4a8e-9b1c-2d3e4f5a6b7c"


def _message_on(grpc_cases, number: str) -> None:  # type: ignore[no-untyped-def]
    case = grpc_cases.app.find_case(number)
    left = PartyMessageLeft(message_id=MESSAGE_ID, case_id=str(case.id), case_number=number,
                            court_code="川0104", party_role="respondent",
                            text="申请分期履行", left_at="2026-03-02T10:00:00+08:00",
                            party_index=1)
    PartyMessagePolicy(grpc_cases.app).handle(CloudEvent(
        id="e-1", source="/publicity", type=left.event_type, time="2026-03-02T02:00:00Z",
        subject=MESSAGE_ID, court="川0104", region="chengdu", sequence=1, position=1,
        data=left.model_dump(mode="json")), cursor=None)


@pytest.fixture
def zhixing(grpc_cases, monkeypatch):
    monkeypatch.setenv("ZHIXING_GRPC_TARGET", grpc_cases.target)
    monkeypatch.setenv("ZHIXING_JWT_SECRET", grpc_cases.settings.jwt_secret)
    for name in ("ZHIXING_TOKEN", "ZHIXING_ROLE", "ZHIXING_TEAM", "ZHIXING_USER"):
        monkeypatch.delenv(name, raising=False)
    return lambda *args: CliRunner().invoke(cli, list(args))


class TestFileCase:
    def test_each_partys_code_answered_and_kept_out_of_the_audit_when_filed(self, grpc_cases):
        answer = grpc_cases.caller().FileCase(file_case_request(index=7))
        assert [(c.party_index, c.role) for c in answer.access_codes] == [
            (0, "applicant"), (1, "respondent")]
        assert all(access_code.normalise(c.access_code) for c in answer.access_codes)
        audited = repr(list(grpc_cases.audit_log.entries()))
        assert answer.case_number in audited
        assert not any(c.access_code in audited for c in answer.access_codes)


class TestAnswerPartyMessage:
    def test_answered_and_off_the_worklist_when_the_team_answers(self, grpc_cases):
        number = grpc_cases.assigned()
        _message_on(grpc_cases, number)
        answered = grpc_cases.caller().AnswerPartyMessage(pb.AnswerPartyMessageRequest(
            case=ref(number), message_id=MESSAGE_ID, answer="可以，请提交分期方案。"))
        assert (answered.message_id, answered.answered_on) == (MESSAGE_ID, "2026-03-02")
        case = grpc_cases.app.find_case(number)
        assert case.nodes[f"party_message:{MESSAGE_ID}"].done_on == "2026-03-02"

    def test_refused_naming_message_id_when_the_message_is_unknown(self, grpc_cases):
        number = grpc_cases.assigned()
        with pytest.raises(grpc.RpcError) as refused:
            grpc_cases.caller().AnswerPartyMessage(pb.AnswerPartyMessageRequest(
                case=ref(number), message_id="nope", answer="?"))
        assert refused.value.code() is grpc.StatusCode.FAILED_PRECONDITION
        assert "[message_id]" in refused.value.details()


class TestCli:
    def test_codes_printed_once_after_the_number_with_a_warning_when_a_case_is_filed(
            self, zhixing):
        applicant, respondent = person(), company()
        filed = zhixing("file", "--court", "川0104",
                        "--applicant", f"{applicant.name}:{applicant.identity_number}",
                        "--respondent", f"{respondent.name}:{respondent.identity_number}:org",
                        "--principal", "1000.00", "--basis-number", "(2025)川0104民初9号",
                        "--basis-date", "2025-06-01")
        lines = filed.stdout.splitlines()
        assert filed.exit_code == 0 and lines[0].startswith("(2026)川0104执")
        assert [line.split(" access code: ")[0] for line in lines[1:]] == [
            "applicant[0] 申请执行人", "respondent[1] 被执行人"]
        assert all(access_code.normalise(line.split(": ")[-1]) for line in lines[1:])
        assert "shown this once" in filed.stderr
        assert applicant.identity_number not in filed.output

    def test_answer_printed_when_the_team_answers_from_the_cli(self, grpc_cases, zhixing):
        number = grpc_cases.assigned()
        _message_on(grpc_cases, number)
        answered = zhixing("answer", number, MESSAGE_ID, "--text", "已收悉", "--team", TEAM)
        assert answered.exit_code == 0
        assert answered.stdout.strip() == f"answered {MESSAGE_ID} on 2026-03-02"
