"""`zhixing agency-sim` over gRPC, against a small fake gateway served in process."""

from __future__ import annotations

import threading
from concurrent import futures

import grpc
import pytest
from typer.testing import CliRunner

from zhixing.agency_sim import (
    Behaviour,
    ChannelRefused,
    Simulator,
)
from zhixing.agency_sim.grpc_channel import GrpcChannel, request_from
from zhixing.contracts.events.assets.v1 import AgencyRequest
from zhixing.contracts.pb.assets.v1 import gateway_pb2 as pb
from zhixing.contracts.pb.assets.v1 import gateway_pb2_grpc
from zhixing.runtime.cli import app, mount
from zhixing.security.tokens import decode_token

from ..sim_kit import SECRET, request


class FakeGateway(gateway_pb2_grpc.AgencyGatewayServiceServicer):
    """Pending requests per agency, returned on every pull until answered."""

    AGENCIES = (("bank.icbc", "bank_deposit"), ("bank.ccb", "bank_deposit"), ("tax.sta", "tax"))

    def __init__(self, requests: list[AgencyRequest]) -> None:
        self.pending = {r.request_id: r for r in requests}
        self.submitted: list[tuple[str, str]] = []
        self.pulled_by: set[str] = set()
        self._lock = threading.Lock()

    def _caller(self, context: grpc.ServicerContext) -> str:
        bearer = dict(context.invocation_metadata())["authorization"].removeprefix("Bearer ")
        return decode_token(bearer, SECRET).agency

    def ListAgencies(self, request, context):
        self._caller(context)
        return pb.ListAgenciesResponse(agencies=[pb.Agency(agency_id=a, kind=k, actions=["query"])
                                                 for a, k in self.AGENCIES])

    def PullRequests(self, request, context):
        agency = self._caller(context)
        with self._lock:
            self.pulled_by.add(agency)
            mine = [r for r in self.pending.values() if r.agency_id == agency][:request.limit]
        return pb.PullRequestsResponse(requests=[pb.AgencyRequest(**r.model_dump()) for r in mine])

    def SubmitAnswers(self, request, context):
        agency = self._caller(context)
        with self._lock:
            for answer in request.answers:
                if self.pending.pop(answer.request_id).agency_id != agency:
                    context.abort(grpc.StatusCode.PERMISSION_DENIED, "not addressed to you")
                self.submitted.append((agency, answer.request_id))
        return pb.SubmitAnswersResponse(applied=len(request.answers))


@pytest.fixture
def gateway():
    requests = [request(n, agency, kind) for n in range(15) for agency, kind in FakeGateway.AGENCIES]
    fake = FakeGateway(requests)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    gateway_pb2_grpc.add_AgencyGatewayServiceServicer_to_server(fake, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield fake, f"127.0.0.1:{port}"
    server.stop(None)


class TestGrpcChannel:
    def test_each_agency_pulls_and_answers_its_own_requests_once(self, gateway):
        fake, target = gateway
        channel = GrpcChannel.connect(target, SECRET, silent=["bank.ccb"], pull_interval=0.02)
        behaviour = Behaviour(latency_ms=(0, 100), error_rate=0.0, silent=frozenset({"bank.ccb"}))
        simulator = Simulator(channel, behaviour, idle_exit=0.3)
        simulator.run()
        assert sorted(fake.submitted) == sorted({(a, f"inq-{n}:{a}") for n in range(15)
                                                 for a in ("bank.icbc", "tax.sta")})
        assert fake.pulled_by == {"bank.icbc", "tax.sta"}  # the silent bank never connects
        assert simulator.stats.answered == 30 and simulator.stats.redelivered > 0

    def test_an_agency_the_gateway_does_not_know_is_refused(self, gateway):
        _, target = gateway
        with pytest.raises(ChannelRefused, match=r"bank\.nowhere"):
            GrpcChannel.connect(target, SECRET, agencies=["bank.nowhere"])

    def test_an_unset_attempt_counts_as_the_first(self):
        message = pb.AgencyRequest(**request(1).model_dump(exclude={"attempt"}))
        assert request_from(message).attempt == 1


class TestCommand:
    def invoke(self, *args: str):  # type: ignore[no-untyped-def]
        env = {"ZHIXING_JWT_SECRET": SECRET, "ZHIXING_KAFKA_BOOTSTRAP": ""}
        return CliRunner().invoke(mount(app), ["agency-sim", *args], env=env)

    def test_answers_over_grpc_and_prints_one_summary_line(self, gateway):
        fake, target = gateway
        result = self.invoke("--target", target, "--latency-ms", "0-20", "--error-rate", "0",
                             "--idle-exit", "0.3", "--progress-every", "0")
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) == 1 and lines[0].startswith("agency-sim: 45 seen, 45 answered")
        assert len(fake.submitted) == 45

    @pytest.mark.parametrize("args", [("--latency-ms", "fast"), ("--error-rate", "2"),
                                      ("--transport", "carrier-pigeon"),
                                      ("--latency-ms", "0-99999999999999999999999"),
                                      ("--duration", "-1"), ("--idle-exit", "-1"),
                                      ("--progress-every", "-1"), ("--duration", "nan")])
    def test_bad_options_are_a_usage_error_on_one_line(self, args):
        result = self.invoke(*args)
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1

    def test_an_unreachable_gateway_fails_on_one_line_without_a_traceback(self):
        result = self.invoke("--transport", "grpc", "--target", "127.0.0.1:1")
        assert result.exit_code == 1
        assert result.stderr.startswith("zhixing agency-sim: grpc: gateway at 127.0.0.1:1")
        assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
