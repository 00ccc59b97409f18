"""Caller identities from JWTs, per-RPC policies with default deny, the keyed and
checkpointed audit log."""

from .audit import AuditEntry, AuditLog, AuditVerification
from .audit_keys import AuditKey, AuditKeyError, KeyRing
from .checkpoints import Checkpoint, Checkpointer, CheckpointFile
from .identity import Identity, Role, bound_identity, current_identity
from .policy import Policy, PolicyBook, Scope, authorize, authorize_role, require
from .tokens import Unauthenticated, decode_token, issue_token

__all__ = [
    "AuditEntry",
    "AuditKey",
    "AuditKeyError",
    "AuditLog",
    "AuditVerification",
    "Checkpoint",
    "CheckpointFile",
    "Checkpointer",
    "Identity",
    "KeyRing",
    "Policy",
    "PolicyBook",
    "Role",
    "Scope",
    "Unauthenticated",
    "authorize",
    "authorize_role",
    "bound_identity",
    "current_identity",
    "decode_token",
    "issue_token",
    "require",
]
