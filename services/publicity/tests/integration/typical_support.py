"""The publicity service built by its bootstrap and served in-process over real gRPC
(SQLite), with stubs of its two services calling as whoever a test names."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import grpc

from testkit.assets import drain
from testkit.serving import serving
from zhixing.contracts.pb.publicity.v1 import desk_pb2 as desk
from zhixing.contracts.pb.publicity.v1 import desk_pb2_grpc, publicity_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.publicity.bootstrap import build
from zhixing.runtime.cli_kit import dev_token
from zhixing.security.tokens import bearer_metadata

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
"""Monday 2 March 2026, 10:00 in Beijing."""
COURT, OTHER_COURT = "川0104", "渝0103"
ID = "510104199001011234"
ACCOUNT = "6222 0212 3456 7890 123"


class Publicity:
    """The served service: the public stub, the desk stub, and its consumers drained."""

    def __init__(self, instance: Any, settings: Settings, target: str) -> None:
        self.instance, self.settings, self.target = instance, settings, target
        self.channel = grpc.insecure_channel(target)
        self.public = publicity_pb2_grpc.PublicityServiceStub(self.channel)
        self.desk = desk_pb2_grpc.PublicityDeskServiceStub(self.channel)

    def call(self, method: str, request: Any, role: str = "press", court: str = COURT,
             user: str = "") -> Any:
        token = dev_token(user or f"{role}-1", role, court=court,
                          secret=self.settings.jwt_secret)
        return getattr(self.desk, method)(request, metadata=bearer_metadata(token), timeout=10)

    def read(self, method: str, request: Any) -> Any:
        """A public RPC, anonymous, once the service's own events reached its read models."""
        drain(self.instance)
        return getattr(self.public, method)(request, timeout=10)

    def draft(self, **changes: Any) -> Any:
        fields = {"title": "张三隐匿存款案", "summary": "被执行人张三以他人名义存款",
                  "body": f"张三（身份证号{ID}）在某银行开户，账号{ACCOUNT}。",
                  "redact_names": ["张三"]}
        return self.call("DraftTypicalCase",
                         desk.DraftTypicalCaseRequest(**{**fields, **changes})).draft

    def published(self, **changes: Any) -> Any:
        """A draft submitted by its author and approved by the court's president."""
        case_id = self.draft(**changes).typical_case_id
        self.call("SubmitTypicalCase", desk.SubmitTypicalCaseRequest(typical_case_id=case_id))
        return self.call("ReviewTypicalCase", desk.ReviewTypicalCaseRequest(
            typical_case_id=case_id, approve=True), role="president").draft

    def audit(self) -> list[Any]:
        return list(self.instance.audit.entries(limit=500))


@contextmanager
def publicity_served(tmp_path: Path) -> Iterator[Publicity]:
    clock_file = tmp_path / "clock"
    clock_file.write_text(NOW.isoformat())
    settings = Settings(var_dir=tmp_path, grpc_port=0, clock_file=str(clock_file))
    instance = build(settings)
    try:
        with serving(instance, settings) as target:
            served = Publicity(instance, settings, target)
            try:
                yield served
            finally:
                served.channel.close()
    finally:
        instance.close()
