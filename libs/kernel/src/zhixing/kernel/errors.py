"""Errors that name the rule they enforce.

Every business refusal in Zhixing is a `RuleViolation` subclass carrying the rule ID
from RULES.md and, for bad input, the field. Adapters map the four kinds below to
transport codes (gRPC INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND,
PERMISSION_DENIED) in one table; the message is safe to show: it never contains
personal data.
"""

from __future__ import annotations


class RuleViolation(Exception):
    """A refusal grounded in a rule (R1…R64) or a named input constraint."""

    def __init__(self, message: str, *, rule: str = "", field: str = "") -> None:
        self.rule = rule
        self.field = field
        prefix = " ".join(p for p in (rule, f"[{field}]" if field else "") if p)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class InvalidInput(RuleViolation):
    """The request itself is malformed or breaks a rule about its content."""


class PreconditionFailed(RuleViolation):
    """The request is well-formed but the current state does not allow it."""


class NotFound(RuleViolation):
    """The thing asked for does not exist (or is not visible to the caller)."""


class PermissionDenied(RuleViolation):
    """The caller may not do this (R46, DESIGN §8)."""


class AlreadyExists(RuleViolation):
    """The request reuses an identifier (an idempotency key) for something else."""


class TooManyAttempts(RuleViolation):
    """Too many tries of a secret (a party's access code) in a short time: refused until
    `retry_after` seconds have passed, whatever is sent (issue 17)."""

    def __init__(self, message: str, *, retry_after: int, rule: str = "",
                 field: str = "") -> None:
        self.retry_after = max(1, int(retry_after))
        super().__init__(message, rule=rule, field=field)
