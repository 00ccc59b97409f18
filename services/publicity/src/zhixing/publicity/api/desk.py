"""PublicityDeskService: what a court writes for the public portal (issue 17, R46).

Every RPC's callers are named in `policies.POLICIES`; every act is audited with who, why
and when (`AuditedServicer`). Refusals go through the runtime's one table
(`zhixing.runtime.errors`).
"""

from __future__ import annotations

from zhixing.contracts.pb.publicity.v1 import desk_pb2_grpc
from zhixing.publicity.api.leads import RewardDeskRpcs
from zhixing.publicity.api.policies import POLICIES
from zhixing.publicity.api.typical import TypicalDeskRpcs
from zhixing.publicity.application.portal import Portal
from zhixing.runtime.audited import AuditedServicer
from zhixing.security.audit import AuditLog


class PublicityDeskServicer(TypicalDeskRpcs, RewardDeskRpcs, AuditedServicer,
                            desk_pb2_grpc.PublicityDeskServiceServicer):
    """Every RPC of PublicityDeskService."""

    POLICIES = POLICIES

    def __init__(self, portal: Portal, audit: AuditLog) -> None:
        super().__init__(audit)
        self.portal = portal
