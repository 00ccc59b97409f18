"""A command centre built without a server, and requests made to it in-process, for the
unit tests of its session, context and forms (no socket, no gRPC)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from starlette.requests import Request

from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token
from zhixing.supervision.web.app import CommandCentre, command_centre
from zhixing.supervision.web.context import Viewer

SECRET = "unit-test-secret-of-the-command-centre"
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
"""10:00 in Beijing on Monday 2 March 2026."""
T = TypeVar("T")


def centre(**changes: Any) -> CommandCentre:
    settings: dict[str, Any] = {"jwt_secrets": [SECRET], "clock": lambda: NOW,
                                "dev_signin": True, "oidc": None, "secure_cookies": False}
    return command_centre(**{**settings, **changes})


def token(role: str = "president", court: str = "川0104", *, secret: str = SECRET,
          ttl: timedelta = timedelta(hours=1), now: datetime | None = None) -> str:
    return issue_token(Identity(f"{role}-1", role, court=court),  # type: ignore[arg-type]
                       secret, ttl=ttl, now=now)


def request(app: CommandCentre, path: str = "/command/", *, query: str = "",
            method: str = "GET", body: bytes = b"", content_type: str = "",
            viewer: Viewer | None = None) -> Request:
    """A request as the centre's routes see it (mounted at /command)."""
    headers = [(b"content-length", str(len(body)).encode())]
    if content_type:
        headers.append((b"content-type", content_type.encode()))
    scope = {"type": "http", "method": method, "path": path, "root_path": "/command",
             "query_string": query.encode(), "headers": headers, "app": app.starlette,
             "state": {"viewer": viewer} if viewer is not None else {}}
    sent = [body]

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": sent.pop() if sent else b"",
                "more_body": False}

    return Request(scope, receive)


def run(awaitable: Callable[[], Awaitable[T]]) -> T:
    async def main() -> T:
        return await awaitable()

    return asyncio.run(main())


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    text: str

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k == name), "")

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k == name]


def call(app: Any, path: str, *, method: str = "GET", body: bytes = b"",
         cookies: dict[str, str] | None = None, query: str = "",
         failing: bool = False) -> Answer:
    """One request to the centre's ASGI app in-process, as the runtime mounts it;
    `failing`: the app re-raises a page's error after answering (for the server's log)."""
    headers = [(b"content-length", str(len(body)).encode()),
               (b"content-type", b"application/x-www-form-urlencoded")]
    if cookies:
        headers.append((b"cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()).encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "/command", "query_string": query.encode(), "headers": headers,
             "server": ("127.0.0.1", 8080), "client": ("127.0.0.1", 50000)}
    parts = [body]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if parts:
            return {"type": "http.request", "body": parts.pop(), "more_body": False}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    try:
        asyncio.run(app(scope, receive, send))
    except RuntimeError:
        if not failing:
            raise
    start = next(m for m in sent if m["type"] == "http.response.start")
    return Answer(start["status"],
                  [(k.decode().lower(), v.decode("latin-1")) for k, v in start["headers"]],
                  b"".join(m.get("body", b"") for m in sent
                           if m["type"] == "http.response.body").decode())
