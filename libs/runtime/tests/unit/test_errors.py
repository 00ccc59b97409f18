"""`maps_errors`: a domain refusal becomes its status and message; anything else a
servicer raises becomes INTERNAL without its message (grpc would send the exception's
text to the caller: "Unexpected <class 'KeyError'>: '110101…'")."""

from __future__ import annotations

import asyncio
from typing import Any

import grpc
import psycopg
import pytest
from eventsourcing.persistence import OperationalError

from testkit.servicers import Aborted, FakeContext
from zhixing.kernel.errors import NotFound, TooManyAttempts
from zhixing.runtime.errors import maps_errors

ID_NUMBER = "110101199003071234"


class Servicer:
    @maps_errors
    async def Broken(self, request: Any, context: Any) -> None:
        raise KeyError(f"张三 {ID_NUMBER}")

    @maps_errors
    async def Missing(self, request: Any, context: Any) -> None:
        raise NotFound("no enforcement case numbered (2026)川0104执9号", field="case_number")

    @maps_errors
    async def StoreAway(self, request: Any, context: Any) -> None:
        # As eventsourcing raises it: its own error, caused by the driver's.
        try:
            raise psycopg.OperationalError(f"server closed the connection {ID_NUMBER}")
        except psycopg.OperationalError as lost:
            raise OperationalError("could not save") from lost

    @maps_errors
    async def Hammered(self, request: Any, context: Any) -> None:
        raise TooManyAttempts("more than 5 wrong access codes for this case", retry_after=42,
                              field="access_code")

    @maps_errors
    async def Refused(self, request: Any, context: Any) -> None:
        await context.abort(grpc.StatusCode.PERMISSION_DENIED, "R46: not your court")


def call(method: str) -> Aborted:
    with pytest.raises(Aborted) as refused:
        asyncio.run(getattr(Servicer(), method)(None, FakeContext()))
    return refused.value


class TestMapsErrors:
    def test_internal_without_the_message_when_a_servicer_fails_unexpectedly(self):
        failed = call("Broken")
        assert failed.code is grpc.StatusCode.INTERNAL
        assert ID_NUMBER not in failed.details and "张三" not in failed.details
        assert "KeyError" in failed.details

    def test_unavailable_without_the_message_when_the_store_is_briefly_away(self):
        failed = call("StoreAway")
        assert failed.code is grpc.StatusCode.UNAVAILABLE
        assert ID_NUMBER not in failed.details and "again" in failed.details

    def test_a_domain_refusal_keeps_its_status_and_message(self):
        refused = call("Missing")
        assert refused.code is grpc.StatusCode.NOT_FOUND and "执9号" in refused.details

    def test_resource_exhausted_with_a_retry_after_trailer_when_too_many_attempts(self):
        """Issue 17: a party's wrong access codes, limited per case; the web says 429."""
        refused = call("Hammered")
        assert refused.code is grpc.StatusCode.RESOURCE_EXHAUSTED
        assert "access_code" in refused.details
        assert refused.trailer == (("retry-after", "42"),)

    def test_an_abort_made_by_the_servicer_stands(self):
        refused = call("Refused")
        assert (refused.code, refused.details) == (grpc.StatusCode.PERMISSION_DENIED,
                                                   "R46: not your court")


class Streaming:
    @maps_errors
    async def Broken(self, request: Any, context: Any) -> Any:
        yield "first"
        raise OverflowError(f"Python int too large {ID_NUMBER}")

    @maps_errors
    async def Missing(self, request: Any, context: Any) -> Any:
        raise NotFound("no such listing", field="identity_number")
        yield  # an async generator, like a server-streaming RPC


def stream(method: str) -> tuple[list[Any], Aborted]:
    received: list[Any] = []

    async def run() -> None:
        async for answer in getattr(Streaming(), method)(None, FakeContext()):
            received.append(answer)

    with pytest.raises(Aborted) as refused:
        asyncio.run(run())
    return received, refused.value


class TestMapsErrorsOnStreams:
    """Issue 12 item 3: a streaming RPC's unexpected error reached the client as
    UNKNOWN with the exception's text; it is INTERNAL without it, as for unary calls."""

    def test_internal_without_the_message_when_a_stream_fails_unexpectedly(self):
        received, failed = stream("Broken")
        assert received == ["first"]
        assert failed.code is grpc.StatusCode.INTERNAL
        assert ID_NUMBER not in failed.details and "OverflowError" in failed.details

    def test_a_domain_refusal_keeps_its_status_when_a_stream_refuses(self):
        _, refused = stream("Missing")
        assert refused.code is grpc.StatusCode.NOT_FOUND and "[identity_number]" in refused.details
