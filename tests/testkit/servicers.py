"""Calling a servicer in-process as a given caller, as the gRPC server would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from typing import Any

import grpc

from zhixing.security.identity import Identity, bound_identity


class Aborted(grpc.aio.AbortError):
    """What a real context's abort raises (an AbortError), with the status it sent and
    its trailing metadata (e.g. `retry-after`)."""

    def __init__(self, code: grpc.StatusCode, details: str,
                 trailer: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(details)
        self.code, self.details, self.trailer = code, details, tuple(trailer)


class FakeContext:
    """What `maps_errors` and streaming handlers need of a gRPC context: abort raises."""

    async def abort(self, code: grpc.StatusCode, details: str,
                    trailing_metadata: tuple[tuple[str, str], ...] = ()) -> None:
        raise Aborted(code, details, trailing_metadata)


def call_as(identity: Identity | None, servicer: Any, method: str, request: Any) -> Any:
    """A unary call, or a stream-stream call given an iterable of requests (its answers
    come back as a list)."""

    async def run() -> Any:
        with bound_identity(identity):
            handler = getattr(servicer, method)
            if isinstance(request, list):
                return [answer async for answer in handler(_stream(request), FakeContext())]
            return await handler(request, FakeContext())

    return asyncio.run(run())


async def _stream(requests: Iterable[Any]) -> AsyncIterator[Any]:
    for request in requests:
        yield request
