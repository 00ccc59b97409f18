"""A Go client generated from protos/ alone files a case and checks identities against
the running embedded suite, and prints what the suite answers (issue 18 item 2).

The client is `examples/go-client`, built by its own build.sh (protoc-gen-go and
protoc-gen-go-grpc from the Go module proxy, buf with local plugins) into the cache
(tests/testkit/gobuild.py). Every line it prints is compared with the suite's own answer
to the same question, asked here in Python: the case it filed (GetCase), and Check on
the respondent before and after the judge lists it, its legal representative (restricted
under R14, not listed), and a malformed identity.
"""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path
from typing import Any

import grpc
import pytest

from testkit.filings import company, person
from testkit.gobuild import go_client
from testkit.suites import RunningSuite, embedded_suite
from testkit.waiting import wait_until
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.cases.v1.cases_pb2_grpc import CasesServiceStub
from zhixing.contracts.pb.credit.v1 import check_pb2, credit_pb2
from zhixing.contracts.pb.credit.v1.check_pb2_grpc import CreditCheckServiceStub
from zhixing.contracts.pb.credit.v1.credit_pb2_grpc import CreditServiceStub
from zhixing.runtime.cli_kit import masked_id
from zhixing.security.identity import Identity
from zhixing.security.tokens import bearer_metadata

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]  # a cold build: ~90 s

COURT, TEAM = "川0104", "执行一组"
FILED = "2026-03-02T10:00:00+08:00"
DECIDED = "2026-04-10T10:00:00+08:00"
"""After the grace period of one month from the notice's warning (R10)."""
MALFORMED = "510104199803121230"
"""A resident ID whose check digit is wrong: Check answers valid=false."""
NOT_YET = {grpc.StatusCode.NOT_FOUND, grpc.StatusCode.FAILED_PRECONDITION}


@pytest.fixture(scope="module")
def client() -> Path:
    """Built before the suite starts: a cold build must not eat the suite's waits."""
    return go_client()


class Suite:
    """The suite's own answers, asked in Python: as a judge, and as the same partner."""

    def __init__(self, suite: RunningSuite) -> None:
        self.officer = suite.token(Identity("officer-go", "officer", COURT, team=TEAM))
        self.partner = suite.token(Identity("bank-go", "partner", agency="bank.icbc"))
        self.judge = bearer_metadata(suite.token(Identity("judge-go", "judge", COURT, team=TEAM)))
        self.channel = grpc.insecure_channel(suite.target("cases"))
        self.cases, self.credit = CasesServiceStub(self.channel), CreditServiceStub(self.channel)
        self.check = CreditCheckServiceStub(self.channel)

    def case(self, case_id: str) -> Any:
        return self.cases.GetCase(cases_pb2.GetCaseRequest(case_id=case_id),
                                  metadata=self.judge, timeout=15).case

    def checked(self, identity: str) -> Any:
        return self.check.Check(check_pb2.CheckRequest(identity_number=identity),
                                metadata=bearer_metadata(self.partner), timeout=15)

    def list_debtor(self, suite: RunningSuite, case: Any) -> None:
        """Assign, serve the notice, and — a month on — list the respondent (R1 ground 2)."""
        ref = cases_pb2.CaseRef(case_id=case.case_id)
        self.cases.AssignCase(cases_pb2.AssignCaseRequest(case=ref, team=TEAM,
                                                          lead_officer="officer-go"),
                              metadata=self.judge, timeout=15)
        self.cases.ServeNotice(cases_pb2.ServeNoticeRequest(case=ref), metadata=self.judge,
                               timeout=15)
        suite.travel(DECIDED)
        decision = credit_pb2.DecideListingRequest(
            case_ref=case.case_number, grounds=[2], facts="以暴力方法阻碍执行",
            debtor_identity_number=case.respondents[0].identity_number,
            decision_number=f"{case.case_number}之一", signed_by_president=True,
            persons=[credit_pb2.Person(role="legal_representative", name="赵六",
                                       identity_number=person(654).identity_number)])
        wait_until(lambda: self.decide(decision), timeout=60,
                   what="the listing decision, once credit has seen the notice")

    def decide(self, decision: credit_pb2.DecideListingRequest) -> bool:
        try:
            self.credit.DecideListing(decision, metadata=self.judge, timeout=15)
        except grpc.RpcError as error:
            if error.code() in NOT_YET:
                return False
            raise
        return True


def shown(answer: Any) -> str:
    """The line the client prints for a CheckResponse (identities masked, R60)."""
    state = answer.state
    return (f"Check: identity={masked_id(answer.identity_number)} "
            f"valid={str(answer.valid).lower()} listed={str(state.listed).lower()} "
            f"restricted={str(state.restricted).lower()} conduct={','.join(state.conduct)} "
            f"since={state.since} cases={state.cases}")


def run(client: Path, suite: RunningSuite, court: Suite, *args: str) -> list[str]:
    """The client's output lines; tokens and target come from the environment."""
    env = {"ZHIXING_GRPC_TARGET": suite.target("cases"), "ZHIXING_PARTNER_TOKEN": court.partner,
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([str(client), *args], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def filing_args(court: Suite) -> list[str]:
    applicant, respondent = person(321), company()
    return ["-officer-token", court.officer, "-court", COURT,
            "-applicant", f"{applicant.name}:{applicant.identity_number}",
            "-respondent", f"{respondent.name}:{respondent.identity_number}:org",
            "-principal-fen", "12000000", "-issuing-body", "成都市锦江区人民法院",
            "-basis-number", "(2025)川0104民初100号", "-basis-date", "2025-06-01"]


class TestGoClient:
    def test_client_prints_the_suites_answers_when_it_files_and_checks(
            self, tmp_path, processes, client):
        suite = embedded_suite(processes, tmp_path, ("cases", "credit"), FILED)
        court = Suite(suite)

        filed_line, *checked = run(client, suite, court, *filing_args(court),
                                   "-check", company().identity_number, "-check", MALFORMED)

        fields = dict(part.split("=", 1) for part in filed_line.split()[1:])
        case = court.case(fields["case_id"])
        assert filed_line.startswith("FileCase: ")
        assert fields["case_number"] == case.case_number
        assert case.respondents[0].identity_number == company().identity_number
        assert case.claim.principal_fen == 12_000_000
        assert fields["access_codes"] == "applicant,respondent"
        expected = [court.checked(company().identity_number), court.checked(MALFORMED)]
        assert checked == [shown(answer) for answer in expected]
        assert [answer.valid for answer in expected] == [True, False]

        court.list_debtor(suite, case)
        listed = wait_until(lambda: (a := court.checked(company().identity_number))
                            .state.listed and a, timeout=30, what="Check to say listed")
        representative = court.checked(person(654).identity_number)
        assert run(client, suite, court, "-check", company().identity_number,
                   "-check", person(654).identity_number) == [shown(listed), shown(representative)]
        assert listed.state.restricted and list(listed.state.conduct)
        assert (representative.state.listed, representative.state.restricted) == (False, True)
        court.channel.close()


def bare_run(client: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The client run with only env (no suite needed), its output captured."""
    return subprocess.run([str(client), *args], env={"PATH": "/usr/bin:/bin", **env},
                          capture_output=True, text=True, timeout=60, check=False)


class TestGoClientCommandLine:
    """What the README promises of the command line, without a suite (review of issue 18)."""

    def test_help_prints_no_token_when_the_tokens_come_from_the_environment(self, client):
        secret = "eyJ.secret-officer.token"
        done = bare_run(client, {"ZHIXING_OFFICER_TOKEN": secret,
                                 "ZHIXING_PARTNER_TOKEN": secret + "-partner"}, "-h")

        assert "-officer-token" in done.stderr
        assert secret not in done.stderr + done.stdout

    def test_client_dials_the_port_make_run_was_given_when_only_zhixing_grpc_port_is_set(
            self, client):
        with socket.socket() as closed:  # bound, never listening: the dial is refused
            closed.bind(("127.0.0.1", 0))
            port = closed.getsockname()[1]
            done = bare_run(client, {"ZHIXING_GRPC_PORT": str(port),
                                     "ZHIXING_PARTNER_TOKEN": "token"},
                            "-check", company().identity_number, "-timeout", "5s")

        assert done.returncode == 1
        assert f"127.0.0.1:{port}" in done.stderr
