"""What is audit and what is only a metric (R46, DESIGN §8, §9).

The audit log records who retrieved sensitive data, who acted, and which AUTHENTICATED
caller was refused. A caller who is not signed in (no token, a bad or expired one, or
anonymous where a role is needed) is refused before any data is reached and has no
"who" to record: such refusals are counted (`zhixing_unaudited_refusals{reason}`), not
written, so a scan of anonymous calls cannot grow the log without bound.
"""

from __future__ import annotations

from typing import Literal

from zhixing.observability.metrics import UNAUDITED_REFUSALS

from .identity import Identity

UnauditedReason = Literal["unauthenticated", "no_policy", "denied", "refused"]
"""The metric's `reason` label: a fixed set, never the caller's text."""


def audits(identity: Identity | None, reason: UnauditedReason) -> bool:
    """True when an outcome of `identity` goes to the audit log; otherwise it is
    counted under `reason` and False."""
    if identity is not None:
        return True
    UNAUDITED_REFUSALS.labels(reason).inc()
    return False
