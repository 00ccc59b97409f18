"""SupervisionService: the oversight of enforcement (R33–R37, R46).

Every RPC's callers are named in `policies.POLICIES`; a caller's scope is its court and
every court nested in it (R39). Every act and every read of case-level data is audited
with who, why and when; the interference register is read with a purpose only. Refusals
go through the runtime's one table (`zhixing.runtime.errors`): a rule not met is
FAILED_PRECONDITION, bad input INVALID_ARGUMENT naming the field and the bound, another
court's alert, matter or suggestion NOT_FOUND, a role the RPC is not for
PERMISSION_DENIED.
"""

from __future__ import annotations

from zhixing.contracts.pb.supervision.v1 import supervision_pb2_grpc
from zhixing.supervision.api.alerts import AlertRpcs
from zhixing.supervision.api.boards import BoardRpcs
from zhixing.supervision.api.interference import InterferenceRpcs
from zhixing.supervision.api.kpis import KpiRpcs
from zhixing.supervision.api.matters import MatterRpcs
from zhixing.supervision.api.suggestions import SuggestionRpcs


class SupervisionServicer(KpiRpcs, AlertRpcs, MatterRpcs, InterferenceRpcs, SuggestionRpcs,
                          BoardRpcs, supervision_pb2_grpc.SupervisionServiceServicer):
    """Every RPC of SupervisionService."""
