"""A service instance served over real gRPC on 127.0.0.1:<free port>, in-process."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from zhixing.eventstore.settings import Settings
from zhixing.runtime.server import GrpcServer


@contextmanager
def serving(instance: Any, settings: Settings) -> Iterator[str]:
    """Serve `instance` from a background event loop; yields its address."""
    loop = asyncio.new_event_loop()
    servers: list[GrpcServer] = []
    ready = threading.Event()

    async def start() -> None:  # the server belongs to the loop it is made in
        servers.append(GrpcServer([instance], settings, instance.audit))
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
        yield f"127.0.0.1:{servers[0].port}"
    finally:
        asyncio.run_coroutine_threadsafe(servers[0].stop(0), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
