"""The portal as the suite serves it (the real server on loopback, built by the service's
bootstrap): GET, HEAD and the forms' POST only, and every answer carries the ASVS headers
with the portal's strict policy (issue 12 item 11, issue 17)."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from zhixing.eventstore.settings import Settings
from zhixing.publicity.bootstrap import build
from zhixing.runtime.http import HttpServer
from zhixing.runtime.web import mounted


@pytest.fixture
def served(tmp_path) -> Iterator[HttpServer]:
    instance = build(Settings(var_dir=tmp_path))
    assert instance.web is not None
    pages = mounted([instance.web])
    assert pages is not None
    server = HttpServer(pages, "127.0.0.1", 0, setting="ZHIXING_HTTP_PORT")
    server.start()
    yield server
    server.stop()
    pages.close()
    instance.close()


def ask(server: HttpServer, method: str, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if method == "POST" else {}
    connection.request(method, path, body=b"number=1" if method == "POST" else None,
                       headers=headers)
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


class TestPortalServed:
    @pytest.mark.parametrize("path", ["/", "/search", "/dishonest", "/my-case"])
    @pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
    def test_405_with_allow_when_a_page_is_sent_anything_but_get_head_or_post(self, served,
                                                                             path, method):
        answer = ask(served, method, path)
        assert answer.status == 405 and answer.getheader("Allow") == "GET, HEAD, POST"

    @pytest.mark.parametrize("path", ["/", "/dishonest", "/cases?number=1", "/stats"])
    def test_405_when_a_read_only_page_is_posted_to(self, served, path):
        assert ask(served, "POST", path).status == 405

    @pytest.mark.parametrize(("path", "status"), [
        ("/", 200), ("/my-case", 200), ("/cases?number=(2026)川0104执1号", 404), ("/nowhere", 404)])
    def test_the_strict_policy_with_frame_ancestors_and_no_store_when_served(self, served,
                                                                            path, status):
        answer = ask(served, "GET", quote(path, safe="/?="))
        policy = answer.getheader("Content-Security-Policy") or ""
        assert answer.status == status and "default-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
        assert answer.getheader("X-Content-Type-Options") == "nosniff"
        assert answer.getheader("Cache-Control") == "no-store"
        assert answer.getheader("Referrer-Policy") == "no-referrer"
