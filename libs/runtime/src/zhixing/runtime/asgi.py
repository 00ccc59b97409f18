"""The few ASGI types and replies the runtime's HTTP pieces share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]


async def plain_reply(send: Send, status: int, text: str, *,
                      content_type: str = "text/plain; charset=utf-8",
                      headers: list[tuple[bytes, bytes]] | None = None) -> None:
    """A whole response with a short text body (and any `headers` it needs besides)."""
    body = text.encode() if text.endswith("\n") else (text + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode()),
                            (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
