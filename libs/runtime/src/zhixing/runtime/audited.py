"""One audited application call from a servicer (R46): the act, or its refusal, goes to
the audit log with who, why and when — a refusal by its kind, rule and field, never its
text (messages may not quote personal data, but the log keeps only what it needs)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from zhixing.kernel.errors import RuleViolation
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity

T = TypeVar("T")


async def audited_call(audit: AuditLog, caller: Identity | None, action: str, target: str,
                       why: str, call: Callable[[], T],
                       target_of: Callable[[T], str] | None = None) -> T:
    """Run `call` off the event loop and record it; `target_of` names the target from
    the result when the call creates it (a case number assigned on filing)."""
    try:
        result = await asyncio.to_thread(call)
    except RuleViolation as error:
        refused = f"{why}: {type(error).__name__} {error.rule} [{error.field}]"
        await asyncio.to_thread(audit.record, caller, action, target, refused, "refused")
        raise
    named = target_of(result) if target_of else target
    await asyncio.to_thread(audit.record, caller, action, named, why, "ok")
    return result
