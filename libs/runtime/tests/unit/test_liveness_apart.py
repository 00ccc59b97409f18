"""Liveness never waits for a store (DESIGN §9): `/healthz` answers while every thread of
the probes' pool is held by a readiness check waiting on a database that does not answer
(a black-holed address holds a query for minutes, a scrape's lag query too)."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from zhixing.runtime.probes import Liveness, OpsEndpoints, Readiness

POOL = 2


class _SilentStore(Readiness):
    """A readiness check that waits until released, as one on a silent database does."""

    def __init__(self, release: threading.Event, entered: Any) -> None:
        super().__init__({})
        self.release = release
        self.entered = entered

    def problems(self) -> list[str]:
        self.entered()
        self.release.wait()
        return []


async def _status(app: OpsEndpoints, path: str) -> int:
    scope = {"type": "http", "method": "GET", "path": path}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return int(next(m for m in sent if m["type"] == "http.response.start")["status"])


async def _healthz_while_the_pool_is_held() -> int:
    loop = asyncio.get_running_loop()
    loop.set_default_executor(ThreadPoolExecutor(max_workers=POOL))
    release, held = threading.Event(), asyncio.Semaphore(0)
    readiness = _SilentStore(release, lambda: loop.call_soon_threadsafe(held.release))
    app = OpsEndpoints(Liveness(), readiness)
    waiting = [asyncio.create_task(_status(app, "/readyz")) for _ in range(POOL)]
    try:
        for _ in range(POOL):
            await held.acquire()  # every thread of the pool now waits on the store
        return await asyncio.wait_for(_status(app, "/healthz"), timeout=5)
    finally:
        release.set()
        await asyncio.gather(*waiting)


def test_healthz_answers_when_readiness_checks_hold_every_pool_thread() -> None:
    assert asyncio.run(_healthz_while_the_pool_is_held()) == 200
