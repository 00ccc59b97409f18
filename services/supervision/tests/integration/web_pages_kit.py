"""The command centre's pages served by the real ASGI app (`command_centre`) against the
real supervision service in process (`api_support.supervision_served`, real gRPC on
loopback), signed in as whoever a test names — a session cookie holding the person's
own token, as the sign-in form would leave it.

The app is driven through the ASGI interface itself on one event loop per test (the
centre's gRPC channel belongs to the loop it was made on), without an HTTP client
library: a GET is a scope, an empty body and the answer's messages collected.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from zhixing.runtime.cli_kit import dev_token
from zhixing.supervision.web.app import command_centre

from .api_support import NOW, Supervision

ROOT = "/command"
RESIDENT_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
"""An 18-digit resident ID number: no page may show one."""


@dataclass(frozen=True)
class Page:
    """An answer: status, headers (lower-case names) and the body as text."""

    status: int
    headers: dict[str, str]
    text: str


class Centre:
    """The command centre bound to the served supervision service."""

    def __init__(self, served: Supervision) -> None:
        self.served = served
        self.app = command_centre(jwt_secrets=[served.settings.jwt_secret], clock=lambda: NOW,
                                  dev_signin=True, oidc=None, secure_cookies=False)
        self.app.bind(served.target)
        self.loop = asyncio.new_event_loop()

    def close(self) -> None:
        self.loop.run_until_complete(self.app.shell.close())
        self.loop.close()

    def get(self, path: str, role: str = "president", court: str = "川0104") -> Page:
        """GET `path` (under /command) signed in as `role` of `court`."""
        token = dev_token(f"{role}-1", role, court=court, secret=self.served.settings.jwt_secret)
        return self.loop.run_until_complete(self._get(path, token))

    async def _get(self, path: str, token: str) -> Page:
        url = urlsplit(ROOT + path)
        scope: dict[str, Any] = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "path": unquote(url.path), "raw_path": quote(unquote(url.path)).encode(),
            "root_path": ROOT, "query_string": url.query.encode(),
            "headers": [(b"host", b"127.0.0.1"),
                        (b"cookie", f"zhixing_session={token}".encode())],
            "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80)}
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await self.app(scope, receive, send)
        start = next(m for m in sent if m["type"] == "http.response.start")
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
        return Page(start["status"], headers, body.decode())


def links(page: Page, prefix: str) -> list[str]:
    """The page's links starting with `prefix` (under /command), unescaped."""
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', page.text)
            if h.startswith(ROOT + prefix)]
