"""AssetControlService's policies (R46, default deny): every RPC of the contract has one."""

from __future__ import annotations

from zhixing.assets.api.control import POLICIES, SERVICE
from zhixing.contracts.pb.assets.v1 import control_pb2 as pb


class TestPolicies:
    def test_every_rpc_has_a_policy(self):
        # R46: default deny — a method without a policy would be refused.
        names = pb.DESCRIPTOR.services_by_name["AssetControlService"].methods_by_name
        assert {f"/{SERVICE}/{n}" for n in names} == set(POLICIES)
