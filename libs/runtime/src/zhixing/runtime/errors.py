"""One table maps domain refusals to gRPC status codes (STYLE 5)."""

from __future__ import annotations

import functools
import inspect
import logging
import traceback
from collections.abc import AsyncIterator, Callable
from contextvars import ContextVar
from typing import Any, TypeVar

import grpc

from zhixing.eventstore.sql import is_transient
from zhixing.eventstore.unit import ConflictsExhausted
from zhixing.kernel.errors import (
    AlreadyExists,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PreconditionFailed,
    RuleViolation,
    TooManyAttempts,
)

STATUS_OF: dict[type[RuleViolation], grpc.StatusCode] = {
    InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
    PreconditionFailed: grpc.StatusCode.FAILED_PRECONDITION,
    NotFound: grpc.StatusCode.NOT_FOUND,
    PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    AlreadyExists: grpc.StatusCode.ALREADY_EXISTS,
    TooManyAttempts: grpc.StatusCode.RESOURCE_EXHAUSTED,  # with a retry-after trailer
    ConflictsExhausted: grpc.StatusCode.ABORTED,  # concurrency: the caller may retry
}

R = TypeVar("R")
log = logging.getLogger(__name__)
_RPC: ContextVar[str] = ContextVar("zhixing_rpc", default="")


def current_rpc() -> str:
    """The name of the servicer method `maps_errors` is running ("" outside one)."""
    return _RPC.get()


def status_for(error: RuleViolation) -> grpc.StatusCode:
    for kind, code in STATUS_OF.items():
        if isinstance(error, kind):
            return code
    return grpc.StatusCode.FAILED_PRECONDITION


def maps_errors(method: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a `RuleViolation` raised by a servicer method into its status and message,
    a transient store error into UNAVAILABLE (the caller may retry), and anything
    unexpected into INTERNAL without its text; while it runs, the method's
    name is `current_rpc()` (the audited servicer base derives the RPC from it, so no
    servicer types its own name). A streaming method (an async generator) is wrapped
    alike: grpc would otherwise answer UNKNOWN quoting the exception (issue 12)."""
    if inspect.isasyncgenfunction(method):
        return _maps_stream_errors(method)

    @functools.wraps(method)
    async def wrapper(self: Any, request: Any, context: grpc.aio.ServicerContext) -> Any:
        token = _RPC.set(method.__name__)
        try:
            return await method(self, request, context)
        except Exception as error:
            await _abort_for(error, method.__name__, context)
            raise  # abort raises; this keeps type checkers honest
        finally:
            _RPC.reset(token)

    return wrapper


def _maps_stream_errors(
    method: Callable[..., AsyncIterator[R]],
) -> Callable[..., AsyncIterator[R]]:
    @functools.wraps(method)
    async def wrapper(self: Any, request: Any,
                      context: grpc.aio.ServicerContext) -> AsyncIterator[R]:
        token = _RPC.set(method.__name__)
        try:
            async for answer in method(self, request, context):
                yield answer
        except Exception as error:
            await _abort_for(error, method.__name__, context)
            raise
        finally:
            _RPC.reset(token)

    return wrapper


async def _abort_for(error: Exception, name: str, context: grpc.aio.ServicerContext) -> None:
    """Abort the call with the status `error` stands for (a servicer's own abort stands)."""
    if isinstance(error, TooManyAttempts):
        # Like the runtime's rate limit (grpc_rate): whole seconds, in the trailer.
        await context.abort(status_for(error), str(error),
                            trailing_metadata=(("retry-after", str(error.retry_after)),))
    if isinstance(error, RuleViolation):
        await context.abort(status_for(error), str(error))
    if isinstance(error, grpc.aio.AbortError):
        return
    if is_transient(error):
        # The store is briefly away (PostgreSQL restarting, a lost connection): the
        # command may be sent again (with its request id), unlike after a defect. The
        # chaos run found these answered INTERNAL, which tells a client not to retry.
        log.warning("%s: the store is unavailable (%s)", name, type(error).__name__)
        await context.abort(grpc.StatusCode.UNAVAILABLE, "the service's store is "
                            "unavailable for a moment; send the command again")
    # grpc would answer "Unexpected <class …>: <message>", and a message may quote
    # request data (a name, an ID number): the log has the stack, not the text.
    log.error("%s failed: %s at\n%s", name, type(error).__name__,
              "".join(traceback.format_tb(error.__traceback__)))
    await context.abort(grpc.StatusCode.INTERNAL, f"internal error "
                        f"({type(error).__name__}); see the server log")
