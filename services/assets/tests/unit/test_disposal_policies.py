"""AssetDisposalService's policies (R46, default deny): every RPC of the contract has one."""

from __future__ import annotations

from zhixing.assets.api.disposal import POLICIES, SERVICE
from zhixing.contracts.pb.assets.v1 import disposal_pb2 as pb


class TestPolicies:
    def test_every_rpc_has_a_policy_when_the_contract_grows(self):
        methods = pb.DESCRIPTOR.services_by_name["AssetDisposalService"].methods
        assert {f"/{SERVICE}/{m.name}" for m in methods} == set(POLICIES)  # R46
