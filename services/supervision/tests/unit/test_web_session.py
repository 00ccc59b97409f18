"""The command centre's session: the cookie is the verified suite token; a forged,
expired or oversized one is no session; `next` never leaves the centre (no open
redirect); the CSRF value is bound to the session and reveals nothing of its token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from zhixing.security.tokens import Unauthenticated
from zhixing.supervision.web.session import MAX_TOKEN_CHARS, Sessions, cookies_of, safe_next

from .web_fixtures import SECRET, token

SESSIONS = Sessions([SECRET], secure_cookies=False)


class TestTokens:
    def test_the_identity_of_the_token_when_signed_with_the_suites_secret(self):
        identity = SESSIONS.verify(token("president", "川0104"))
        assert (identity.subject, identity.role, identity.court) == (
            "president-1", "president", "川0104")

    def test_refused_when_forged_with_another_secret(self):
        with pytest.raises(Unauthenticated, match="signature"):
            SESSIONS.verify(token(secret="a-secret-the-attacker-chose-himself-to-sign"))

    def test_refused_when_expired(self):
        old = token(ttl=timedelta(minutes=5), now=datetime(2020, 1, 1, tzinfo=UTC))
        with pytest.raises(Unauthenticated, match="expired"):
            SESSIONS.verify(old)

    def test_refused_without_parsing_when_over_4096_characters(self):
        with pytest.raises(Unauthenticated, match=str(MAX_TOKEN_CHARS)):
            SESSIONS.verify("a" * (MAX_TOKEN_CHARS + 1))

    def test_a_retired_secret_still_verifies_when_rotating(self):
        rotated = Sessions(["the-new-secret-of-the-suite-after-rotation", SECRET], secure_cookies=False)
        assert rotated.verify(token()).role == "president"


class TestSignOut:
    def test_refused_when_the_session_was_signed_out(self):
        sessions, issued, other = Sessions([SECRET], secure_cookies=False), token(), token("judge")
        sessions.end(issued)
        with pytest.raises(Unauthenticated, match="signed out"):
            sessions.verify(issued)
        assert sessions.verify(other).role == "judge"

    def test_a_new_session_when_the_token_is_pasted_again_after_signing_out(self):
        sessions, issued = Sessions([SECRET], secure_cookies=False), token()
        sessions.end(issued)
        assert sessions.verify(issued, signing_in=True).role == "president"
        assert sessions.verify(issued).role == "president"

    def test_a_malformed_token_is_ignored_when_signing_out(self):
        sessions = Sessions([SECRET], secure_cookies=False)
        sessions.end("not-a-token")
        assert sessions.verify(token()).role == "president"


class TestCsrf:
    def test_bound_to_the_session_when_two_tokens_differ(self):
        first, second = token("president"), token("supervisor")
        assert SESSIONS.csrf_of(first) != SESSIONS.csrf_of(second)
        assert SESSIONS.csrf_of(first) == SESSIONS.csrf_of(first)

    def test_the_token_cannot_be_read_from_it_when_printed_in_a_page(self):
        issued = token()
        csrf = SESSIONS.csrf_of(issued)
        assert issued not in csrf and not any(part in csrf for part in issued.split("."))

    def test_another_secret_gives_another_value_when_an_attacker_knows_the_token_format(self):
        other = Sessions(["some-other-secret-of-another-suite-entirely"], secure_cookies=False)
        assert other.csrf_of(token()) != SESSIONS.csrf_of(token())


class TestCookies:
    def test_httponly_samesite_strict_under_command_when_signed_in(self):
        cookie = SESSIONS.session_cookie("t")
        assert cookie == "zhixing_session=t; Path=/command/; HttpOnly; SameSite=Strict"

    def test_secure_when_served_over_tls(self):
        secure = Sessions([SECRET], secure_cookies=True)
        assert secure.session_cookie("t").endswith("; Secure")
        assert secure.cleared_cookie().endswith("Max-Age=0; Secure")

    def test_the_signin_value_is_fresh_each_time_when_the_form_is_shown(self):
        (first, cookie), (second, _) = SESSIONS.signin_cookie(), SESSIONS.signin_cookie()
        assert first != second and cookie.startswith(f"zhixing_signin={first};")

    def test_no_cookie_when_the_header_is_malformed(self):
        assert cookies_of({"headers": [(b"cookie", b'\x00"=;;;"')]}) == {}

    def test_each_cookie_by_name_when_several_are_sent(self):
        sent = {"headers": [(b"cookie", b"a=1; zhixing_session=tok")]}
        assert cookies_of(sent)["zhixing_session"] == "tok"

    def test_the_most_specific_path_wins_when_a_name_is_sent_twice(self):
        # the browser lists Path=/command/ first; a cookie tossed in with Path=/ follows
        sent = {"headers": [(b"cookie", b"zhixing_session=mine; zhixing_session=tossed")]}
        assert cookies_of(sent)["zhixing_session"] == "mine"


class TestNext:
    @pytest.mark.parametrize("target", [
        "/command/alerts", "/command/courts/川0104", "/command/drill?scope=川&figure=closed"])
    def test_kept_when_a_path_inside_the_centre(self, target):
        assert safe_next(target, "/command") == target

    @pytest.mark.parametrize("target", [
        None, "", "//evil.example/command/", "https://evil.example/command/",
        "/command//evil.example", "/commander", "/", "/zhongben", "/command/\\evil.example",
        "/command/\r\nSet-Cookie: x=1", "javascript:alert(1)", "/command/" + "a" * 600,
        " /command/alerts", "/command/../zhongben", "/command/%2e%2e/zhongben",
        "/command/alerts/%2E%2E/../admin", "/command/./../x"])
    def test_the_centres_home_when_it_would_leave_the_centre(self, target):
        assert safe_next(target, "/command") == "/command/"
