"""Web pages by path prefix served over HTTP: one server, every service's pages, its limits."""

from __future__ import annotations

import http.client
import socket
import urllib.request

from zhixing.runtime.http import HttpServer


class TestServedOverHttp:
    def test_both_services_answer_on_one_port_when_served(self, dispatch):
        server = HttpServer(dispatch, "127.0.0.1", 0, setting="ZHIXING_HTTP_PORT")
        server.start()
        try:
            answers = [urllib.request.urlopen(server.address + path, timeout=10).read()
                       for path in ("", "command/x")]
        finally:
            server.stop()
        assert answers == [b"publicity '' '/'", b"command '/command' '/x'"]

    def test_an_oversized_body_is_refused_with_413_when_announced_over_http(self, dispatch):
        server = HttpServer(dispatch, "127.0.0.1", 0, setting="ZHIXING_HTTP_PORT")
        server.start()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:  # the answer comes before the body: the length alone is refused
            connection.putrequest("GET", "/")
            connection.putheader("Content-Length", str(2 * 1024 * 1024))
            connection.endheaders()
            status = connection.getresponse().status
        finally:
            connection.close()
            server.stop()
        assert status == 413

    def test_an_oversized_head_is_refused_when_over_the_servers_limit(self, dispatch):
        server = HttpServer(dispatch, "127.0.0.1", 0, setting="ZHIXING_HTTP_PORT")
        server.start()
        try:  # a head still unfinished past 16 KiB: the server answers without waiting
            with socket.create_connection(("127.0.0.1", server.port), timeout=10) as client:
                client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"x" * 20_000)
                answer = client.recv(100)
        finally:
            server.stop()
        assert answer.startswith(b"HTTP/1.1 4")
