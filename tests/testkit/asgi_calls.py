"""Requests to an ASGI application in-process, as the runtime's web server would make
them under a prefix (`root_path`, e.g. "/command"): no server, no socket, the answer's
status, headers and body — a streamed one read to its end."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class Answer:
    """What the application answered."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        return next((v for n, v in self.headers if n == name.lower()), "")

    @property
    def text(self) -> str:
        return self.body.decode()


async def call(app: Any, method: str, path: str, *, root: str = "/command",
               headers: Sequence[tuple[str, str]] = (), form: dict[str, str] | None = None
               ) -> Answer:
    """`method path` (path with its query, under `root`) with `headers` and, for a POST,
    `form` urlencoded; the whole answer. The client never leaves: a stream ends only
    when the application ends it."""
    path, _, query = path.partition("?")
    body = urlencode(form).encode() if form is not None else b""
    sent = [(n.lower(), v) for n, v in headers]
    if form is not None:
        sent.append(("content-type", "application/x-www-form-urlencoded"))
        sent.append(("content-length", str(len(body))))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path,
             "raw_path": quote(path).encode(), "root_path": root,
             "query_string": query.encode(), "client": ("127.0.0.1", 40000),
             "server": ("127.0.0.1", 8080), "state": {},
             "headers": [(n.encode(), v.encode()) for n, v in sent]}
    requested = False
    never = asyncio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": body, "more_body": False}
        await never.wait()  # the client stays until the answer ends
        return {"type": "http.disconnect"}

    messages: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await app(scope, receive, send)
    start = next(m for m in messages if m["type"] == "http.response.start")
    return Answer(start["status"],
                  [(n.decode().lower(), v.decode()) for n, v in start.get("headers", [])],
                  b"".join(m.get("body", b"") for m in messages
                           if m["type"] == "http.response.body"))


def events_of(stream: str) -> list[dict[str, str]]:
    """The server-sent events of a stream's text: each a dict of its fields (id, event,
    data; comments dropped)."""
    found = []
    for block in stream.split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.split("\n"):
            if line and not line.startswith(":"):
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")
        if fields:
            found.append(fields)
    return found
