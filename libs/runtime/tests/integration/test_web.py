"""Web pages by path prefix: one server, every service's pages, the longest prefix wins."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from typing import Any

import pytest

from zhixing.runtime.http import HttpServer
from zhixing.runtime.web import InvalidPrefix, PrefixDispatch, WebPages


def pages(name: str):  # type: ignore[no-untyped-def]
    """A WSGI app answering with its name and where it thinks it is mounted."""

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        body = f"{name} {environ['SCRIPT_NAME']!r} {environ['PATH_INFO']!r}".encode()
        start_response("200 OK", [("Content-Type", "text/plain"),
                                  ("Content-Length", str(len(body)))])
        return [body]

    return app


@pytest.fixture
def dispatch():
    mounted = PrefixDispatch([WebPages("/", pages("publicity")),
                              WebPages("/command/", pages("command"))])
    yield mounted
    mounted.close()


class TestPrefixDispatch:
    def test_the_root_pages_answer_when_no_longer_prefix_matches(self, dispatch, call):
        assert call(dispatch, "/zhongben").text == "publicity '' '/zhongben'"

    def test_the_longest_prefix_answers_when_two_match(self, dispatch, call):
        assert call(dispatch, "/command/alerts").text == "command '/command' '/alerts'"

    def test_the_prefix_without_its_slash_reaches_its_pages_when_asked_bare(self, dispatch, call):
        assert call(dispatch, "/command").text == "command '/command' ''"

    def test_a_path_sharing_only_letters_goes_to_the_root_when_not_under_the_prefix(
            self, dispatch, call):
        assert call(dispatch, "/commander").text.startswith("publicity")

    def test_not_found_when_no_prefix_matches(self, call):
        only_command = PrefixDispatch([WebPages("/command/", pages("command"))])
        assert call(only_command, "/zhongben").status == 404

    def test_a_prefix_is_refused_when_it_does_not_end_with_a_slash(self):
        with pytest.raises(InvalidPrefix, match=r"'/command'.*must start and end with '/'"):
            WebPages("/command", pages("command"))

    def test_a_prefix_is_refused_when_mounted_twice(self):
        with pytest.raises(InvalidPrefix, match="mounted twice"):
            PrefixDispatch([WebPages("/", pages("a")), WebPages("/", pages("b"))])


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
            connection.putrequest("POST", "/")
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
