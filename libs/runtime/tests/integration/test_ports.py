"""A taken port is reported as one line naming the setting to change (STYLE 14)."""

from __future__ import annotations

import socket

import pytest

from zhixing.runtime.http import HttpServer
from zhixing.runtime.server import PortUnavailable
from zhixing.runtime.web import PrefixDispatch, WebPages

PAGES = PrefixDispatch([WebPages("/", lambda environ, start_response: [])])


class TestPorts:
    def test_a_busy_web_port_names_zhixing_http_port_when_taken(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            with pytest.raises(PortUnavailable, match="ZHIXING_HTTP_PORT"):
                HttpServer(PAGES, "127.0.0.1", port, setting="ZHIXING_HTTP_PORT")

    def test_a_free_port_serves_and_stops_when_port_zero_is_asked(self):
        server = HttpServer(PAGES, "127.0.0.1", 0, setting="ZHIXING_HTTP_PORT")
        server.start()
        assert server.address == f"http://127.0.0.1:{server.port}/" and server.port > 0
        server.stop()
