"""A newcomer's token works against a cluster, and Check says why (issue 18, D5, D6).

Cluster mode (cases and credit as their own api/relay/worker processes on the stack's
PostgreSQL and Kafka). Following the README's "Tokens and targets": the cluster's secret
sits where `make cluster` keeps it (var/cluster/jwt.secret), the shell exports
ZHIXING_JWT_SECRET_FILE, and `zhixing token` makes a judge's and a partner's token. With
them the judge files a case, serves the notice and lists the organisation debtor with its
legal representative (R14); the partner's Check names each basis — the organisation
listed (R1 grounds) and restricted as the debtor (R12), its legal representative bound
as its person (R14: which organisation, case, court, role) — and `zhixing dishonest
check`, calling the port of ZHIXING_GRPC_PORT, says the same. A token signed with the
development secret, as before, is refused by the cluster.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import grpc
import pytest

from testkit.filings import company, file_case_request
from testkit.processes import ZHIXING
from testkit.suites import cluster_suite
from testkit.waiting import wait_until
from zhixing.cases.demo import resident_id
from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.contracts.pb.cases.v1.cases_pb2_grpc import CasesServiceStub
from zhixing.contracts.pb.credit.v1 import check_pb2, credit_pb2
from zhixing.contracts.pb.credit.v1.check_pb2_grpc import CreditCheckServiceStub
from zhixing.contracts.pb.credit.v1.credit_pb2_grpc import CreditServiceStub
from zhixing.security.grpc_auth import bearer_metadata

pytestmark = pytest.mark.e2e

COURT, TEAM = "川0104", "执行一组"
FILED, DECIDED = "2026-03-02T10:00:00+08:00", "2026-04-10T10:00:00+08:00"
REPRESENTATIVE = resident_id("510104", "19750101", "201")
COMPANY = company()


def newcomer_shell(**variables: str) -> dict[str, str]:
    """A shell of one's own: none of the cluster's variables, only what the README says."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHIXING_")}
    return {**env, **variables}


def zhixing(checkout: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ZHIXING, *args], cwd=checkout, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def issued(checkout: Path, env: dict[str, str], *options: str) -> str:
    made = zhixing(checkout, env, "token", *options)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def basis(answer: check_pb2.CheckResponse) -> list[tuple[object, ...]]:
    return [(b.kind, list(b.grounds), b.case_number, b.court_code, b.organisation_name,
             b.organisation_code, b.role, len(b.conduct), b.since) for b in answer.basis]


def test_cli_tokens_work_and_check_names_each_basis_when_the_suite_runs_as_a_cluster(
        tmp_path, processes):
    suite = cluster_suite(processes, tmp_path, ("cases", "credit"), FILED)
    checkout = tmp_path / "checkout"
    (checkout / "var" / "cluster").mkdir(parents=True)
    # As scripts/cluster.sh writes it (`zhixing cipher-key > var/cluster/jwt.secret`).
    (checkout / "var" / "cluster" / "jwt.secret").write_text(suite.secret + "\n")
    shell = newcomer_shell(ZHIXING_JWT_SECRET_FILE="var/cluster/jwt.secret")
    judge = bearer_metadata(issued(checkout, shell, "--role", "judge", "--court", COURT,
                                   "--team", TEAM, "--subject", "judge-e2e"))
    partner = bearer_metadata(issued(checkout, shell, "--role", "partner",
                                     "--agency", "airline.ca"))
    with grpc.insecure_channel(suite.target("cases")) as cases_channel, \
            grpc.insecure_channel(suite.target("credit")) as credit_channel:
        cases, credit = CasesServiceStub(cases_channel), CreditServiceStub(credit_channel)
        check = CreditCheckServiceStub(credit_channel)
        filed = cases.FileCase(file_case_request(7, court=COURT, request_id="basis-1"),
                               metadata=judge, timeout=15)
        ref = cases_pb2.CaseRef(case_id=filed.case_id)
        cases.AssignCase(cases_pb2.AssignCaseRequest(case=ref, team=TEAM,
                                                     lead_officer="officer-e2e"),
                         metadata=judge, timeout=15)
        cases.ServeNotice(cases_pb2.ServeNoticeRequest(case=ref), metadata=judge, timeout=15)
        suite.travel(DECIDED)
        decision = credit_pb2.DecideListingRequest(
            case_ref=filed.case_number, debtor_identity_number=COMPANY.identity_number,
            grounds=[2], facts="以暴力方法阻碍执行", decision_number=f"{filed.case_number}之一",
            signed_by_president=True, persons=[credit_pb2.Person(
                role="legal_representative", name="赵六", identity_number=REPRESENTATIVE)])

        def decided() -> bool:
            try:
                return bool(credit.DecideListing(decision, metadata=judge, timeout=15))
            except grpc.RpcError as error:  # credit has not seen the filing or notice yet
                if error.code() in (grpc.StatusCode.NOT_FOUND,
                                    grpc.StatusCode.FAILED_PRECONDITION):
                    return False
                raise

        wait_until(decided, timeout=120, what="the listing, once credit has seen the notice")

        def checked(identity: str) -> check_pb2.CheckResponse:
            return check.Check(check_pb2.CheckRequest(identity_number=identity),
                               metadata=partner, timeout=15)

        person = wait_until(lambda: (a := checked(REPRESENTATIVE)).state.restricted and a,
                            timeout=60, what="Check to say the representative is restricted")
        debtor = checked(COMPANY.identity_number)

        stale = newcomer_shell()  # the token as before: the development secret
        with pytest.raises(grpc.RpcError) as refused:
            check.Check(check_pb2.CheckRequest(identity_number=REPRESENTATIVE), timeout=15,
                        metadata=bearer_metadata(issued(checkout, stale, "--role", "partner",
                                                        "--agency", "airline.ca")))
    number, day = filed.case_number, "2026-04-10"
    assert basis(debtor) == [
        ("listed", ["2"], number, COURT, "", "", "", 0, day),
        ("restricted_debtor", [], number, COURT, "", "", "", 15, day)]
    assert basis(person) == [("restricted_person", [], number, COURT, COMPANY.name,
                              COMPANY.identity_number, "legal_representative", 15, day)]
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "does not verify" in (refused.value.details() or "")

    port = suite.target("credit").rsplit(":", 1)[1]
    said = zhixing(checkout, {**shell, "ZHIXING_GRPC_PORT": port}, "dishonest", "check",
                   REPRESENTATIVE, "--partner", "airline.ca")
    assert said.returncode == 0, said.stderr
    assert (f"because: restricted (限消) as legal_representative of {COMPANY.name}"
            in said.stdout)
    assert REPRESENTATIVE not in said.stdout  # masked (R60)
