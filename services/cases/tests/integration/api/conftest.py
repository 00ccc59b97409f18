"""CasesService on a real in-process gRPC server, its application on a `FixedClock`.

`grpc_cases` starts the service (built like `bootstrap.build`, but with the test's clock)
and hands out callers with any role, court and team: `grpc_cases.caller(role="finance")`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import grpc
import pytest

from testkit.filings import company, file_case_request
from zhixing.cases.api.servicer import POLICIES, SERVICE, CasesServicer
from zhixing.cases.application import CasesApplication
from zhixing.cases.outbound import CaseOutbound
from zhixing.cases.projections.case_index import CaseIndexProjection, CaseIndexQueries
from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.contracts.pb.cases.v1 import cases_pb2_grpc
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.clock import FixedClock
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.server import GrpcServer
from zhixing.runtime.service import ServiceInstance
from zhixing.security.audit import AuditEntry, AuditLog
from zhixing.security.grpc_auth import bearer_metadata
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

COURT, OTHER_COURT = "川0104", "渝0103"
TEAM, OTHER_TEAM = "执行一组", "执行二组"
DEBTOR = company().identity_number
FILED = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # Monday 10:00 in Beijing


class Caller:
    """The CasesService stub with one caller's token: `caller.AssignCase(request)`."""

    def __init__(self, channel: grpc.Channel, token: str) -> None:
        self._stub = cases_pb2_grpc.CasesServiceStub(channel)
        self._metadata = bearer_metadata(token)

    def __getattr__(self, method: str) -> Callable[[Any], Any]:
        rpc = getattr(self._stub, method)
        return lambda request: rpc(request, metadata=self._metadata, timeout=10)


@dataclass
class GrpcCases:
    target: str
    settings: Settings
    app: CasesApplication
    clock: FixedClock
    store: SqlStore
    audit_log: AuditLog
    filed: int = 0
    channel: grpc.Channel = field(init=False)

    def __post_init__(self) -> None:
        self.channel = grpc.insecure_channel(self.target)

    def caller(self, role: str = "officer", court: str = COURT, team: str = TEAM,
               subject: str = "officer-1") -> Caller:
        identity = Identity(subject=subject, role=role, court=court, team=team)
        return Caller(self.channel, issue_token(identity, self.settings.jwt_secret))

    def file(self, **changes: Any) -> str:
        """A new 执 case of 川0104 filed today; its case number."""
        self.filed += 1
        request = file_case_request(index=self.filed, **changes)
        return str(self.caller().FileCase(request).case_number)

    def assigned(self, team: str = TEAM, lead_officer: str = "李明", **changes: Any) -> str:
        """A new case assigned to `team`; its case number."""
        number = self.file(**changes)
        self.caller(team=team).AssignCase(pb.AssignCaseRequest(
            case=ref(number), team=team, lead_officer=lead_officer))
        return number

    def case(self, number: str) -> pb.EnforcementCase:
        return self.caller(role="judge").GetCase(pb.GetCaseRequest(case_number=number)).case

    def case_id(self, number: str) -> UUID:
        return self.app.find_case(number).id

    def travel(self, days: int) -> date:
        self.clock.advance(timedelta(days=days))
        return self.clock.today()

    def ready_for_conclusion(self, number: str) -> None:
        """Notice served, debtor restricted, listed and queried with nothing found, the
        applicant interviewed — everything of R16/R17 but the passing of time."""
        judge = self.caller(role="judge")
        judge.ServeNotice(pb.ServeNoticeRequest(case=ref(number)))
        case_id, today = self.case_id(number), self.clock.today().isoformat()
        self.app.apply_restriction(case_id, f"r-{number}", DEBTOR, today)
        self.app.apply_listing_decision(case_id, f"l-{number}", DEBTOR, True, today)
        self.app.apply_inquiry(case_id, f"i-{number}", DEBTOR, today,
                               ["bank_deposit", "vehicle", "real_estate", "securities"],
                               disposable=False, requery=False)
        judge.InterviewApplicant(pb.InterviewApplicantRequest(
            case=ref(number), summary="告知已采取的措施及终本的法律后果"))

    def index(self) -> None:
        """Feed the case index every event published so far, as the worker would."""
        projection, outbound = CaseIndexProjection(self.app), CaseOutbound(self.app)
        with self.store.transaction() as cur:
            for _, domain_event in self.app.read_notifications(0):
                for event in outbound(domain_event):
                    projection.handle(_cloud(event.event_type, event.model_dump(mode="json")),
                                      cur)

    def audit(self, method: str) -> list[AuditEntry]:
        """Audit entries of one RPC (by its full gRPC method name)."""
        entries = self.audit_log.entries(limit=1000)
        return [e for e in entries if e.action == f"/{SERVICE}/{method}"]


def ref(number: str) -> pb.CaseRef:
    return pb.CaseRef(case_number=number)


def refused(call: Callable[[], Any]) -> grpc.RpcError:
    """The error a call fails with (the test fails if it succeeds)."""
    with pytest.raises(grpc.RpcError) as failure:
        call()
    return failure.value


def _cloud(event_type: str, data: dict[str, Any]) -> CloudEvent:
    return CloudEvent(id=str(uuid4()), source="/test", type=event_type, time=FILED.isoformat(),
                      subject="", court=COURT, region="chengdu", sequence=0, position=0,
                      data=data)


@pytest.fixture
def grpc_cases(tmp_path) -> Iterator[GrpcCases]:
    settings = Settings(var_dir=tmp_path, grpc_port=0)
    clock = FixedClock(FILED)
    app = CasesApplication(settings, clock=clock)
    store = settings.sql_store("cases")
    CaseIndexProjection.migrate(store)
    home = open_audit(settings)  # the suite's one audit log, as `bootstrap.build` opens it
    servicer = CasesServicer(app, home.log, CaseIndexQueries(store))
    instance = ServiceInstance(
        name="cases", store=store, grpc_service_names=[SERVICE], policies=POLICIES,
        register_grpc=lambda server: cases_pb2_grpc.add_CasesServiceServicer_to_server(
            servicer, server), audit=home.log)
    with _serving(instance, settings) as target:
        suite = GrpcCases(target, settings, app, clock, store, home.log)
        yield suite
        suite.channel.close()
    app.close()
    store.close()
    close_audit(home)


class _serving:
    """Serve `instance` from a background event loop; the target while inside."""

    def __init__(self, instance: ServiceInstance, settings: Settings) -> None:
        self.instance, self.settings = instance, settings
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.ready = threading.Event()
        self.server: GrpcServer | None = None

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._start())
        self.ready.set()
        self.loop.run_forever()

    async def _start(self) -> None:
        self.server = GrpcServer([self.instance], self.settings, self.instance.audit)
        await self.server.start()

    def __enter__(self) -> str:
        self.thread.start()
        assert self.ready.wait(10), "the test server did not start"
        assert self.server is not None
        return f"127.0.0.1:{self.server.port}"

    def __exit__(self, *exc: object) -> None:
        assert self.server is not None
        asyncio.run_coroutine_threadsafe(self.server.stop(0), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
