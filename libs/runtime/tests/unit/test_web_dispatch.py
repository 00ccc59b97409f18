"""Web pages by path prefix: every service's pages, the longest prefix wins."""

from __future__ import annotations

import pytest

from zhixing.runtime.web import InvalidPrefix, PrefixDispatch, WebPages

from ..conftest import pages


async def asgi_pages(scope, receive, send):  # type: ignore[no-untyped-def]
    """An ASGI app answering with where it thinks it is mounted."""
    body = f"asgi {scope['root_path']!r} {scope['path']!r}".encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture
def forms():
    """Read-only pages at `/`, an ASGI centre taking forms at `/command/`."""
    told: list[str] = []
    mounted = PrefixDispatch([WebPages("/", pages("publicity")),
                              WebPages("/command/", asgi_pages, asgi=True,
                                       methods=("GET", "HEAD", "POST"), bind=told.append)])
    mounted.told = told  # type: ignore[attr-defined]
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


class TestMounts:
    def test_an_asgi_app_is_called_as_is_with_its_prefix_as_root_path_when_mounted(
            self, forms, call):
        assert call(forms, "/command/alerts").text == "asgi '/command' '/command/alerts'"

    def test_405_with_the_mounts_allow_when_it_does_not_take_the_method(self, forms, call):
        answer = call(forms, "/zhongben", method="POST")
        assert answer.status == 405 and answer.headers[b"allow"] == b"GET, HEAD"

    def test_the_method_reaches_the_pages_when_their_mount_takes_it(self, forms, call):
        assert call(forms, "/command/signout", method="POST").status == 200

    def test_the_server_admits_every_method_some_mount_takes_when_asked(self, forms, dispatch):
        assert forms.methods == ("GET", "HEAD", "POST")
        assert dispatch.methods == ("GET", "HEAD")

    def test_each_mount_that_asked_hears_the_grpc_address_when_bound(self, forms):
        forms.bind("127.0.0.1:50051")
        assert forms.told == ["127.0.0.1:50051"]

    def test_a_mount_is_refused_when_it_names_no_known_method(self):
        with pytest.raises(InvalidPrefix, match="methods must be some of"):
            WebPages("/command/", asgi_pages, asgi=True, methods=("BREW",))
