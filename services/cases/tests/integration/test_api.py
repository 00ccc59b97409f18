"""CasesService over a real in-process gRPC server: status codes, rule names, policies."""

from __future__ import annotations

import grpc
import pytest
from typer.testing import CliRunner

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.serving import serving
from zhixing.cases.bootstrap import build
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.eventstore.settings import Settings
from zhixing.runtime.cli import app
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token


@pytest.fixture
def served(tmp_path):
    """The cases service on 127.0.0.1:<free port>, served from a background event loop."""
    settings = Settings(var_dir=tmp_path, grpc_port=0)
    instance = build(settings)
    with serving(instance, settings) as target:
        yield target, settings, instance
    instance.close()


def client_for(served, role: str = "officer", court: str = "川0104") -> ZhixingClient:
    target, settings, _ = served
    return ZhixingClient(target, issue_token(Identity("t", role, court), settings.jwt_secret))


def request(**changes) -> pb.FileCaseRequest:
    return file_case_request(**changes)


class TestFileCaseOverGrpc:
    def test_case_is_filed_and_read_back_when_request_is_valid(self, served):
        client = client_for(served)
        number = client.file_case(request()).case_number
        case = client.get_case(number)
        assert (case.case_number, case.court_code, case.status) == (number, "川0104", "filed")

    def test_invalid_argument_names_field_and_rule_and_stores_nothing(self, served):
        client = client_for(served)
        with pytest.raises(grpc.RpcError) as refusal:
            client.file_case(request(claim=pb.Claim(principal_fen=-5)))
        assert refusal.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "R28" in refusal.value.details() and "claim.principal_fen" in refusal.value.details()
        assert served[2].outbox.head() == 0

    def test_permission_denied_and_audited_when_officer_files_for_another_court(self, served):
        client = client_for(served, court="渝0103")
        with pytest.raises(grpc.RpcError) as refusal:
            client.file_case(request())
        assert refusal.value.code() == grpc.StatusCode.PERMISSION_DENIED
        assert "R46" in refusal.value.details()
        [entry] = served[2].audit.entries()
        assert (entry.action, entry.outcome) == ("/zhixing.cases.v1.CasesService/FileCase", "denied")

    def test_reading_a_case_is_audited_with_who_and_which_case(self, served):
        client = client_for(served)
        number = client.file_case(request()).case_number
        client.get_case(number)
        entries = served[2].audit.entries()
        read = [e for e in entries if e.action == "/zhixing.cases.v1.CasesService/GetCase"]
        assert [(e.target, e.outcome, e.actor) for e in read] == [(number, "ok", "t")]

    def test_the_servicers_records_are_in_the_suites_one_chain_when_audit_verify_runs(
            self, served, monkeypatch):
        client = client_for(served)
        client.get_case(client.file_case(request()).case_number)
        monkeypatch.setenv("ZHIXING_VAR", str(served[1].var_dir))
        result = CliRunner().invoke(app, ["audit-verify"])
        # 立案 and the case-file read, each by the servicer, and nothing in the cases store
        assert result.stdout.startswith("audit log: 2 entries, chain intact;")
        assert AuditLog(served[2].store).entries() == []

    def test_unauthenticated_without_a_token(self, served):
        client = ZhixingClient(served[0])
        with pytest.raises(grpc.RpcError) as refusal:
            client.file_case(request())
        assert refusal.value.code() == grpc.StatusCode.UNAUTHENTICATED

    def test_permission_denied_for_a_role_without_the_right(self, served):
        client = client_for(served, role="finance")
        with pytest.raises(grpc.RpcError) as refusal:
            client.file_case(request())
        assert refusal.value.code() == grpc.StatusCode.PERMISSION_DENIED
