"""One table maps domain refusals to gRPC status codes (STYLE 5)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, TypeVar

import grpc

from zhixing.eventstore.unit import ConflictsExhausted
from zhixing.kernel.errors import (
    AlreadyExists,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PreconditionFailed,
    RuleViolation,
)

STATUS_OF: dict[type[RuleViolation], grpc.StatusCode] = {
    InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
    PreconditionFailed: grpc.StatusCode.FAILED_PRECONDITION,
    NotFound: grpc.StatusCode.NOT_FOUND,
    PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    AlreadyExists: grpc.StatusCode.ALREADY_EXISTS,
    ConflictsExhausted: grpc.StatusCode.ABORTED,  # concurrency: the caller may retry
}

R = TypeVar("R")
_RPC: ContextVar[str] = ContextVar("zhixing_rpc", default="")


def current_rpc() -> str:
    """The name of the servicer method `maps_errors` is running ("" outside one)."""
    return _RPC.get()


def status_for(error: RuleViolation) -> grpc.StatusCode:
    for kind, code in STATUS_OF.items():
        if isinstance(error, kind):
            return code
    return grpc.StatusCode.FAILED_PRECONDITION


def maps_errors(
    method: Callable[..., Awaitable[R]],
) -> Callable[..., Awaitable[R]]:
    """Turn a `RuleViolation` raised by a servicer method into its status and message;
    while it runs, the method's name is `current_rpc()` (the audited servicer base
    derives the RPC from it, so no servicer types its own name)."""

    @functools.wraps(method)
    async def wrapper(self: Any, request: Any, context: grpc.aio.ServicerContext) -> R:
        token = _RPC.set(method.__name__)
        try:
            return await method(self, request, context)
        except RuleViolation as error:
            await context.abort(status_for(error), str(error))
            raise  # abort raises; this keeps type checkers honest
        finally:
            _RPC.reset(token)

    return wrapper
