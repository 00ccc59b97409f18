"""我的案件 on the portal (issue 17): case number + access code open a short-lived session
sealed in an HttpOnly, SameSite=Strict cookie (never the code in clear); the page shows
the timeline, deadlines and the party's messages; a message needs the session's CSRF
value; a wrong code and an unknown case answer alike; too many wrong codes answer 429."""

from __future__ import annotations

import pytest

from zhixing.publicity.web.session import COOKIE, SESSION_SECONDS

from .portal_support import CODE, NUMBER, site

SIGN_IN = {"case_number": NUMBER, "access_code": CODE}


@pytest.fixture
def pages(tmp_path):
    built = site(tmp_path)
    yield built
    built.store.close()


def signed_in(pages) -> tuple[str, str]:
    """The session cookie (name=value) and the CSRF value of its page."""
    answer = pages.ask("POST", "/my-case", SIGN_IN)
    assert answer.status == 303 and answer.header("location") == "/my-case"
    cookie = answer.header("set-cookie").split(";")[0]
    html = pages.ask("GET", "/my-case", headers=(("cookie", cookie),)).text
    csrf = html.split('name="csrf" value="')[1].split('"')[0]
    return cookie, csrf


class TestOpening:
    def test_a_sealed_strict_httponly_cookie_without_the_code_when_the_code_is_right(self, pages):
        answer = pages.ask("POST", "/my-case", SIGN_IN)
        cookie = answer.header("set-cookie")
        assert answer.status == 303 and cookie.startswith(f"{COOKIE}=")
        for attribute in ("HttpOnly", "SameSite=Strict", "Path=/my-case",
                          f"Max-Age={SESSION_SECONDS}"):
            assert attribute in cookie
        assert CODE not in cookie and "Secure" not in cookie  # loopback: no TLS

    def test_the_timeline_deadlines_and_messages_are_shown_when_the_session_is_open(self, pages):
        cookie, _ = signed_in(pages)
        html = pages.ask("GET", "/my-case", headers=(("cookie", cookie),)).text
        for shown in (NUMBER, "分配承办", "团队电话 028-12345678", "5,000.00 元", "发出执行通知书",
                      "2026-03-12", "请问进展如何？", "正在查控财产。"):
            assert shown in html
        assert CODE not in html

    def test_the_same_answer_when_the_code_is_wrong_or_the_case_unknown(self, pages):
        wrong = pages.ask("POST", "/my-case", {**SIGN_IN, "access_code": "AAAA-BBBB-CCCC"})
        unknown = pages.ask("POST", "/my-case", {**SIGN_IN, "case_number": "(2026)川0104执8号"})
        assert wrong.status == unknown.status == 404
        assert wrong.text == unknown.text.replace("(2026)川0104执8号", NUMBER)
        assert "set-cookie" not in dict(wrong.headers) and "AAAA-BBBB-CCCC" not in wrong.text

    def test_429_with_retry_after_when_the_case_had_too_many_wrong_codes(self, pages):
        pages.parties.locked = True
        answer = pages.ask("POST", "/my-case", SIGN_IN)
        assert answer.status == 429 and answer.header("retry-after") == "600"
        assert "尝试次数过多" in answer.text and "10 分钟" in answer.text

    def test_the_sign_in_form_when_the_cookie_was_altered(self, pages):
        cookie, _ = signed_in(pages)
        name, value = cookie.split("=", 1)
        altered = f"{name}={value[:-6]}{'A' if value[-6] != 'A' else 'B'}{value[-5:]}"
        html = pages.ask("GET", "/my-case", headers=(("cookie", altered),)).text
        assert 'name="access_code"' in html and "分配承办" not in html

    def test_the_sign_in_form_when_the_session_has_expired(self, pages):
        cookie, _ = signed_in(pages)
        pages.clock.now += SESSION_SECONDS + 1
        html = pages.ask("GET", "/my-case", headers=(("cookie", cookie),)).text
        assert 'name="access_code"' in html and "分配承办" not in html

    def test_the_cookie_is_cleared_when_the_party_signs_out(self, pages):
        cookie, _ = signed_in(pages)
        answer = pages.ask("POST", "/my-case/exit", {}, headers=(("cookie", cookie),))
        assert answer.status == 303 and "Max-Age=0" in answer.header("set-cookie")

    def test_400_naming_the_bound_without_echo_when_the_code_is_overlong(self, pages):
        answer = pages.ask("POST", "/my-case", {**SIGN_IN, "access_code": "Z" * 33})
        assert answer.status == 400 and "查询码（access_code）" in answer.text
        assert "至多 32 个字符" in answer.text and "Z" * 33 not in answer.text
        assert pages.parties.calls == []


class TestMessages:
    def test_the_message_reaches_the_application_when_the_csrf_value_matches(self, pages):
        cookie, csrf = signed_in(pages)
        answer = pages.ask("POST", "/my-case/message", {"csrf": csrf, "text": "何时发放执行款？"},
                           headers=(("cookie", cookie),))
        assert answer.status == 303 and answer.header("location") == "/my-case?sent=1"
        assert pages.commands.calls == [("leave_message", NUMBER, CODE, "何时发放执行款？")]

    @pytest.mark.parametrize("csrf", ["", "forged"])
    def test_403_and_nothing_sent_when_the_csrf_value_is_missing_or_wrong(self, pages, csrf):
        cookie, _ = signed_in(pages)
        answer = pages.ask("POST", "/my-case/message", {"csrf": csrf, "text": "你好"},
                           headers=(("cookie", cookie),))
        assert answer.status == 403 and pages.commands.calls == []

    def test_401_and_nothing_sent_when_there_is_no_session(self, pages):
        answer = pages.ask("POST", "/my-case/message", {"csrf": "x", "text": "你好"})
        assert answer.status == 401 and pages.commands.calls == []

    def test_400_naming_the_bound_without_echo_when_the_message_is_overlong(self, pages):
        cookie, csrf = signed_in(pages)
        answer = pages.ask("POST", "/my-case/message", {"csrf": csrf, "text": "长" * 1001},
                           headers=(("cookie", cookie),))
        assert answer.status == 400 and "至多 1000 个字符" in answer.text
        assert "长" * 1001 not in answer.text and pages.commands.calls == []
