"""The security headers every answer gets (ASVS 5.0 V3/V50), whatever the page set."""

from __future__ import annotations

from zhixing.runtime.guard import DEFAULT_CSP, head_bytes, secured


def header(headers: list[tuple[bytes, bytes]], name: bytes) -> list[bytes]:
    return [value for key, value in headers if key.lower() == name]


class TestSecured:
    def test_the_strict_default_policy_when_the_page_sets_none(self):
        headers = secured([(b"content-type", b"text/html")])
        assert header(headers, b"content-security-policy") == [DEFAULT_CSP.encode()]
        assert header(headers, b"x-content-type-options") == [b"nosniff"]

    def test_frame_ancestors_added_when_the_pages_own_policy_lacks_it(self):
        own = (b"Content-Security-Policy", b"default-src 'none'; style-src 'unsafe-inline'")
        assert header(secured([own]), b"content-security-policy") == [
            b"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"]

    def test_the_pages_own_cache_control_kept_when_it_sets_one(self):
        headers = secured([(b"Cache-Control", b"max-age=60")])
        assert header(headers, b"cache-control") == [b"max-age=60"]


class TestHeadBytes:
    def test_the_size_of_the_head_as_sent_when_measured_from_the_parsed_scope(self):
        raw = b"GET /pages/x?page=2 HTTP/1.1\r\nhost: a\r\nx-padding: bbb\r\n"
        scope = {"method": "GET", "path": "/pages/x", "raw_path": b"/pages/x",
                 "query_string": b"page=2", "headers": [(b"host", b"a"), (b"x-padding", b"bbb")]}
        assert head_bytes(scope) == len(raw)
