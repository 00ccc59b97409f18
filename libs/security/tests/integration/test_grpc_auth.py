"""The interceptor on a real grpc.aio server on 127.0.0.1 (raw bytes, no protos)."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc import aio
from prometheus_client import REGISTRY

from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.errors import PermissionDenied
from zhixing.security import AuditLog, Identity, Policy, PolicyBook, Role, issue_token, require
from zhixing.security.grpc_auth import AuthInterceptor, bearer_metadata, current_identity

SECRET = "a-test-secret-that-is-long-enough-for-hs256"
SERVICE = "test.v1.ProbeService"
BOOK = PolicyBook.for_service(
    SERVICE,
    {
        "WhoAmI": Policy.for_roles("officer", "judge"),
        "WhoAmIStream": Policy.for_roles("officer"),
        "WhoAmIWrite": Policy.for_roles("officer"),
        "InCourt": Policy.for_roles("officer"),
        "Public": Policy.anyone(),
    },
)
OFFICER = Identity("officer-7", Role.OFFICER, court="2400")


def _who() -> bytes:
    identity = current_identity()
    return identity.subject.encode() if identity else b"anonymous"


async def who_am_i(request: bytes, context: aio.ServicerContext) -> bytes:
    await asyncio.sleep(0)
    return _who()


async def who_am_i_stream(request: bytes, context: aio.ServicerContext) -> AsyncIterator[bytes]:
    for _ in range(3):
        await asyncio.sleep(0)
        yield _who()


async def who_am_i_write(request: bytes, context: aio.ServicerContext) -> None:
    for _ in range(2):
        await context.write(_who())


async def in_court(request: bytes, context: aio.ServicerContext) -> bytes:
    try:
        require(BOOK, f"/{SERVICE}/InCourt", court=request.decode())
    except PermissionDenied as refusal:
        await context.abort(grpc.StatusCode.PERMISSION_DENIED, str(refusal))
    return _who()


async def health(request: bytes, context: aio.ServicerContext) -> bytes:
    return b"SERVING"


def _generic_handlers() -> tuple[grpc.GenericRpcHandler, ...]:
    probe = grpc.method_handlers_generic_handler(
        SERVICE,
        {
            "WhoAmI": grpc.unary_unary_rpc_method_handler(who_am_i),
            "WhoAmIStream": grpc.unary_stream_rpc_method_handler(who_am_i_stream),
            "WhoAmIWrite": grpc.unary_stream_rpc_method_handler(who_am_i_write),
            "InCourt": grpc.unary_unary_rpc_method_handler(in_court),
            "Public": grpc.unary_unary_rpc_method_handler(who_am_i),
            "Unlisted": grpc.unary_unary_rpc_method_handler(who_am_i),
        },
    )
    checks = grpc.method_handlers_generic_handler(
        "grpc.health.v1.Health", {"Check": grpc.unary_unary_rpc_method_handler(health)}
    )
    return probe, checks


@asynccontextmanager
async def serving(audit: AuditLog | None = None,
                  old_secrets: tuple[str, ...] = ()) -> AsyncIterator[aio.Channel]:
    server = aio.server(interceptors=[AuthInterceptor(BOOK, SECRET, audit, old_secrets)])
    server.add_generic_rpc_handlers(_generic_handlers())
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield channel
    finally:
        await server.stop(None)


def token_for(identity: Identity) -> tuple[tuple[str, str], ...]:
    return bearer_metadata(issue_token(identity, SECRET))


def call(
    method: str, request: bytes = b"", metadata: Any = (), audit: AuditLog | None = None,
    old_secrets: tuple[str, ...] = (),
) -> bytes:
    async def go() -> bytes:
        async with serving(audit, old_secrets) as channel:
            return await channel.unary_unary(f"/{SERVICE}/{method}")(request, metadata=metadata)

    return asyncio.run(go())


def refusal(method: str, **kw: Any) -> aio.AioRpcError:
    with pytest.raises(aio.AioRpcError) as refused:
        call(method, **kw)
    return refused.value


class TestIdentityInHandler:
    def test_handler_sees_caller_when_unary_unary(self) -> None:
        assert call("WhoAmI", metadata=token_for(OFFICER)) == b"officer-7"

    def test_handler_sees_caller_on_every_message_when_async_generator_stream(self) -> None:
        async def go() -> list[bytes]:
            async with serving() as channel:
                stream = channel.unary_stream(f"/{SERVICE}/WhoAmIStream")(
                    b"", metadata=token_for(OFFICER)
                )
                return [message async for message in stream]

        assert asyncio.run(go()) == [b"officer-7"] * 3

    def test_handler_sees_caller_when_stream_written_with_context_write(self) -> None:
        async def go() -> list[bytes]:
            async with serving() as channel:
                stream = channel.unary_stream(f"/{SERVICE}/WhoAmIWrite")(
                    b"", metadata=token_for(OFFICER)
                )
                return [message async for message in stream]

        assert asyncio.run(go()) == [b"officer-7"] * 2

    def test_identity_does_not_leak_when_calls_interleave(self) -> None:
        judge = Identity("judge-3", Role.JUDGE, court="2400")

        async def go() -> list[bytes]:
            async with serving() as channel:
                who = channel.unary_unary(f"/{SERVICE}/WhoAmI")
                calls = [who(b"", metadata=token_for(p)) for p in [OFFICER, judge] * 10]
                return list(await asyncio.gather(*calls))

        assert asyncio.run(go()) == [b"officer-7", b"judge-3"] * 10

    def test_anonymous_when_public_method_called_without_token(self) -> None:
        assert call("Public") == b"anonymous"

    def test_health_is_served_when_no_token_and_no_policy(self) -> None:
        async def go() -> bytes:
            async with serving() as channel:
                return await channel.unary_unary("/grpc.health.v1.Health/Check")(b"")

        assert asyncio.run(go()) == b"SERVING"


class TestRefusals:
    def test_permission_denied_when_method_has_no_policy(self) -> None:
        error = refusal("Unlisted", metadata=token_for(OFFICER))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED
        assert "no policy declared (default deny, R46)" in (error.details() or "")

    def test_unauthenticated_when_token_is_missing(self) -> None:
        assert refusal("WhoAmI").code() is grpc.StatusCode.UNAUTHENTICATED

    def test_unauthenticated_when_token_is_forged(self) -> None:
        forged = bearer_metadata(issue_token(OFFICER, "some-other-secret-long-enough-to-sign"))
        assert refusal("WhoAmI", metadata=forged).code() is grpc.StatusCode.UNAUTHENTICATED

    def test_unauthenticated_when_a_public_method_is_sent_a_garbage_token(self) -> None:
        garbage = (("authorization", "Bearer not.a.token"),)
        assert refusal("Public", metadata=garbage).code() is grpc.StatusCode.UNAUTHENTICATED

    def test_unauthenticated_when_a_public_method_is_sent_a_forged_token(self) -> None:
        forged = bearer_metadata(issue_token(OFFICER, "some-other-secret-long-enough-to-sign"))
        assert refusal("Public", metadata=forged).code() is grpc.StatusCode.UNAUTHENTICATED

    def test_unauthenticated_when_a_public_method_is_sent_another_scheme(self) -> None:
        basic = (("authorization", "Basic b2ZmaWNlcjpwdw=="),)
        assert refusal("Public", metadata=basic).code() is grpc.StatusCode.UNAUTHENTICATED

    def test_unauthenticated_when_two_authorization_entries_are_sent(self) -> None:
        # A valid token first used to win, whatever came after it.
        both = (*token_for(OFFICER), ("authorization", "Bearer not.a.token"))
        for method in ("WhoAmI", "Public"):
            error = refusal(method, metadata=both)
            assert error.code() is grpc.StatusCode.UNAUTHENTICATED, method
            assert "ambiguous" in (error.details() or "")

    def test_unauthenticated_when_two_valid_tokens_are_sent(self) -> None:
        judge = Identity("judge-3", Role.JUDGE, court="2400")
        both = (*token_for(OFFICER), *token_for(judge))
        assert refusal("WhoAmI", metadata=both).code() is grpc.StatusCode.UNAUTHENTICATED

    def test_permission_denied_naming_role_when_role_not_in_policy(self) -> None:
        clerk = Identity("finance-1", Role.FINANCE, court="2400")
        error = refusal("WhoAmI", metadata=token_for(clerk))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED
        assert "role finance" in (error.details() or "")

    def test_servicer_refuses_when_target_is_another_court(self) -> None:
        error = refusal("InCourt", request=b"2401", metadata=token_for(OFFICER))
        assert error.code() is grpc.StatusCode.PERMISSION_DENIED
        # Names the caller's court, never the target's (issue 12, item 6).
        assert "caller's court (2400)" in (error.details() or "")
        assert "2401" not in (error.details() or "")

    def test_servicer_allows_when_target_is_own_court(self) -> None:
        assert call("InCourt", request=b"2400", metadata=token_for(OFFICER)) == b"officer-7"

    def test_refusal_is_audited_when_the_caller_is_authenticated(self, tmp_path: Path) -> None:
        audit = AuditLog(SqlStore(sqlite_path=tmp_path / "audit.db"))
        clerk = Identity("finance-1", Role.FINANCE, court="2400")
        refusal("Unlisted", metadata=token_for(OFFICER), audit=audit)
        refusal("WhoAmI", metadata=token_for(clerk), audit=audit)
        first, second = audit.entries()
        assert (first.actor, first.action, first.outcome) == (
            "officer-7",
            f"/{SERVICE}/Unlisted",
            "denied",
        )
        assert (second.actor, second.action, second.outcome) == (
            "finance-1", f"/{SERVICE}/WhoAmI", "denied")
        assert audit.verify().ok

    def test_refusal_is_audited_masked_when_the_method_name_holds_an_id_number(
        self, tmp_path: Path
    ) -> None:
        # The method name is the caller's text: one shaped like a resident ID number
        # made the audit log refuse the row (R60), so the probe went unrecorded.
        audit = AuditLog(SqlStore(sqlite_path=tmp_path / "audit.db"))
        refusal("Zhang3_110101199003071234", metadata=token_for(OFFICER), audit=audit)
        (entry,) = audit.entries()
        assert entry.action == f"/{SERVICE}/Zhang3_110101********1234"
        assert "110101199003071234" not in entry.reason and entry.outcome == "denied"


    def test_refusal_is_audited_with_the_method_name_cut_short_when_it_is_long(
        self, tmp_path: Path
    ) -> None:
        # An authenticated probe of an 8 KB method name wrote all of it into the row.
        audit = AuditLog(SqlStore(sqlite_path=tmp_path / "audit.db"))
        refusal("A" * 8000, metadata=token_for(OFFICER), audit=audit)
        (entry,) = audit.entries()
        assert len(entry.action) <= 200 and entry.action.startswith(f"'/{SERVICE}/AAA")


class TestAnonymousRefusalsAreCounted:
    """R46 audits authenticated callers; a caller not signed in is refused before any
    data and only counted (issue 12 item 9: a row per anonymous call grew the log
    without bound)."""

    @pytest.mark.parametrize(("method", "metadata", "reason"), [
        ("WhoAmI", (), "unauthenticated"),
        ("WhoAmI", (("authorization", "Bearer not-a-jwt"),), "unauthenticated"),
        ("Unlisted", (), "no_policy"),
    ])
    def test_no_audit_row_but_a_count_when_an_anonymous_call_is_refused(
        self, tmp_path: Path, method: str, metadata: Any, reason: str
    ) -> None:
        audit = AuditLog(SqlStore(sqlite_path=tmp_path / "audit.db"))
        before = refusals_counted(reason)
        refusal(method, metadata=metadata, audit=audit)
        assert audit.entries() == []
        assert refusals_counted(reason) == before + 1


def refusals_counted(reason: str) -> float:
    return REGISTRY.get_sample_value("zhixing_unaudited_refusals_total", {"reason": reason}) or 0.0


class TestSecretRotation:
    RETIRED = "the-secret-before-the-rotation-long-enough"

    def test_caller_served_when_signed_with_a_retired_secret_still_accepted(self) -> None:
        old_token = bearer_metadata(issue_token(OFFICER, self.RETIRED))
        assert call("WhoAmI", metadata=old_token, old_secrets=(self.RETIRED,)) == b"officer-7"

    def test_unauthenticated_when_the_retired_secret_is_no_longer_accepted(self) -> None:
        old_token = bearer_metadata(issue_token(OFFICER, self.RETIRED))
        assert refusal("WhoAmI", metadata=old_token).code() is grpc.StatusCode.UNAUTHENTICATED
