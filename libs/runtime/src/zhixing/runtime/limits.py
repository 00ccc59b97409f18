"""Limits every HTTP request meets before it reaches a page (the server adds its own:
connection count, keep-alive, the size of the request line and headers, the time a
client may take to send them).

- A body larger than `max_body_bytes` is refused with 413, whether it announces its
  length or streams it in chunks; the application never sees a byte of it.
- A request not answered within `timeout_seconds` gets 503, if its answer has not
  begun; one already answering is cut off.
- A server-sent-events answer (`text/event-stream`, the command centre's live alerts)
  is not cut at `timeout_seconds` once it has begun: it may stream for `stream_seconds`
  from its start, and is cut off then. A stream should end itself well before (the
  alerts stream ends after 20 s; the browser's EventSource reconnects with
  Last-Event-ID), so the bound only stops a stream that forgot to.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from zhixing.runtime.asgi import Asgi, Message, Receive, Scope, Send, plain_reply
from zhixing.runtime.rate import ClientRate


class BodyTooLarge(Exception):
    """The request body passed the limit."""


@dataclass(frozen=True)
class HttpLimits:
    """What one request and the server may take; the defaults suit the pages."""

    max_body_bytes: int = 1024 * 1024
    timeout_seconds: float = 30.0
    stream_seconds: float = 60.0
    """How long a server-sent-events answer may stream once begun (it replaces
    `timeout_seconds` for it)."""
    max_connections: int = 200
    """uvicorn's `limit_concurrency`: beyond it, new requests get 503."""
    max_open_connections: int = 1000
    """Connections the server holds open in all (fewer if the process may open few files,
    `bounds.connection_cap`); the next is answered 503 and closed. uvicorn accepts without
    limit: 20 connections from each of 1,000 addresses used every file descriptor of the
    embedded suite, its stores could not open a file, and the process stopped."""
    max_connections_per_client: int = 20
    """Connections one client address may hold open at once; the next gets 429 and is
    closed. A browser opens 6, an office behind one address a few times that; without
    it one address holding `max_connections` idle connections made every page 503."""
    keep_alive_seconds: int = 5
    max_head_bytes: int = 16 * 1024
    """Request line plus headers: h11's maximum incomplete event size for a head that
    arrives in pieces, and `guard.Guarded` (431) for one that arrives whole."""
    head_timeout_seconds: float = 10.0
    """From a connection's opening (or its first byte after an answer) to the end of the
    request's headers; a client slower than this is cut off, so a few hundred slow
    clients cannot hold every connection (slowloris)."""
    client_rate: ClientRate | None = field(default_factory=ClientRate)
    """Requests per client address (429 beyond it); None: no limit."""


class Limited:
    """ASGI middleware applying the body cap and the per-request timeout."""

    def __init__(self, app: Asgi, limits: HttpLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        deadline: asyncio.Timeout | None = None

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if deadline is not None and _is_stream(message):
                    deadline.reschedule(asyncio.get_running_loop().time()
                                        + self.limits.stream_seconds)
            await send(message)

        try:
            async with asyncio.timeout(self.limits.timeout_seconds) as deadline:
                body = await self._read_body(scope, receive)
                await self.app(scope, _replay(body, receive), tracked_send)
        except BodyTooLarge:
            await plain_reply(send, 413, f"request body over {self.limits.max_body_bytes} "
                                         "bytes (the server's limit)")
        except TimeoutError:
            if not started:
                await plain_reply(send, 503, f"no answer within {self.limits.timeout_seconds:g}"
                                             " seconds (the server's limit); try again")

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes:
        """The whole body, refused as soon as it (or its announced length) is too big."""
        cap = self.limits.max_body_bytes
        announced = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if announced.isdigit() and int(announced) > cap:
            raise BodyTooLarge
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > cap:
                raise BodyTooLarge
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks)


def _is_stream(start: Message) -> bool:
    """Whether an answer is server-sent events (by its content type)."""
    kind = dict(start.get("headers", [])).get(b"content-type", b"")
    return bool(kind.split(b";")[0].strip().lower() == b"text/event-stream")


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read ahead, as one message; then the connection's own messages."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed
