"""The command centre's pages timed in process (issue 16 benchmark): the real ASGI app
(`web.app.command_centre`) bound to the real gRPC server, called as the runtime's web
server calls a mount — `root_path` "/command", the full path — with a supervisor's session
cookie. The time is the app's: from the call to the last body chunk sent, on one event
loop (the app's gRPC channel lives on it). None when the app is not on this branch."""

from __future__ import annotations

import asyncio
import importlib
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from zhixing.eventstore.settings import Settings
from zhixing.runtime.cli_kit import dev_token

ROOT = "/command"
COURT, YEAR = "川0101", ("2026-01", "2026-12")
CLOCK = datetime(2026, 12, 15, 2, 0, tzinfo=UTC)
"""The default period (12 months ending with the clock's) is the benchmark's year."""
Timing = tuple[float, float]


def pages(case_id: str) -> list[tuple[str, str, str, str]]:
    """(label, path, query, the raw SQL it is set beside — a key of the query table's
    main statements, "" for none measured) of each page."""
    period = f"from={YEAR[0]}&to={YEAR[1]}"
    return [("/ region at a glance (川)", "/", period, "region 川"),
            (f"/courts/{COURT}", f"/courts/{COURT}", period, "court"),
            ("/drill region 川 closed", "/drill", f"scope=region:川&figure=closed&{period}",
             "drill 川"),
            (f"/drill {COURT} closed", "/drill", f"scope={COURT}&figure=closed&{period}", ""),
            ("/cases/<a 终本 case>", f"/cases/{case_id}", "", "record"),
            ("/agencies", "/agencies", period, ""),
            ("/alerts", "/alerts", "", "")]


async def get(app: Any, path: str, query: str, cookie: str) -> tuple[int, bytes]:
    """One GET through the ASGI app: (status, body)."""
    sent: list[dict[str, Any]] = []
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": ROOT + path,
             "raw_path": quote(ROOT + path).encode(), "root_path": ROOT,
             "query_string": quote(query, safe="=&").encode(), "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 8080),
             "headers": [(b"host", b"127.0.0.1:8080"), (b"cookie", cookie.encode())]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    status = next((m["status"] for m in sent if m["type"] == "http.response.start"), 0)
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def page_timings(target: str, settings: Settings, case_id: str,
                 timed: Callable[[Callable[[], object], int], Timing], requests: int,
                 raws: dict[str, Timing]) -> list[tuple[str, Timing, Timing | None]] | None:
    """Each page's p50/p99 server time beside its main statement's (`raws`); None when
    the command centre is not here."""
    try:
        web = importlib.import_module("zhixing.supervision.web.app")
    except ImportError:
        return None
    make = getattr(web, "command_centre", None)
    if make is None:
        return None
    app = make(jwt_secrets=[settings.jwt_secret], clock=lambda: CLOCK, dev_signin=True,
               oidc=None, secure_cookies=False)
    app.bind(target)
    token = dev_token("supervisor-1", "supervisor", court="川", secret=settings.jwt_secret)
    cookie = f"zhixing_session={token}"
    loop = asyncio.new_event_loop()
    found = []
    try:
        for label, path, query, raw in pages(case_id):
            status, body = loop.run_until_complete(get(app, path, query, cookie))
            if status != 200:
                said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.decode()))
                print(f"  ({label}: HTTP {status} — not measured: …{said[-160:]})")
                continue
            size = len(body)
            if os.environ.get("BENCH_COMMAND_SHOW"):
                print(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.decode()))[:400])
            timing = timed(lambda p=path, q=query: loop.run_until_complete(
                get(app, p, q, cookie)), requests)
            found.append((f"{label} ({size // 1024} KiB)", timing, raws.get(raw)))
    finally:
        loop.close()
    return found
