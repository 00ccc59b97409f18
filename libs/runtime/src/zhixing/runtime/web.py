"""Serves a service's web pages (WSGI) over HTTP on loopback, in a thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from zhixing.runtime.server import PortUnavailable


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log: query strings are not worth a log line of their own."""


class WebServer:
    def __init__(self, app: Callable[..., Any], host: str, port: int) -> None:
        try:
            self._server = make_server(host, port, app, server_class=_Server,
                                       handler_class=_QuietHandler)
        except OSError:
            raise PortUnavailable(f"web port {host}:{port} is in use: set ZHIXING_HTTP_PORT "
                                  "to a free port") from None
        self.address = f"http://{host}:{self._server.server_port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="web")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
