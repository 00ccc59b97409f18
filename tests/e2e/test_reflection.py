"""grpcurl — a client nobody here wrote, built from the Go module proxy — lists and
describes the running embedded suite by reflection v1, with the protos' comments; and
v1alpha answers too, for older clients (issue 18 item 1, spec D2). A cluster-mode api
process (on the stack of `make test`) answers the same way.

Which version answered is read from the suite's own metrics (one series per served
RPC): grpcurl asks v1 first and falls back to v1alpha only when v1 is unimplemented.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.request import urlopen

import grpc
import pytest
from google.protobuf import descriptor_pb2
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

from testkit.gobuild import ROOT, go_tool
from testkit.processes import Processes, free_port
from testkit.stack import process_env, stack_settings
from testkit.suites import embedded_suite, start_apis

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]  # a cold grpcurl build: ~4 min

GRPCURL = ("github.com/fullstorydev/grpcurl/cmd/grpcurl", "v1.9.4")
V1 = "grpc.reflection.v1.ServerReflection/ServerReflectionInfo"
V1ALPHA = "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"
"""The metrics label of each version's one RPC (its full name without the slash)."""
FILE_CASE_COMMENT = "FileCase files (立案) a new enforcement case"
"""The first words of the FileCase rpc's comment in cases.proto."""


@dataclass
class Reflected:
    """The running suite, where it serves, and the grpcurl that asks it."""

    target: str
    metrics_port: int
    grpcurl: Path

    def grpcurl_says(self, *args: str) -> str:
        done = subprocess.run([str(self.grpcurl), "-plaintext", self.target, *args],
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def calls(self, rpc: str) -> float:
        """How many calls of `rpc` the suite has answered (its metrics)."""
        with urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics", timeout=10) as page:
            text = page.read().decode()
        pattern = rf'^zhixing_command_duration_seconds_count\{{[^}}]*rpc="{re.escape(rpc)}"' \
                  r'[^}]*\} (\S+)$'
        return sum(float(m) for m in re.findall(pattern, text, re.MULTILINE))


@pytest.fixture(scope="module")
def reflected(tmp_path_factory) -> Iterator[Reflected]:
    grpcurl = go_tool(*GRPCURL)  # before the suite: a cold build must not eat its waits
    home = tmp_path_factory.mktemp("reflection")
    processes = Processes(home)
    port = free_port()
    try:
        suite = embedded_suite(processes, home, ("cases",), "2026-03-02T10:00:00+08:00",
                               ZHIXING_METRICS_PORT=str(port))
        yield Reflected(suite.target("cases"), port, grpcurl)
    finally:
        processes.stop_all()


@pytest.fixture(scope="module")
def cluster_api(tmp_path_factory) -> Iterator[Reflected]:
    """One `zhixing cases api` process, as scripts/cluster.sh starts it."""
    grpcurl = go_tool(*GRPCURL)
    home = tmp_path_factory.mktemp("reflection-cluster")
    processes = Processes(home)
    port = free_port()
    try:
        env = process_env(stack_settings(home), ZHIXING_METRICS_PORT=str(port))
        targets = start_apis(processes, {"cases-api": ["cases", "api"]}, env)
        yield Reflected(targets["cases-api"], port, grpcurl)
    finally:
        processes.stop_all()


def contract_services() -> set[str]:
    """Every service declared in protos/ (from the committed descriptor set)."""
    data = (ROOT / "libs/contracts/src/zhixing/contracts/pb/zhixing.binpb").read_bytes()
    files = descriptor_pb2.FileDescriptorSet.FromString(data).file
    return {f"{file.package}.{service.name}" for file in files for service in file.service}


class TestGrpcurl:
    def test_list_shows_every_contract_service_when_asked_by_v1(self, reflected):
        listed = set(reflected.grpcurl_says("list").split())

        assert listed == contract_services() | {
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection"}
        assert reflected.calls(V1) >= 1
        assert reflected.calls(V1ALPHA) == 0

    def test_describe_shows_the_rpc_comment_when_asked_by_v1(self, reflected):
        shown = reflected.grpcurl_says("describe", "zhixing.cases.v1.CasesService.FileCase")

        assert FILE_CASE_COMMENT in shown
        assert "rpc FileCase ( .zhixing.cases.v1.FileCaseRequest )" in shown
        assert reflected.calls(V1ALPHA) == 0

    def test_describe_shows_field_comments_and_bounds_when_asked_for_a_message(self, reflected):
        shown = reflected.grpcurl_says("describe", "zhixing.credit.v1.CheckRequest")

        assert "Resident ID (18 characters) or unified social credit code." in shown
        assert "Bound: at most 64 characters." in shown


class TestV1alpha:
    def test_v1alpha_describes_with_comments_when_an_older_client_asks(self, reflected):
        before = reflected.calls(V1ALPHA)
        with grpc.insecure_channel(reflected.target) as channel:
            database = ProtoReflectionDescriptorDatabase(channel)
            services = set(database.get_services())
            found = database.FindFileContainingSymbol("zhixing.cases.v1.CasesService")

        comments = [loc.leading_comments for loc in found.source_code_info.location]
        assert contract_services() <= services
        assert any(FILE_CASE_COMMENT in comment for comment in comments)
        assert reflected.calls(V1ALPHA) > before


class TestClusterApiProcess:
    def test_cases_api_describes_by_v1_and_answers_v1alpha_when_run_apart(self, cluster_api):
        listed = set(cluster_api.grpcurl_says("list").split())
        shown = cluster_api.grpcurl_says("describe", "zhixing.cases.v1.CasesService.FileCase")
        with grpc.insecure_channel(cluster_api.target) as channel:
            older = set(ProtoReflectionDescriptorDatabase(channel).get_services())

        assert {"zhixing.cases.v1.CasesService", "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection"} <= listed
        assert FILE_CASE_COMMENT in shown
        assert older == listed
        assert cluster_api.calls(V1) >= 2 and cluster_api.calls(V1ALPHA) >= 1
