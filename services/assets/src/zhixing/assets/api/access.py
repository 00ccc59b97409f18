"""Who may act on a case's property (R46, DESIGN §8): default deny.

Court scope is checked by `zhixing.security.policy.require` against each service's
`POLICIES`. Property results and measures are then bound to the case's assigned team:
an officer acts and reads only for cases of their team; judges and presidents for any
case of their court.
"""

from __future__ import annotations

from zhixing.kernel.errors import PermissionDenied
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity
from zhixing.security.policy import Policy

STAFF = ("officer", "judge", "president")
"""执行干警 of the court."""
BENCH = frozenset({"judge", "president"})
"""Who acts for any case of their court, whichever team holds it."""


def staff() -> Policy:
    return Policy.for_roles(*STAFF)


def require_team(caller: Identity | None, case_team: str, method: str, *, audit: AuditLog,
                 target: str) -> None:
    """R46: only the case's team (or the bench) sees and acts on its property."""
    if caller is not None and (caller.role in BENCH or (case_team and caller.team == case_team)):
        return
    refusal = PermissionDenied(
        f"property of this case is for its team ({case_team or 'none assigned yet'}) and "
        f"the court's judges and presidents; the caller's team is "
        f"{(caller.team if caller else '') or '(none)'}", rule="R46", field="team")
    audit.record(caller, method, target, str(refusal), "denied")
    raise refusal
