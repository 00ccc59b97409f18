"""Signing in to the command centre over the suite's real HTTP server (the runtime's
guard and limits in front), with the supervision service served over real gRPC: a
signed-out visitor is sent to sign in and back (never to another site), a forged or
expired session is no session, the token is never echoed, every POST needs the
session's CSRF value, and every answer carries the strict CSP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token
from zhixing.supervision.web.app import CSP

from .web_support import ID_NUMBER, Centre, centre_served


@pytest.fixture(scope="module")
def centre(tmp_path_factory) -> Iterator[Centre]:
    with centre_served(tmp_path_factory.mktemp("centre")) as served:
        yield served


class TestSignedOut:
    def test_303_to_signin_with_the_page_as_next_when_signed_out(self, centre):
        answer = centre.browser().get("/command/alerts?from=2026-01")
        assert answer.status == 303
        assert answer.location == "/command/signin?next=/command/alerts%3Ffrom%3D2026-01"

    def test_303_to_signin_when_the_centres_bare_prefix_is_asked(self, centre):
        bare = centre.browser().get("/command")
        assert bare.status == 308 and bare.location == "/command/"
        assert centre.browser().get("/command/").status == 303

    def test_a_forged_session_is_no_session_and_its_cookie_is_cleared(self, centre):
        browser = centre.browser()
        forged = issue_token(Identity("president-1", "president", court="川0104"),  # type: ignore[arg-type]
                             "a-secret-the-attacker-chose-himself-to-sign")
        browser.cookies["zhixing_session"] = forged
        answer = browser.get("/command/alerts")
        assert answer.status == 303 and answer.location.startswith("/command/signin")
        assert any(c.startswith("zhixing_session=;") and "Max-Age=0" in c
                   for c in answer.cookies)

    def test_an_expired_session_is_no_session(self, centre):
        browser = centre.browser()
        browser.cookies["zhixing_session"] = centre.token(
            "president", ttl=timedelta(hours=1), issued=datetime.now(UTC) - timedelta(hours=2))
        assert browser.get("/command/alerts").status == 303

    def test_a_role_without_pages_here_is_no_session(self, centre):
        browser = centre.browser()
        browser.cookies["zhixing_session"] = centre.token("agency")
        assert browser.get("/command/alerts").status == 303


class TestSigningIn:
    def test_the_session_cookie_is_httponly_samesite_strict_under_command_when_signed_in(
            self, centre):
        browser = centre.browser()
        answer = browser.sign_in(centre.token("president"), "/command/alerts")
        assert answer.status == 303 and answer.location == "/command/alerts"
        session = next(c for c in answer.cookies if c.startswith("zhixing_session="))
        assert session.endswith("; Path=/command/; HttpOnly; SameSite=Strict")
        assert "Secure" not in session  # loopback over plain HTTP in embedded mode
        assert browser.get("/command/no-such-page").status == 404  # past the session

    def test_next_is_kept_with_a_court_code_in_it_when_signed_in(self, centre):
        answer = centre.browser().sign_in(centre.token("president"), "/command/courts/川0104")
        assert answer.location == "/command/courts/%E5%B7%9D0104"

    @pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/command/",
                                        "/command//evil.example", "/command/\\evil.example"])
    def test_the_centres_home_when_next_would_leave_it(self, centre, target):
        answer = centre.browser().sign_in(centre.token("president"), target)
        assert answer.status == 303 and answer.location == "/command/"

    def test_400_without_echoing_it_when_the_token_is_forged(self, centre):
        forged = issue_token(Identity("president-1", "president", court="川0104"),  # type: ignore[arg-type]
                             "a-secret-the-attacker-chose-himself-to-sign")
        answer = centre.browser().sign_in(forged)
        assert answer.status == 400 and "令牌无效或已过期" in answer.text
        assert forged not in answer.text and forged.split(".")[1] not in answer.text
        assert not any(c.startswith("zhixing_session=ey") for c in answer.cookies)

    def test_400_naming_the_bound_without_echoing_when_over_4096_characters(self, centre):
        answer = centre.browser().sign_in("Q" * 4097)
        assert answer.status == 400 and "4096" in answer.text and "Q" * 50 not in answer.text

    def test_403_when_the_form_did_not_come_from_the_centres_own_page(self, centre):
        browser = centre.browser()  # no sign-in cookie: another site posted the form
        answer = browser.post("/command/signin", {"signin": "guessed",
                                                  "token": centre.token("president")})
        assert answer.status == 403 and "signin" in answer.text
        assert not any(c.startswith("zhixing_session=ey") for c in answer.cookies)

    def test_discipline_lands_on_the_reports_when_no_page_was_asked_for(self, centre):
        answer = centre.browser().sign_in(centre.token("discipline", "川0104"))
        assert answer.status == 303 and answer.location == "/command/reports"

    def test_403_when_the_role_has_nothing_in_the_centre(self, centre):
        answer = centre.browser().sign_in(centre.token("agency"))
        assert answer.status == 403 and "R46" in answer.text


class TestPosts:
    def test_403_and_still_signed_in_when_signing_out_without_the_csrf_value(self, centre):
        browser = centre.signed_in("president")
        assert browser.post("/command/signout", {}, csrf=False).status == 403
        assert browser.get("/command/no-such-page").status == 404

    def test_signed_out_when_the_csrf_value_is_sent(self, centre):
        browser = centre.signed_in("president")
        answer = browser.post("/command/signout", {})
        assert answer.status == 303 and answer.location == "/command/signin"
        assert browser.get("/command/no-such-page").status == 303

    def test_a_copied_session_cookie_is_no_session_when_its_owner_signed_out(self, centre):
        browser = centre.signed_in("president")
        copy = centre.browser()
        copy.cookies = dict(browser.cookies)
        assert copy.get("/command/reports").status == 200
        assert browser.post("/command/signout", {}).status == 303
        answer = copy.get("/command/reports")
        assert answer.status == 303 and answer.location.startswith("/command/signin")

    def test_413_when_a_form_is_over_64_kib(self, centre):
        browser = centre.signed_in("president")
        assert browser.post("/command/signout", {"x": "a" * 70_000}).status == 413

    def test_405_naming_post_when_a_form_address_is_read(self, centre):
        answer = centre.signed_in("president").get("/command/signout")
        assert answer.status == 405 and answer.headers["allow"] == "POST"
        assert "不接受该请求方法" in answer.text

    @pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
    def test_405_when_no_page_takes_the_method(self, centre, method):
        answer = centre.browser().request(method, "/command/signin")
        assert answer.status == 405 and answer.headers["allow"] == "GET, HEAD, POST"


class TestHeaders:
    @pytest.mark.parametrize("path", ["/command/signin", "/command/alerts",
                                      "/command/no-such-page"])
    def test_the_strict_csp_and_no_store_when_a_page_answers(self, centre, path):
        answer = centre.signed_in("president").get(path) if path.endswith("page") \
            else centre.browser().get(path)
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["cache-control"] == "no-store"

    def test_a_long_cache_for_the_stylesheet_when_fetched(self, centre):
        answer = centre.browser().get("/command/static/command.css")
        assert answer.status == 200 and "immutable" in answer.headers["cache-control"]
        assert answer.headers["content-security-policy"] == CSP

    def test_no_inline_script_or_style_when_a_page_is_shown(self, centre):
        text = centre.signed_in("president").get("/command/no-such-page").text
        assert "<script>" not in text and "style=" not in text and "<style" not in text
        assert not ID_NUMBER.search(text)
