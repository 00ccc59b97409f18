"""The one audited servicer base (R46, DESIGN §2, §8).

Every court-facing servicer subclasses `AuditedServicer` beside its generated gRPC base.
The RPC a call is about is never typed in the servicer: the service's full name comes
from the generated base class (its proto descriptor), the method's from the servicer
method `maps_errors` is running (`current_rpc`; a method it does not wrap names no RPC
and is refused by default deny). Each method's one declared policy is checked here in
full — role, and by its scope the target's court, its case's team, or the caller's
registration as a partner or agency; every act and every sensitive read goes to the
audit log with who, why (the case number) and when — a refusal by its kind, rule and field, never its
text (messages may not quote personal data, but the log keeps only what it needs).
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, ClassVar, TypeVar

from zhixing.kernel.errors import NotFound, PermissionDenied, RuleViolation
from zhixing.runtime.errors import current_rpc
from zhixing.security.audit import AuditLog
from zhixing.security.audit_scope import audits
from zhixing.security.identity import Identity, current_identity
from zhixing.security.policy import Policy, PolicyBook, authorize

T = TypeVar("T")


class _DerivedServiceName:
    """`SERVICE` of a servicer class or instance: read off its generated base class."""

    def __get__(self, instance: object, owner: type) -> str:
        return _service_of(owner)


class AuditedServicer:
    """The RPC's declared policy checked in full, one audited application call, and audit
    records, for the RPC being served. Subclasses set `POLICIES` (full method name →
    policy, from their service's `api/policies.py`), override `_registered` when the
    service has partners or agencies, and also inherit the generated
    ``<Service>Servicer`` class, which names the service (`SERVICE`)."""

    POLICIES: ClassVar[Mapping[str, Policy]] = {}
    SERVICE: ClassVar[str] = _DerivedServiceName()  # type: ignore[assignment]
    """The full gRPC service name, e.g. ``zhixing.cases.v1.CasesService``."""

    def __init__(self, audit: AuditLog) -> None:
        self.audit = audit

    def method(self, name: str = "") -> str:
        """The full method name of `name`, by default of the RPC being served."""
        return f"/{self.SERVICE}/{name or current_rpc()}"

    async def _authorize(self, court: str | None = None, target: str = "", *,
                         team: str | None = None, rpc: str = "") -> Identity | None:
        """The caller, once the RPC's one declared policy admits it (R46): its role, and
        by the policy's scope the target's `court`, its case's `team` ("" while
        unassigned), or the caller's registration as a partner or agency
        (`_registered`). A check the servicer cannot make (no court or team named for a
        scope that needs it) refuses — default deny. A refusal is audited like every
        command (off the event loop); the check itself is in memory. `rpc` names the
        method when called outside the one `maps_errors` runs (`current_rpc()`)."""
        method = self.method(rpc)
        caller = current_identity()
        try:
            book = self.POLICIES if isinstance(self.POLICIES, PolicyBook) \
                else PolicyBook(self.POLICIES)
            authorize(caller, book.require(method), court, team=team,
                      registered=self._registered)
        except PermissionDenied as refusal:
            await asyncio.to_thread(self.audit.record, caller, method, target or (court or ""),
                                    str(refusal), "denied")
            raise
        return caller

    def _registered(self, member: str) -> bool:
        """Whether `member` (a token's partner or agency id) is registered with this
        service; none is unless the servicer knows a registry (default deny)."""
        return False

    async def _authorize_visible(self, court: str, target: str,
                                 missing: Callable[[], NotFound], *,
                                 team: str | None = None) -> Identity | None:
        """Court (and team) scope over something whose existence is itself protected: to
        a caller of another court it is answered exactly as an unknown id (`missing()`),
        so the answer tells nothing; the refusal is still audited (R46). A caller of the
        court but of another team learns nothing new by a refusal (the court's readers
        see which team holds a case)."""
        try:
            return await self._authorize(court, target, team=team)
        except PermissionDenied as refusal:
            if refusal.field != "court":
                raise
            raise missing() from None

    async def _found(self, load: Callable[[], T]) -> T:
        """What a call names, loaded off the event loop. An unknown id is audited as a
        denied attempt, as another court's is (`_authorize_visible`): the two answers do
        the same work, so neither their text nor their time tells one from the other, and
        probing for ids leaves a trace (R46)."""
        try:
            return await asyncio.to_thread(load)
        except NotFound as missing:
            await self._record(current_identity(), "",
                               f"{type(missing).__name__} [{missing.field}]", "denied")
            raise

    async def _act(self, caller: Identity | None, target: str, why: str, call: Callable[[], T],
                   target_of: Callable[[T], str] | None = None) -> T:
        """Run one application call off the event loop and audit it; `target_of` names
        the target from the result when the call creates it (a case number on filing)."""
        try:
            result = await asyncio.to_thread(call)
        except RuleViolation as error:
            refused = f"{why}: {type(error).__name__} {error.rule} [{error.field}]"
            await self._record(caller, target, refused, "refused")
            raise
        named = target_of(result) if target_of else target
        await self._record(caller, named, why, "ok")
        return result

    async def _audit(self, caller: Identity | None, target: str, why: str,
                     outcome: str = "ok") -> None:
        """Record a read of sensitive data (or another outcome) of the RPC being served."""
        await self._record(caller, target, why, outcome)

    async def _record(self, caller: Identity | None, target: str, why: str,
                      outcome: str) -> None:
        """One audit row for the RPC being served (off the event loop). A refusal of a
        caller not signed in is counted instead (R46, `audits`); what anyone retrieves
        or does is always recorded."""
        refused = outcome in ("denied", "refused")
        if not refused or audits(caller, "denied" if outcome == "denied" else "refused"):
            await asyncio.to_thread(self.audit.record, caller, self.method(), target, why,
                                    outcome)


@cache
def _service_of(cls: type) -> str:
    for base in cls.__mro__:
        module = base.__module__
        if module.endswith("_pb2_grpc") and base.__name__.endswith("Servicer"):
            messages: Any = importlib.import_module(module.removesuffix("_grpc"))
            short = base.__name__.removesuffix("Servicer")
            return str(messages.DESCRIPTOR.services_by_name[short].full_name)
    raise TypeError(f"{cls.__name__} does not inherit a generated gRPC servicer class")
