"""综合查询 on the portal: the ID number travels in the POST body, never in an address;
the answer shows it masked (R60); the form never shows a typed number again, nor a long
input (found by the e2e personal-data scanner, issue 12; issue 17's portal)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from .portal_support import LEGAL_REP_ID, MASKED, NUMBER, PERSON_ID, restricted_entry, site

FORM = {"name": "张三丰", "identity_number": PERSON_ID}


@pytest.fixture
def pages(tmp_path):
    built = site(tmp_path)
    yield built
    built.store.close()


class TestSearch:
    def test_the_standing_is_shown_with_the_number_masked_when_name_and_number_match(self, pages):
        answer = pages.ask("POST", "/search", FORM)
        assert answer.status == 200 and NUMBER in answer.text and MASKED in answer.text
        assert PERSON_ID not in answer.text
        assert pages.search.calls == [("search", "张三丰", PERSON_ID)]

    def test_every_list_of_the_standing_is_shown_when_the_identity_is_on_them(self, pages):
        html = pages.ask("POST", "/search", FORM).text
        for heading in ("失信被执行人（1）", "限制消费（1）", "终本案件（1）", "执行中的案件（0）"):
            assert heading in html
        assert "法定代表人：李四" in html

    def test_a_legal_representatives_number_is_masked_when_it_came_unmasked(self, pages):
        """The read models mask before storing; the page masks again all the same."""
        entry = restricted_entry()
        person = replace(entry.persons[0], identity=LEGAL_REP_ID)
        pages.search.standing = replace(pages.search.standing,
                                        restricted=[replace(entry, persons=[person])])
        html = pages.ask("POST", "/search", FORM).text
        assert LEGAL_REP_ID not in html and "110105********002X" in html

    def test_a_get_never_searches_when_the_number_is_put_in_the_address(self, pages):
        answer = pages.ask("GET", f"/search?name=张三丰&identity_number={PERSON_ID}")
        assert answer.status == 200 and pages.search.calls == [] and PERSON_ID not in answer.text

    def test_the_forms_post_their_number_in_the_body_when_the_page_is_read(self, pages):
        for path in ("/", "/search"):
            html = pages.ask("GET", path).text
            assert 'method="post" action="/search"' in html and "get\" action=\"/search" not in html


class TestSearchRefusals:
    def test_400_naming_the_field_and_r60_without_echo_when_the_number_is_malformed(self, pages):
        answer = pages.ask("POST", "/search", {"name": "张三丰", "identity_number": "A1234567890"})
        assert answer.status == 400
        assert "身份证号码或统一社会信用代码（identity_number）" in answer.text and "R60" in answer.text
        assert "A1234567890" not in answer.text

    def test_the_number_is_never_refilled_when_the_form_is_refused(self, pages):
        answer = pages.ask("POST", "/search", {"name": "", "identity_number": PERSON_ID})
        assert answer.status == 400 and "必填" in answer.text and PERSON_ID not in answer.text

    def test_400_naming_the_bound_without_echo_when_the_name_is_overlong(self, pages):
        answer = pages.ask("POST", "/search", {"name": "x" * 201, "identity_number": PERSON_ID})
        assert answer.status == 400 and "至多 200 个字符" in answer.text
        assert "x" * 201 not in answer.text and pages.search.calls == []

    def test_400_naming_the_bound_when_the_number_is_overlong(self, pages):
        answer = pages.ask("POST", "/search", {"name": "张三丰", "identity_number": "1" * 33})
        assert answer.status == 400 and "至多 32 个字符" in answer.text and "1" * 33 not in answer.text

    def test_403_when_the_search_is_posted_from_another_site(self, pages):
        answer = pages.ask("POST", "/search", FORM, headers=(("origin", "https://evil.example"),
                                                              ("host", "portal.example")))
        assert answer.status == 403 and "Origin" in answer.text and pages.search.calls == []

    def test_403_when_the_browser_says_the_post_is_cross_site(self, pages):
        answer = pages.ask("POST", "/search", FORM, headers=(("sec-fetch-site", "cross-site"),))
        assert answer.status == 403 and pages.search.calls == []

    def test_the_search_is_answered_when_a_browser_sends_a_null_origin_from_this_site(
            self, pages):
        """Chromium under Referrer-Policy: no-referrer posts its own forms with Origin null."""
        answer = pages.ask("POST", "/search", FORM, headers=(("origin", "null"),
                                                              ("sec-fetch-site", "same-origin")))
        assert answer.status == 200

    def test_403_when_a_null_origin_comes_without_the_browsers_same_origin_word(self, pages):
        answer = pages.ask("POST", "/search", FORM, headers=(("origin", "null"),))
        assert answer.status == 403 and pages.search.calls == []

    def test_the_search_is_answered_when_the_origin_is_this_site(self, pages):
        answer = pages.ask("POST", "/search", FORM, headers=(("origin", "http://portal.example"),
                                                              ("host", "portal.example"),
                                                              ("sec-fetch-site", "same-origin")))
        assert answer.status == 200
