"""The supervision service built by its bootstrap and served in-process over real gRPC,
with three enforcement cases fed as the cases service publishes them: two of 川0104 (one
with a node overdue, which the watch turns into an alert, R36) and one of 渝0103.

The service's clock stands at Monday 2 March 2026, 10:00 in Beijing. Callers are named
by role and court; a court code nests (R39): a caller of 川 sees 川0104.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import grpc

from testkit.assets import cloud_event, drain, feed
from testkit.serving import serving
from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.contracts.pb.supervision.v1 import supervision_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.runtime.cli_kit import dev_token
from zhixing.security.tokens import bearer_metadata
from zhixing.supervision.bootstrap import build

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
COURT, OTHER_COURT = "川0104", "渝0103"
NAMED = ("9a1c2a9e-0000-4000-8000-000000000151", "(2026)川0104执151号")
"""A case a procuratorial matter names."""
UNNAMED = ("9a1c2a9e-0000-4000-8000-000000000152", "(2026)川0104执152号")
"""A case of the same court no matter names; its 'notice' node is overdue (R27)."""
ELSEWHERE = ("9a1c2a9e-0000-4000-8000-000000000153", "(2026)渝0103执153号")
OFFICIAL, ASKED = "王某某", "请求对其亲属的案件暂缓执行"
"""Who interfered and what was asked: only ReadInterference may answer them (R35)."""
UNKNOWN = "00000000-0000-4000-8000-000000000999"


def filed(case: tuple[str, str], court: str, position: int) -> Any:
    case_id, number = case
    return cloud_event("cn.zhixing.cases.v1.CaseFiled", case_id, {
        "case_id": case_id, "case_number": number, "court_code": court, "case_type": "执",
        "filed_on": "2026-01-05", "basis_kind": "judgment",
        "basis_document_number": f"(2025){court}民初{position}号", "claim_total_fen": 100_000_00,
        "parties": [
            {"role": "applicant", "kind": "natural_person", "name": "赵六",
             "identity_number": "510104198001011234"},
            {"role": "respondent", "kind": "natural_person", "name": "钱七",
             "identity_number": "510104197001011238"}]}, position=position)


def node_overdue(case: tuple[str, str], court: str, position: int) -> Any:
    case_id, number = case
    return cloud_event("cn.zhixing.cases.v1.NodeOverdue", case_id, {
        "case_id": case_id, "case_number": number, "court_code": court, "node": "notice",
        "rule": "R27", "due_on": "2026-01-15", "team": "执行一组"}, position=position)


class Supervision:
    """The served service and a stub calling as whoever a test names."""

    def __init__(self, instance: Any, settings: Settings, target: str) -> None:
        self.instance, self.settings, self.target = instance, settings, target
        self.channel = grpc.insecure_channel(target)
        self.stub = supervision_pb2_grpc.SupervisionServiceStub(self.channel)

    def call(self, method: str, request: Any, role: str = "supervisor", court: str = COURT,
             user: str = "") -> Any:
        token = dev_token(user or f"{role}-1", role, court=court,
                          secret=self.settings.jwt_secret)
        return getattr(self.stub, method)(request, metadata=bearer_metadata(token), timeout=10)

    def drain(self) -> int:
        """The service's own events through its read models (the alert index)."""
        return drain(self.instance)

    def audit(self) -> list[Any]:
        return list(self.instance.audit.entries(limit=500))

    def receive_matter(self, case: tuple[str, str] = NAMED, key: str = "m-1") -> Any:
        matter = self.call("ReceiveMatter", pb.ReceiveMatterRequest(
            kind="suggestion", document_number=f"武检执建〔2026〕{key}号",
            procuratorate="成都市武侯区人民检察院", case_id=case[0], case_number=case[1],
            summary="建议依法及时采取控制措施", request_id=key)).matter
        self.drain()
        return matter

    def record_interference(self, **changes: Any) -> Any:
        fields = {"who_name": OFFICIAL, "who_unit": "某区住建局", "who_post": "副局长",
                  "means": "call", "case_id": NAMED[0], "case_number": NAMED[1],
                  "asked": ASKED}
        return self.call("RecordInterference",
                         pb.RecordInterferenceRequest(**{**fields, **changes}),
                         role="officer")

    def the_alert(self) -> Any:
        """The alert the overdue node raised (R36), read from the index."""
        self.drain()
        alerts = self.call("ListAlerts", pb.ListAlertsRequest()).alerts
        return next(a for a in alerts if a.case_id == UNNAMED[0])


@contextmanager
def supervision_served(tmp_path: Path) -> Iterator[Supervision]:
    clock_file = tmp_path / "clock"
    clock_file.write_text(NOW.isoformat())
    settings = Settings(var_dir=tmp_path, grpc_port=0, clock_file=str(clock_file))
    instance = build(settings)
    try:
        for event in (filed(NAMED, COURT, 1), filed(UNNAMED, COURT, 2),
                      filed(ELSEWHERE, OTHER_COURT, 3), node_overdue(UNNAMED, COURT, 4)):
            feed(instance, event)
        with serving(instance, settings) as target:
            served = Supervision(instance, settings, target)
            try:
                yield served
            finally:
                served.channel.close()
    finally:
        instance.close()
