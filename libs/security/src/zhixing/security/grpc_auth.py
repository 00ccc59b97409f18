"""gRPC server authentication and default-deny authorisation (R46, DESIGN §8).

`AuthInterceptor` reads ``authorization: Bearer <jwt>``, refuses methods without a
declared policy, refuses callers whose role the policy does not allow, refuses with
UNAUTHENTICATED credentials it cannot trust — two `authorization` entries (ambiguous),
or a bad token even on a public method (a client that sent one expects it checked) —
and binds the caller's `Identity` around the handler so `current_identity()` works
inside it. The rest
of the policy — court, team, a partner's or agency's registration — is checked by the
servicer, which knows the target (`zhixing.runtime.audited.AuditedServicer`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import grpc
from grpc import aio

from zhixing.kernel.errors import PermissionDenied
from zhixing.kernel.masking import excerpt
from zhixing.observability.grpc_handlers import bare, each_step, wrap_handler

from .audit import AuditLog, masked_id_numbers
from .audit_scope import audits
from .identity import Identity, bound_identity, current_identity
from .policy import METHOD_CHARS, Policy, authorize_role
from .tokens import Unauthenticated, bearer_metadata, decode_token

__all__ = ["AuthInterceptor", "bearer_metadata", "current_identity"]

EXEMPT_PREFIXES = ("/grpc.health.v1.Health/", "/grpc.reflection.")
_log = logging.getLogger(__name__)


class _Refusal(Exception):
    def __init__(self, code: grpc.StatusCode, details: str, identity: Identity | None) -> None:
        super().__init__(details)
        self.code, self.details, self.identity = code, details, identity


class AuthInterceptor(aio.ServerInterceptor):  # type: ignore[misc]
    """Authenticate every call and check its method's policy (role only)."""

    def __init__(
        self, policies: Mapping[str, Policy], secret: str, audit: AuditLog | None = None,
        old_secrets: Sequence[str] = (),
    ) -> None:
        """`old_secrets`: retired token secrets still accepted during a rotation."""
        self._policies = policies
        self._secret = secret
        self._old_secrets = tuple(old_secrets)
        self._audit = audit

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        method: str = handler_call_details.method
        handler = await continuation(handler_call_details)
        if method.startswith(EXEMPT_PREFIXES):
            return handler
        try:
            identity = self._admit(method, handler_call_details.invocation_metadata)
        except _Refusal as refusal:
            await self._record(method, refusal)
            return _aborting(handler, refusal.code, refusal.details)
        if handler is None:
            return handler
        return wrap_handler(handler, each_step(lambda: bound_identity(identity)))

    def _admit(self, method: str, metadata: Sequence[tuple[str, Any]] | None) -> Identity | None:
        credentials = _authorizations(metadata)
        identity, problem = self._identify(credentials)
        policy = self._policies.get(method)
        if policy is None:
            raise _Refusal(
                grpc.StatusCode.PERMISSION_DENIED,
                f"{excerpt(method, METHOD_CHARS)}: no policy declared (default deny, R46)",
                identity,
            )
        # Credentials sent are checked even where none are needed (ASVS V6/V7): a caller
        # who sent a token expects it to count, and a bad one is not silently dropped.
        if identity is None and (credentials or not policy.public):
            raise _Refusal(grpc.StatusCode.UNAUTHENTICATED, problem, None)
        if policy.public:
            return identity
        try:
            authorize_role(identity, policy)
        except PermissionDenied as exc:
            raise _Refusal(grpc.StatusCode.PERMISSION_DENIED, str(exc), identity) from None
        return identity

    def _identify(self, credentials: list[str]) -> tuple[Identity | None, str]:
        """The caller, or None and why not."""
        if not credentials:
            return None, "missing bearer token"
        if len(credentials) > 1:
            # Proxies and libraries disagree on which of two wins: refuse both.
            return None, (f"{len(credentials)} authorization entries: send exactly one "
                          "bearer token (ambiguous credentials)")
        scheme, _, token = credentials[0].partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None, "authorization must be 'Bearer <token>'"
        try:
            return decode_token(token.strip(), self._secret, self._old_secrets), ""
        except Unauthenticated as exc:
            return None, str(exc)

    async def _record(self, method: str, refusal: _Refusal) -> None:
        unauthenticated = refusal.code is grpc.StatusCode.UNAUTHENTICATED
        # R46 audits authenticated callers; a caller not signed in is only counted.
        if not audits(refusal.identity, "unauthenticated" if unauthenticated else "no_policy"):
            return
        if self._audit is None:
            return
        outcome = "unauthenticated" if unauthenticated else "denied"
        # An unknown method's name is the caller's text: masked, so the row is kept, and
        # cut short, so a probe cannot make a row of kilobytes.
        action = (masked_id_numbers(method) if len(method) <= METHOD_CHARS
                  else excerpt(method, METHOD_CHARS))
        reason = masked_id_numbers(refusal.details)
        try:
            await asyncio.to_thread(
                self._audit.record, refusal.identity, action, "", reason, outcome
            )
        except Exception:  # the refusal stands even if the audit store is down
            _log.exception("could not record a refused call to %s", method)


def _authorizations(metadata: Sequence[tuple[str, Any]] | None) -> list[str]:
    """Every `authorization` entry's text (a well-behaved client sends at most one)."""
    return [value.decode(errors="replace") if isinstance(value, bytes) else str(value)
            for key, value in metadata or () if key.lower() == "authorization"]


def _aborting(
    handler: grpc.RpcMethodHandler | None, code: grpc.StatusCode, details: str
) -> grpc.RpcMethodHandler:
    async def abort(_request: Any, context: aio.ServicerContext[Any, Any]) -> None:
        await context.abort(code, details)

    # raw bytes: a refused request is never deserialised
    return bare(handler, abort)
