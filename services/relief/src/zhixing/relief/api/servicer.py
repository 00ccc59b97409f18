"""ReliefService: the courts' relief funds and applications (R29–R32, R46).

Every step is taken by the role R31 names for it in the court that decides it
(`policies.POLICIES`); every act and every read of hardship facts is audited with who,
why and when; refusals name the rule and the figures, through the runtime's one table of
refusals to status codes (`zhixing.runtime.errors`): a rule of R29–R32 not met is
FAILED_PRECONDITION, bad input INVALID_ARGUMENT, another court's application NOT_FOUND,
a role the step is not for PERMISSION_DENIED.
"""

from __future__ import annotations

from zhixing.contracts.pb.relief.v1 import relief_pb2_grpc
from zhixing.relief.api.funds import FundRpcs
from zhixing.relief.api.reads import ReadRpcs
from zhixing.relief.api.workflow import WorkflowRpcs


class ReliefServicer(WorkflowRpcs, FundRpcs, ReadRpcs, relief_pb2_grpc.ReliefServiceServicer):
    """Every RPC of ReliefService."""
