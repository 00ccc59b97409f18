"""Caller identities from JWTs, per-RPC policies with default deny, the hash-chained audit log."""

from .audit import AuditEntry, AuditLog, AuditVerification
from .identity import Identity, Role, bound_identity, current_identity
from .policy import Policy, PolicyBook, Scope, authorize, authorize_role, require
from .tokens import Unauthenticated, decode_token, issue_token

__all__ = [
    "AuditEntry",
    "AuditLog",
    "AuditVerification",
    "Identity",
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
