"""An HTTP server for ASGI applications: uvicorn (pure-Python h11), on loopback, in a
thread with an event loop of its own, so slow pages never hold up the gRPC loop.

The socket is bound before the thread starts: a taken port fails at once with
`PortUnavailable` naming the setting to change, and port 0 gives a free port whose
number `address` tells. There is no access log (query strings may hold names, R60).

Every request passes `guard.Guarded` (security headers, per-client rate, the methods the
application takes: its `methods` if it names them, else GET/HEAD),
then `limits.Limited` (body cap, answer time), then reaches the application. The few
answers uvicorn writes itself — 400 for a malformed head, 503 past `max_connections` —
are fixed text without the guard's headers. A client address holds at most
`HttpLimits.max_connections_per_client` connections, the server `max_open_connections` in
all; the next is answered 429 (or 503) and closed before its request is read.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from zhixing.runtime.asgi import Asgi
from zhixing.runtime.bounds import connection_cap
from zhixing.runtime.guard import ALLOWED_METHODS, Guarded, secured
from zhixing.runtime.limits import HttpLimits, Limited
from zhixing.runtime.rate import Clock, RateLimiter
from zhixing.runtime.server import PortUnavailable


class HttpServer:
    """Serves one ASGI application on `host:port` until `stop()`, behind the guard every
    answer passes (security headers, per-client rate, the app's `methods`, by default
    GET/HEAD only) and the limits.
    `clock` is the rate limiter's (tests drive it)."""

    def __init__(self, app: Asgi, host: str, port: int, *, setting: str,
                 limits: HttpLimits | None = None, name: str = "http",
                 clock: Clock = time.monotonic) -> None:
        limits = limits or HttpLimits()
        rate = limits.client_rate
        self.limiter = RateLimiter(rate, clock) if rate is not None else None
        self._socket = _bound(host, port, setting)
        self.port = int(self._socket.getsockname()[1])
        self.address = f"http://{host}:{self.port}/"
        config = uvicorn.Config(
            Guarded(Limited(app, limits), self.limiter, limits.max_head_bytes,
                    tuple(getattr(app, "methods", ALLOWED_METHODS))),
            http=_guarded_protocol(limits), ws="none", lifespan="off", log_config=None,
            access_log=False, server_header=False, proxy_headers=False,
            timeout_keep_alive=limits.keep_alive_seconds,
            limit_concurrency=limits.max_connections,
            h11_max_incomplete_event_size=limits.max_head_bytes,
            timeout_graceful_shutdown=5)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, args=([self._socket],),
                                        daemon=True, name=name)

    def start(self, timeout: float = 10.0) -> None:
        """Start serving; returns once the server accepts connections."""
        self._thread.start()
        waited = threading.Event()
        while not self._server.started and self._thread.is_alive():
            waited.wait(0.01)
            timeout -= 0.01
            if timeout <= 0:
                raise RuntimeError(f"the HTTP server on {self.address} did not start")

    def stop(self) -> None:
        """Stop intake, let answers in flight finish (5 s at most), close the socket."""
        self._server.should_exit = True
        self._thread.join(10)
        self._socket.close()


@dataclass
class _Held:
    """The connections a server holds open: by client address, and in all."""

    by_address: Counter[str] = field(default_factory=Counter)
    total: int = 0


def _guarded_protocol(limits: HttpLimits) -> type[H11Protocol]:
    """uvicorn's h11 protocol with a deadline for each request's head and a cap on the
    connections of each client address and in all. uvicorn times out idle keep-alive
    connections, but not one that is opened and then sends its request line and headers
    slowly, or never (it would hold a connection for good); it counts connections only
    in all, so one address could hold every one of them (each new request then gets
    503); and it accepts without limit, so many addresses could use every file."""
    seconds, per_client = limits.head_timeout_seconds, limits.max_connections_per_client
    in_all = connection_cap(limits.max_open_connections)
    held = _Held()  # the server's one loop: no lock

    class HeadDeadline(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None
        _address = ""

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._address = self.client[0] if self.client else "-"
            held.by_address[self._address] += 1
            held.total += 1
            refusal = (_TOO_MANY_CONNECTIONS if held.by_address[self._address] > per_client
                       else _SERVER_FULL if held.total > in_all else None)
            if refusal is not None:
                transport.write(refusal)
                transport.close()
                return
            self._await_head()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:
                self._await_head()  # a part of a head: the deadline already running stays
            else:
                self._head_arrived()

        def connection_lost(self, exc: Exception | None) -> None:
            self._head_arrived()
            held.by_address[self._address] -= 1
            held.total -= 1
            if not held.by_address[self._address]:
                del held.by_address[self._address]  # memory stays O(open connections)
            super().connection_lost(exc)

        def _await_head(self) -> None:
            if self._deadline is None:
                self._deadline = self.loop.call_later(seconds, self._too_slow)

        def _head_arrived(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return HeadDeadline


_REFUSAL = b"too many connections from your address; try again\n"
_TOO_MANY_CONNECTIONS = (
    b"HTTP/1.1 429 Too Many Requests\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"retry-after: 1\r\nconnection: close\r\n"
    + b"".join(name + b": " + value + b"\r\n" for name, value in secured([]))
    + b"content-length: %d\r\n\r\n%s" % (len(_REFUSAL), _REFUSAL))
"""The answer, before any request is read, to a connection over its address's share."""
_FULL = b"the server holds as many connections as it may; try again\n"
_SERVER_FULL = (
    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"retry-after: 1\r\nconnection: close\r\n"
    + b"".join(name + b": " + value + b"\r\n" for name, value in secured([]))
    + b"content-length: %d\r\n\r\n%s" % (len(_FULL), _FULL))
"""The answer to a connection over the server's total (`HttpLimits.max_open_connections`)."""


def _bound(host: str, port: int, setting: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise PortUnavailable(f"HTTP port {host}:{port} is in use: set {setting} "
                              "to a free port") from None
    sock.set_inheritable(True)
    return sock
