"""The Java client of `examples/java-client/` (grpc-java, generated from `protos/` at build
time) against a running embedded suite (issue 18): it files a case with an officer's
token and checks identities with a partner's, one by one and in a batch (BatchCheck's
packed answer form, issue 19); what it printed must be what the suite itself answers —
the case it filed is the one the Python client reads back, and each Check (and each
batch-check answer) is the Python client's Check, field for field.

The client is built here with Maven (JDK 17; protoc and protoc-gen-grpc-java from Maven
Central into ~/.m2), into ~/.cache/zhixing/java-client/<key>, the key a hash of `protos/`
and the example: built once (a few minutes cold), then reused as long as neither changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf.json_format import MessageToDict, MessageToJson

from testkit.filings import file_case_request
from testkit.suites import RunningSuite, embedded_suite
from testkit.waiting import wait_until
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.cases.v1.cases_pb2_grpc import CasesServiceStub
from zhixing.contracts.pb.credit.v1 import check_pb2, credit_pb2
from zhixing.contracts.pb.credit.v1.check_pb2_grpc import CreditCheckServiceStub
from zhixing.contracts.pb.credit.v1.credit_pb2_grpc import CreditServiceStub
from zhixing.security.identity import Identity
from zhixing.security.tokens import bearer_metadata

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "java-client"
CACHE = Path(os.environ.get("ZHIXING_CACHE", Path.home() / ".cache" / "zhixing")) / "java-client"
STALE_SECONDS = 7 * 24 * 3600
COURT, TEAM = "川0104", "执行一组"
FILED = "2026-03-02T10:00:00+08:00"
DECIDED = "2026-04-10T10:00:00+08:00"
"""After the grace period of one month from the notice's warning (R10)."""
PERSON = "11010519491231002X"
"""The debtor's legal representative, bound by the listing as an R14 person."""
NOT_LISTED = file_case_request(0).applicants[0].identity_number


def build_key() -> str:
    """A hash of everything the build reads: the protos and the example's sources."""
    digest = hashlib.sha256()
    sources = [*sorted((ROOT / "protos").rglob("*.proto")), EXAMPLE / "pom.xml",
               *sorted((EXAMPLE / "src").rglob("*.java"))]
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def client_jar() -> Path:
    """The client's jar, built with Maven unless this key's build is cached. The build
    goes to a directory of its own, renamed into place once complete, so a build cut
    short is never taken for a finished one."""
    built = CACHE / build_key()
    jar = built / "zhixing-java-client.jar"
    if jar.exists():
        os.utime(built)  # in use: not pruned
        return jar
    prune(CACHE)
    missing = [tool for tool in ("mvn", "java") if shutil.which(tool) is None]
    assert not missing, f"{missing} not on PATH: the Java client needs JDK 17 and Maven 3.8+"
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = CACHE / f"{built.name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    result = subprocess.run(
        ["mvn", "-B", "-q", "package", f"-Dzhixing.build.dir={partial}"],
        cwd=EXAMPLE, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, f"mvn package failed:\n{result.stdout[-4000:]}{result.stderr[-2000:]}"
    if not jar.exists():  # another run finished the same key first: keep its build
        partial.rename(built)
    shutil.rmtree(partial, ignore_errors=True)
    return jar


def prune(cache: Path) -> None:
    """Drops the builds (and builds cut short) nobody used for a week: each change to the
    protos or the example leaves one behind, about 70 MB."""
    if not cache.exists():
        return
    for entry in cache.iterdir():
        if time.time() - entry.stat().st_mtime > STALE_SECONDS:
            shutil.rmtree(entry, ignore_errors=True)


class JavaClient:
    """`java -jar zhixing-java-client.jar …` against the suite; the token in the environment."""

    def __init__(self, jar: Path, suite: RunningSuite) -> None:
        self.jar, self.target = jar, suite.target("cases")
        self.outputs: list[str] = []

    def __call__(self, token: str, *args: str, stdin: str | None = None) -> tuple[int, dict[str, Any]]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ZHIXING_")}
        env.update(ZHIXING_TOKEN=token, ZHIXING_GRPC_TARGET=self.target)
        result = subprocess.run(["java", "-jar", str(self.jar), *args], env=env, input=stdin,
                                capture_output=True, text=True, encoding="utf-8", timeout=60,
                                check=False)
        self.outputs.append(result.stdout + result.stderr)
        lines = result.stdout.splitlines()
        assert len(lines) == 1, f"expected one JSON line, got: {result.stdout}{result.stderr}"
        return result.returncode, json.loads(lines[0])


class Suite:
    """The suite's own answers, through the Python stubs: a judge of 川0104 and an airline."""

    def __init__(self, suite: RunningSuite) -> None:
        self.judge = suite.token(Identity(f"judge-{COURT}", "judge", COURT, team=TEAM))
        self.airline = suite.token(Identity("airline-ca", "partner", agency="airline.ca"))
        self.channel = grpc.insecure_channel(suite.target("cases"))
        self.cases = CasesServiceStub(self.channel)
        self.credit = CreditServiceStub(self.channel)
        self.checks = CreditCheckServiceStub(self.channel)

    def call(self, stub: Any, method: str, request: Any, token: str | None = None) -> Any:
        return getattr(stub, method)(request, metadata=bearer_metadata(token or self.judge),
                                     timeout=15)

    def check(self, identity: str) -> check_pb2.CheckResponse:
        return self.call(self.checks, "Check", check_pb2.CheckRequest(identity_number=identity),
                         self.airline)

    def list_debtor(self, case_id: str, suite: RunningSuite) -> None:
        """Assign, serve the notice, and list the debtor with its legal representative
        bound (R2, R12, R14) once the warning's month is over."""
        ref = cases_pb2.CaseRef(case_id=case_id)
        self.call(self.cases, "AssignCase", cases_pb2.AssignCaseRequest(
            case=ref, team=TEAM, lead_officer="officer-java"))
        self.call(self.cases, "ServeNotice", cases_pb2.ServeNoticeRequest(case=ref))
        case = self.call(self.cases, "GetCase", cases_pb2.GetCaseRequest(case_id=case_id)).case
        suite.travel(DECIDED)
        decision = credit_pb2.DecideListingRequest(
            case_ref=case.case_number, debtor_identity_number=case.respondents[0].identity_number,
            grounds=[2], facts="以暴力方法阻碍执行", decision_number=f"{case.case_number}之一",
            signed_by_president=True, persons=[credit_pb2.Person(
                role="legal_representative", name="赵六", identity_number=PERSON)])

        def decided() -> bool:
            try:
                self.call(self.credit, "DecideListing", decision)
            except grpc.RpcError as error:  # not yet: the notice has not reached credit
                if error.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION):
                    return False
                raise
            return True

        wait_until(decided, timeout=60, what="the listing decision, once credit has the notice")
        wait_until(lambda: self.check(PERSON).state.restricted, timeout=30,
                   what="Check to say the legal representative is restricted")


def as_printed(response: check_pb2.CheckResponse) -> dict[str, Any]:
    """A Check answer as the Java client prints it: every field, the identity left out."""
    shown = check_pb2.CheckResponse()
    shown.CopyFrom(response)
    shown.ClearField("identity_number")
    return MessageToDict(shown, preserving_proto_field_name=True,
                         always_print_fields_with_no_presence=True)


def test_java_client_files_a_case_and_checks_identities_as_the_suite_answers(tmp_path, processes):
    jar = client_jar()
    suite = embedded_suite(processes, tmp_path, ("cases", "credit"), FILED)
    java, court = JavaClient(jar, suite), Suite(suite)
    officer = suite.token(Identity("officer-java", "officer", COURT, team=TEAM))
    filing = file_case_request(5, court=COURT, request_id=f"java-{uuid.uuid4()}")
    filing_json = MessageToJson(filing, preserving_proto_field_name=True, ensure_ascii=False)

    status, filed = java(officer, "file-case", "-", stdin=filing_json)
    assert status == 0 and filed["call"] == "FileCase", filed
    assert filed["request_id"] == filing.request_id
    case = court.call(court.cases, "GetCase",
                      cases_pb2.GetCaseRequest(case_id=filed["response"]["case_id"])).case
    assert filed["response"]["case_number"] == case.case_number
    assert [p.identity_number for p in case.respondents] == [
        p.identity_number for p in filing.respondents]
    assert case.claim.principal_fen == filing.claim.principal_fen
    assert [(c["role"], c["access_code"]) for c in filed["response"]["access_codes"]] == [
        ("applicant", ""), ("respondent", "")], "access codes are never printed"

    # The same filing again is the same case (request_id), not a second one.
    _, again = java(officer, "file-case", "-", stdin=filing_json)
    assert again["response"]["case_id"] == filed["response"]["case_id"]

    court.list_debtor(case.case_id, suite)
    debtor = case.respondents[0].identity_number
    for identity in (debtor, PERSON, NOT_LISTED):
        status, checked = java(court.airline, "check", identity)
        assert status == 0 and checked["call"] == "Check", checked
        assert checked["response"] == as_printed(court.check(identity))
        assert checked["identity"] == identity[:6] + "*" * 8 + identity[-4:]
    assert checked["response"]["state"]["listed"] is False
    _, person = java(court.airline, "check", PERSON)
    assert person["response"]["state"]["restricted"] is True
    _, listed = java(court.airline, "check", debtor)
    assert listed["response"]["state"]["listed"] is True

    # batch-check asks for the packed answer form (issue 19) and reads it back: each
    # identity's state is what Check says, in the file's order, masked (R60).
    identities = [debtor, PERSON, NOT_LISTED, debtor]
    status, batch = java(court.airline, "batch-check", "-", stdin="\n".join(identities))
    assert status == 0 and batch["call"] == "BatchCheck" and batch["checked"] == 4, batch
    assert [a["state"] for a in batch["answers"]] == [
        as_printed(court.check(i))["state"] for i in identities]
    assert [a["identity"] for a in batch["answers"]] == [
        i[:6] + "*" * 8 + i[-4:] for i in identities]
    assert batch["answers"][0]["state"]["conduct"], "the packed conduct bits were read"

    # Refusals come back as a JSON line too, with the suite's status and rule.
    status, refused = java(officer, "check", debtor)
    assert status == 1 and refused["error"]["code"] == "PERMISSION_DENIED"
    assert refused["error"]["message"].startswith("R46")
    court.channel.close()

    # Personal numbers only: the debtor's credit code is an organisation's, public (R6),
    # and Check's basis names it for its restricted persons.
    printed = "\n".join(java.outputs)
    for full in (PERSON, *(p.identity_number for p in filing.applicants)):
        assert full not in printed, "the client printed a full resident ID number (R60)"
