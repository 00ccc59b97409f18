"""A service instance served over real gRPC on 127.0.0.1:<free port>, in-process."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from zhixing.eventstore.settings import Settings
from zhixing.runtime.server import GrpcServer


@contextmanager
def serving_server(make: Callable[[], GrpcServer]) -> Iterator[GrpcServer]:
    """Start the server `make()` builds on a background event loop (a grpc.aio server
    belongs to the loop it is made in); yields it started, stops it after."""
    loop = asyncio.new_event_loop()
    servers: list[GrpcServer] = []
    ready = threading.Event()

    async def start() -> None:
        servers.append(make())
        await servers[0].start()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10), "the test server did not start"
    try:
        yield servers[0]
    finally:
        asyncio.run_coroutine_threadsafe(servers[0].stop(0), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


@contextmanager
def serving(instance: Any, settings: Settings) -> Iterator[str]:
    """Serve `instance` from a background event loop; yields its address."""
    with serving_server(lambda: GrpcServer([instance], settings, instance.audit)) as server:
        yield f"127.0.0.1:{server.port}"
