"""The simulator's gateway channel at rest (issue 12, item 13): pulls that find nothing
come less and less often, and a pull that finds something brings the pace back.
Virtual time: the clock moves only when the channel sleeps."""

from __future__ import annotations

from zhixing.agency_sim.grpc_channel import AgencyTokens, GrpcChannel
from zhixing.contracts.pb.assets.v1 import gateway_pb2 as pb


class Gateway:
    """Answers every pull with what `pending` holds (nothing by default); counts pulls."""

    def __init__(self) -> None:
        self.pulls = 0
        self.pending: list[pb.AgencyRequest] = []

    def PullRequests(self, request, metadata, timeout):  # the RPC's name
        self.pulls += 1
        found, self.pending = self.pending, []
        return pb.PullRequestsResponse(requests=found)


class VirtualTime:
    def __init__(self) -> None:
        self.now = 0.0

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def channel(gateway: Gateway, time: VirtualTime) -> GrpcChannel:
    return GrpcChannel(gateway, AgencyTokens("s" * 32), ["bank.icbc"], pull_interval=0.1,
                       idle_interval=2.0, monotonic=lambda: time.now, sleep=time.sleep)


class TestIdlePulls:
    def test_idle_channel_pulls_a_few_times_a_minute_when_the_gateway_is_empty(self):
        gateway, time = Gateway(), VirtualTime()
        pulling = channel(gateway, time)
        while time.now < 60.0:
            pulling.receive(timeout=1.0)
        # A fixed 0.1 s pace pulled 600 times a minute.
        assert gateway.pulls <= 40

    def test_channel_pulls_at_its_pace_again_when_a_request_arrives(self):
        gateway, time = Gateway(), VirtualTime()
        pulling = channel(gateway, time)
        while time.now < 30.0:
            pulling.receive(timeout=1.0)
        gateway.pending = [pb.AgencyRequest()]
        while gateway.pending:
            pulling.receive(timeout=1.0)
        found_at, before = time.now, gateway.pulls
        while time.now < found_at + 0.25:
            pulling.receive(timeout=1.0)
        assert gateway.pulls - before >= 2  # 0.1 s, then 0.2 s: back at the fast pace
