"""The partner's mirror for the credit e2e test (placeholder until the example lands)."""

from __future__ import annotations

import threading
from typing import Any

import grpc

from testkit.suites import RunningSuite
from zhixing.contracts.pb.credit.v1 import check_pb2
from zhixing.contracts.pb.credit.v1.check_pb2_grpc import CreditCheckServiceStub


class FollowMirror:
    def __init__(self, target: str, metadata: Any) -> None:
        self.states: dict[str, Any] = {}
        self.channel = grpc.insecure_channel(target)
        self.stream = CreditCheckServiceStub(self.channel).Follow(
            check_pb2.FollowRequest(after=0), metadata=metadata)
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            for change in self.stream:
                if change.HasField("state"):
                    self.states[change.identity_number] = change.state
                else:
                    self.states.pop(change.identity_number, None)
        except grpc.RpcError:
            return

    def check(self, identity: str) -> Any:
        return self.states.get(identity)

    def stop(self) -> None:
        self.stream.cancel()
        self.channel.close()


def start_mirror(suite: RunningSuite, metadata: Any) -> FollowMirror:
    return FollowMirror(suite.target("credit"), metadata)
