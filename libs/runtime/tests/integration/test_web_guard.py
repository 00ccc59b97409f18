"""Every answer of the real HTTP server on loopback, whichever pages it serves: only
GET/HEAD (405 with Allow), per-client rate limits (429 with Retry-After), and the ASVS
headers on 200, 404, 405 and 429 alike (issue 12 item 11)."""

from __future__ import annotations

import http.client
from collections.abc import Iterator

import pytest

from zhixing.runtime.guard import ALLOWED_METHODS
from zhixing.runtime.http import HttpServer
from zhixing.runtime.limits import HttpLimits
from zhixing.runtime.rate import ClientRate
from zhixing.runtime.web import PrefixDispatch, WebPages

RATE = ClientRate(burst=5, per_second=1)


class Clock:
    """The rate limiter's clock, moved by the test (no sleeping)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def server(dispatch, clock) -> Iterator[HttpServer]:
    served = HttpServer(dispatch, "127.0.0.1", 0, setting="ZHIXING_HTTP_PORT",
                        limits=HttpLimits(client_rate=RATE), clock=clock)
    served.start()
    yield served
    served.stop()


def ask(server: HttpServer, method: str, path: str = "/") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request(method, path, body=b"x=1" if method in ("POST", "PUT", "PATCH") else None)
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


def assert_secured(answer: http.client.HTTPResponse) -> None:
    assert answer.getheader("X-Content-Type-Options") == "nosniff"
    assert "frame-ancestors 'none'" in (answer.getheader("Content-Security-Policy") or "")
    assert answer.getheader("X-Frame-Options") == "DENY"
    assert answer.getheader("Referrer-Policy") == "no-referrer"
    assert answer.getheader("Cache-Control") == "no-store"


class TestOnlyReading:
    @pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
    @pytest.mark.parametrize("path", ["/", "/command/x", "/nowhere/"])
    def test_405_with_allow_when_a_method_other_than_get_or_head_is_used(self, server,
                                                                         method, path):
        answer = ask(server, method, path)
        assert answer.status == 405 and answer.getheader("Allow") == "GET, HEAD"

    @pytest.mark.parametrize("method", ALLOWED_METHODS)
    def test_the_page_answers_when_read_with_get_or_head(self, server, method):
        assert ask(server, method, "/command/x").status == 200


class TestRateLimit:
    def test_429_with_retry_after_when_a_client_bursts_beyond_its_limit(self, server):
        statuses = [ask(server, "GET").status for _ in range(RATE.burst)]
        refused = ask(server, "GET")
        assert statuses == [200] * RATE.burst
        assert refused.status == 429 and refused.getheader("Retry-After") == "1"

    def test_the_client_is_answered_again_when_its_bucket_has_refilled(self, server, clock):
        for _ in range(RATE.burst + 1):
            ask(server, "GET")
        clock.now += 1.0
        assert ask(server, "GET").status == 200
        assert ask(server, "GET").status == 429  # one second bought one request

    def test_other_methods_count_too_when_a_client_floods(self, server):
        statuses = [ask(server, "POST").status for _ in range(RATE.burst + 1)]
        assert statuses == [405] * RATE.burst + [429]


class TestSecurityHeaders:
    def test_present_when_the_page_answers_200(self, server):
        answer = ask(server, "GET", "/command/x")
        assert answer.status == 200
        assert_secured(answer)

    def test_present_when_no_page_is_mounted_there_404(self, clock):
        pages = PrefixDispatch([WebPages("/command/", lambda environ, start_response: [])])
        only_command = HttpServer(pages, "127.0.0.1", 0, setting="ZHIXING_HTTP_PORT",
                                  clock=clock)
        only_command.start()
        try:
            answer = ask(only_command, "GET", "/elsewhere")
        finally:
            only_command.stop()
            pages.close()
        assert answer.status == 404
        assert_secured(answer)

    def test_present_when_the_method_is_refused_405(self, server):
        answer = ask(server, "DELETE")
        assert answer.status == 405
        assert_secured(answer)

    def test_present_when_the_client_is_refused_429(self, server):
        for _ in range(RATE.burst):
            ask(server, "GET")
        answer = ask(server, "GET")
        assert answer.status == 429
        assert_secured(answer)


def ask_with_header(server: HttpServer, size: int) -> http.client.HTTPResponse:
    """GET / with one header of `size` bytes, sent with the rest of the head at once."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", "/command/x", headers={"X-Padding": "a" * size})
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


class TestHeadSize:
    def test_431_with_security_headers_when_a_whole_head_of_60_kb_arrives_at_once(self, server):
        answer = ask_with_header(server, 60_000)
        assert answer.status == 431
        assert_secured(answer)

    def test_the_page_answers_when_the_head_is_just_within_the_limit(self, server):
        assert ask_with_header(server, HttpLimits.max_head_bytes - 200).status == 200


async def form_pages(scope, receive, send):  # type: ignore[no-untyped-def]
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": scope["method"].encode()})


@pytest.fixture
def mixed(clock) -> Iterator[HttpServer]:
    """Publicity's read-only WSGI pages at `/`, an ASGI mount taking POST at `/command/`."""
    pages = PrefixDispatch([WebPages("/", lambda environ, start_response: []),
                            WebPages("/command/", form_pages, asgi=True,
                                     methods=("GET", "HEAD", "POST"))])
    served = HttpServer(pages, "127.0.0.1", 0, setting="ZHIXING_HTTP_PORT",
                        limits=HttpLimits(client_rate=None), clock=clock)
    served.start()
    yield served
    served.stop()
    pages.close()


class TestMethodsPerMount:
    def test_post_reaches_the_mount_that_takes_it_when_served(self, mixed):
        answer = ask(mixed, "POST", "/command/signout")
        assert answer.status == 200

    @pytest.mark.parametrize("path", ["/", "/zhongben"])
    def test_publicity_refuses_post_with_get_head_allowed_when_another_mount_takes_it(
            self, mixed, path):
        answer = ask(mixed, "POST", path)
        assert answer.status == 405 and answer.getheader("Allow") == "GET, HEAD"
        assert_secured(answer)

    @pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS"])
    def test_405_naming_every_served_method_when_no_mount_takes_it(self, mixed, method):
        answer = ask(mixed, method, "/command/x")
        assert answer.status == 405 and answer.getheader("Allow") == "GET, HEAD, POST"
