"""The one audited servicer base: the RPC is derived (service from the generated class,
method from the running servicer method), court scope hides other courts' objects, and
every act is audited with who, why and when."""

from __future__ import annotations

import asyncio
from typing import Any

import grpc
import pytest

from testkit.servicers import Aborted, FakeContext
from zhixing.contracts.pb.cases.v1 import cases_pb2_grpc
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.runtime.audited import AuditedServicer
from zhixing.runtime.errors import maps_errors
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity, bound_identity
from zhixing.security.policy import Policy, PolicyBook

SERVICE = "zhixing.cases.v1.CasesService"
OFFICER = Identity("officer-1", "officer", "川0104")


def _missing() -> NotFound:
    return NotFound("no enforcement case with that id", field="case_id")


class Probe(AuditedServicer, cases_pb2_grpc.CasesServiceServicer):
    """Two of CasesService's methods, standing in for a real servicer."""

    POLICIES = PolicyBook.for_service(SERVICE, {"GetCase": Policy.for_roles("officer"),
                                                "AssignCase": Policy.for_roles("officer"),
                                                "ServeNotice": Policy.for_team("officer")})

    @maps_errors
    async def GetCase(self, request: Any, context: Any) -> str:
        """`request`: the court of the case read."""
        caller = await self._authorize_visible(request, "(2026)川0104执1号", _missing)
        await self._audit(caller, "(2026)川0104执1号", "read case file")
        return self.method()

    @maps_errors
    async def AssignCase(self, request: Any, context: Any) -> str:
        """`request`: what the application call does — return a value or raise."""
        return await self._act(OFFICER, "(2026)川0104执1号", "分案", request)

    @maps_errors
    async def ServeNotice(self, request: Any, context: Any) -> str:
        """`request`: the team the servicer names (None: it names none)."""
        await self._authorize("川0104", "(2026)川0104执1号", team=request)
        return "served"


@pytest.fixture
def probe(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "audit.db")
    yield Probe(AuditLog(store))
    store.close()


def _call(probe: Probe, method: str, request: Any) -> Any:
    async def run() -> Any:
        with bound_identity(OFFICER):
            return await getattr(probe, method)(request, FakeContext())

    return asyncio.run(run())


def _entries(probe: Probe) -> list[tuple[str, str, str, str]]:
    return [(e.action, e.target, e.reason, e.outcome) for e in probe.audit.entries()]


class TestDerivedRpc:
    def test_the_service_is_named_by_the_generated_servicer_class(self):
        assert Probe.SERVICE == SERVICE

    def test_the_method_is_the_servicer_method_being_run(self, probe):
        assert _call(probe, "GetCase", "川0104") == f"/{SERVICE}/GetCase"

    def test_a_type_error_when_no_generated_servicer_class_is_inherited(self):
        class Bare(AuditedServicer):
            pass

        with pytest.raises(TypeError, match="generated gRPC servicer"):
            _ = Bare.SERVICE


class TestAudit:
    def test_an_act_is_audited_under_the_full_method_name(self, probe):
        _call(probe, "AssignCase", lambda: "done")
        assert _entries(probe) == [(f"/{SERVICE}/AssignCase", "(2026)川0104执1号", "分案", "ok")]

    def test_a_refusal_is_audited_by_kind_rule_and_field_not_its_text(self, probe):
        def refuse() -> None:
            raise InvalidInput("张伟 510104199803121234 is not valid", rule="R1", field="party")

        with pytest.raises(Aborted) as refusal:
            _call(probe, "AssignCase", refuse)
        assert refusal.value.code == grpc.StatusCode.INVALID_ARGUMENT
        assert _entries(probe) == [(f"/{SERVICE}/AssignCase", "(2026)川0104执1号",
                                    "分案: InvalidInput R1 [party]", "refused")]


class TestExistence:
    def test_another_courts_object_is_answered_as_an_unknown_one(self, probe):
        with pytest.raises(Aborted) as refusal:
            _call(probe, "GetCase", "渝0103")
        assert (refusal.value.code, refusal.value.details) == (
            grpc.StatusCode.NOT_FOUND, str(_missing()))

    def test_the_refused_attempt_is_audited_as_denied(self, probe):
        with pytest.raises(Aborted):
            _call(probe, "GetCase", "渝0103")
        [(action, target, _reason, outcome)] = _entries(probe)
        assert (action, target, outcome) == (f"/{SERVICE}/GetCase", "(2026)川0104执1号",
                                             "denied")


class TestTeamScope:
    def test_refused_when_the_case_is_another_teams(self, probe):
        with pytest.raises(Aborted) as refusal:
            _call(probe, "ServeNotice", "执行二组")  # OFFICER is of no team
        assert refusal.value.code == grpc.StatusCode.PERMISSION_DENIED
        assert "R46 [team]" in refusal.value.details

    def test_refused_and_audited_when_the_servicer_names_no_team(self, probe):
        """Default deny: a team-scoped RPC cannot pass by not looking at the team."""
        with pytest.raises(Aborted) as refusal:
            _call(probe, "ServeNotice", None)
        assert refusal.value.code == grpc.StatusCode.PERMISSION_DENIED
        assert "[team]" in refusal.value.details
        assert [e.outcome for e in probe.audit.entries()] == ["denied"]
