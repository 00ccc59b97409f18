"""Case assignment as part of authorisation (R46): sensitive acts by the assigned team.

Court scope is checked first (`zhixing.security.policy.require`); this is the second
check, for the acts `policies.TEAM_ACTS` names. A refusal is audited like every other
and names team codes and roles only, never a person.
"""

from __future__ import annotations

from zhixing.cases.api.policies import TeamBound
from zhixing.kernel.errors import PermissionDenied
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity


def require_team(caller: Identity | None, case_team: str, method: str, bound: TeamBound, *,
                 audit: AuditLog, target: str) -> None:
    """Let the caller act only on a case of their own team, unless their role may act on
    any case of the court (or no team is assigned yet and the act allows that).
    `method`: the full gRPC method name, as the audit records it."""
    if _allowed(caller, case_team, bound):
        return
    who = ", ".join(sorted(bound.also))
    refusal = PermissionDenied(
        f"only the assigned team ({case_team or 'none assigned yet'})"
        f"{' or ' + who if who else ''} may do this; the caller's team is "
        f"{(caller.team if caller else '') or '(none)'}", rule="R46", field="team")
    audit.record(caller, method, target, str(refusal), "denied")
    raise refusal


def _allowed(caller: Identity | None, case_team: str, bound: TeamBound) -> bool:
    if caller is None:
        return False
    if caller.role in bound.also or (bound.while_unassigned and not case_team):
        return True
    return bool(case_team) and caller.team == case_team
