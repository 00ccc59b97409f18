"""Calling an ASGI application in-process, as a server would, without a socket; and
WSGI pages that say who they are, mounted by prefix (unit and integration tests)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from zhixing.runtime.web import PrefixDispatch, WebPages


@dataclass
class Answer:
    """What an ASGI application sent back."""

    status: int
    headers: dict[bytes, bytes]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


def call_asgi(app: Any, path: str, *, method: str = "GET", body: bytes = b"",
              chunks: list[bytes] | None = None, headers: list[tuple[bytes, bytes]] = ()) -> Answer:
    """One request to `app`: `body` at once (with its content-length), or `chunks`
    streamed without one."""
    parts = list(chunks) if chunks is not None else [body]
    announced = [] if chunks is not None else [(b"content-length", str(len(body)).encode())]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": b"", "headers": [*announced, *headers],
             "server": ("127.0.0.1", 8080), "client": ("127.0.0.1", 50000)}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if parts:
            chunk = parts.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(parts)}
        await asyncio.sleep(3600)  # the client waits for the answer
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return Answer(start["status"], dict(start.get("headers", [])),
                  b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"))


@pytest.fixture
def call() -> Callable[..., Answer]:
    return call_asgi


def pages(name: str):  # type: ignore[no-untyped-def]
    """A WSGI app answering with its name and where it thinks it is mounted."""

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        body = f"{name} {environ['SCRIPT_NAME']!r} {environ['PATH_INFO']!r}".encode()
        start_response("200 OK", [("Content-Type", "text/plain"),
                                  ("Content-Length", str(len(body)))])
        return [body]

    return app


@pytest.fixture
def dispatch():
    mounted = PrefixDispatch([WebPages("/", pages("publicity")),
                              WebPages("/command/", pages("command"))])
    yield mounted
    mounted.close()
