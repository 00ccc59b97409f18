"""CasesService's policies (R46, default deny): every RPC of the contract has one."""

from __future__ import annotations

from zhixing.cases.api.policies import POLICIES, SERVICE
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb


class TestPolicies:
    def test_every_rpc_has_a_policy_when_the_contract_grows(self):
        methods = pb.DESCRIPTOR.services_by_name["CasesService"].methods
        assert {f"/{SERVICE}/{m.name}" for m in methods} == set(POLICIES)
