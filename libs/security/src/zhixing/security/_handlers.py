"""Rebuilding a gRPC method handler with its behaviour wrapped.

grpc.aio runs interceptors in a different context from the handler, so whatever must
be visible inside the handler (the caller's identity) is bound by wrapping the handler
function itself, for each of the four call kinds and each function style (coroutine,
async generator, plain function, generator).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import grpc

Behaviour = Callable[..., Any]
Scope = Callable[[], AbstractContextManager[Any]]

_FACTORIES = {
    "unary_unary": grpc.unary_unary_rpc_method_handler,
    "unary_stream": grpc.unary_stream_rpc_method_handler,
    "stream_unary": grpc.stream_unary_rpc_method_handler,
    "stream_stream": grpc.stream_stream_rpc_method_handler,
}


def kind_of(handler: grpc.RpcMethodHandler | None) -> str:
    if handler is None:
        return "unary_unary"
    return ("stream_" if handler.request_streaming else "unary_") + (
        "stream" if handler.response_streaming else "unary"
    )


def rebuild(handler: grpc.RpcMethodHandler, behaviour: Behaviour) -> grpc.RpcMethodHandler:
    """The same handler (kind, (de)serializers) with `behaviour` as its function."""
    kind = kind_of(handler)
    return _FACTORIES[kind](
        behaviour,
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )


def bare(handler: grpc.RpcMethodHandler | None, behaviour: Behaviour) -> grpc.RpcMethodHandler:
    """A handler of the same kind as `handler` running `behaviour` on raw bytes."""
    return _FACTORIES[kind_of(handler)](behaviour)


def within(fn: Behaviour, scope: Scope) -> Behaviour:
    """`fn` with every step of its execution run inside `scope()`."""
    if inspect.isasyncgenfunction(fn):
        return _async_gen_within(fn, scope)
    if inspect.iscoroutinefunction(fn):

        async def coroutine(request: Any, context: Any) -> Any:
            with scope():
                return await fn(request, context)

        return coroutine
    if inspect.isgeneratorfunction(fn):
        return _gen_within(fn, scope)

    def plain(request: Any, context: Any) -> Any:
        with scope():
            return fn(request, context)

    return plain


def _async_gen_within(fn: Behaviour, scope: Scope) -> Behaviour:
    async def stream(request: Any, context: Any) -> Any:
        responses = fn(request, context)
        try:
            while True:
                with scope():
                    try:
                        item = await responses.__anext__()
                    except StopAsyncIteration:
                        return
                yield item
        finally:
            with scope():
                await responses.aclose()

    return stream


def _gen_within(fn: Behaviour, scope: Scope) -> Behaviour:
    def stream(request: Any, context: Any) -> Iterator[Any]:
        responses = fn(request, context)
        try:
            while True:
                with scope():
                    try:
                        item = next(responses)
                    except StopIteration:
                        return
                yield item
        finally:
            with scope():
                responses.close()

    return stream
