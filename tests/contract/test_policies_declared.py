"""Every RPC of the contracts has exactly one declared policy (R46, default deny; issue 12).

Each service declares its table in `zhixing.<service>.api.policies.POLICIES`; the RPCs
are read off the generated descriptors, so an RPC added to a proto without a policy
fails here, before the authorisation matrix (tests/e2e) calls it.
"""

from __future__ import annotations

import pytest

from testkit.authz import declared_policies, served_methods

pytestmark = pytest.mark.contract


class TestDeclaredPolicies:
    def test_every_rpc_of_the_contracts_has_exactly_one_declared_policy(self):
        served, declared = set(served_methods()), set(declared_policies())
        assert not served - declared, f"RPCs without a policy: {sorted(served - declared)}"
        assert not declared - served, f"policies of no RPC: {sorted(declared - served)}"

    def test_every_service_of_the_contracts_is_declared(self):
        services = {path.split("/")[1] for path in served_methods()}
        assert {path.split("/")[1] for path in declared_policies()} == services
