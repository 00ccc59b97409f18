"""A taken port is reported as one line naming the setting to change (STYLE 14)."""

from __future__ import annotations

import socket

import pytest

from zhixing.runtime.server import PortUnavailable
from zhixing.runtime.web import WebServer


def test_a_busy_web_port_names_zhixing_http_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortUnavailable, match="ZHIXING_HTTP_PORT"):
            WebServer(lambda environ, start_response: [], "127.0.0.1", port)


def test_a_free_web_port_serves_and_stops():
    server = WebServer(lambda environ, start_response: [], "127.0.0.1", 0)
    server.start()
    assert server.address.startswith("http://127.0.0.1:")
    server.stop()
