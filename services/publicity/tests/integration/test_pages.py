"""The portal's public pages (issue 17): case progress masked (R60) and escaped, the
public lists paged forward per court within the Portal's limits, the figures, typical
cases and reward notices; every page zh-CN, accessible and without script or inline
style (a strict CSP)."""

from __future__ import annotations

import re

import pytest

from zhixing.publicity.web.shell import STATIC, TEMPLATES

from .portal_support import BEYOND, MASKED, NUMBER, PERSON_ID, site


@pytest.fixture
def pages(tmp_path):
    built = site(tmp_path)
    yield built
    built.store.close()


class TestCasePage:
    def test_person_masked_and_full_id_never_shown_when_a_case_is_looked_up(self, pages):
        answer = pages.ask("GET", f"/cases?number={NUMBER}")
        assert answer.status == 200
        assert MASKED in answer.text and "张**" in answer.text
        assert PERSON_ID not in answer.text and "张三丰" not in answer.text

    def test_names_are_escaped_when_they_contain_markup(self, pages):
        html = pages.ask("GET", f"/cases?number={NUMBER}").text
        assert "某&lt;b&gt;公司&lt;/b&gt;" in html and "<b>公司" not in html

    def test_404_when_the_case_is_unknown(self, pages):
        answer = pages.ask("GET", "/cases?number=(2026)川0104执9999号")
        assert answer.status == 404 and "未找到" in answer.text

    @pytest.mark.parametrize("text", ["<script>", "110101199003071234",
                                      "(2026)川0104执110101199003071234号"])
    def test_400_without_repeating_the_text_when_it_is_no_case_number(self, pages, text):
        """R60: an ID number pasted into the box must not come back on the page."""
        answer = pages.ask("GET", f"/cases?number={text}")
        assert answer.status == 400 and "案号" in answer.text
        assert text not in answer.text and "110101199003071234" not in answer.text

    def test_400_naming_the_bound_when_the_number_is_thousands_of_characters(self, pages):
        answer = pages.ask("GET", f"/cases?number=(2026)川0104执{'1' * 5000}号")
        assert answer.status == 400 and "至多 64 个字符" in answer.text
        assert "1111111111" not in answer.text

    def test_the_form_alone_when_no_number_is_given(self, pages):
        answer = pages.ask("GET", "/cases")
        assert answer.status == 200 and 'name="number"' in answer.text


class TestLists:
    @pytest.mark.parametrize("kind", ["dishonest", "restricted", "zhongben"])
    def test_one_page_of_the_portals_size_and_a_next_link_when_a_list_is_opened(self, pages,
                                                                               kind):
        answer = pages.ask("GET", f"/{kind}?court=川0104")
        assert answer.status == 200 and NUMBER in answer.text
        assert (kind, "川0104", 20, "") in pages.search.calls
        assert 'href="/' + kind + '?court=%E5%B7%9D0104&amp;page=next"' in answer.text

    def test_the_token_is_passed_on_and_no_next_link_when_the_last_page_is_shown(self, pages):
        answer = pages.ask("GET", "/dishonest?page=next")
        assert answer.status == 200 and ("dishonest", "", 20, "next") in pages.search.calls
        assert "下一页" not in answer.text and "第一页" in answer.text

    def test_400_naming_the_page_limit_and_r61_when_the_token_is_beyond_it(self, pages):
        answer = pages.ask("GET", f"/zhongben?page={BEYOND}")
        assert answer.status == 400 and "翻页（page_token）" in answer.text and "R61" in answer.text

    def test_400_naming_the_court_and_r39_without_echo_when_the_court_is_malformed(self, pages):
        answer = pages.ask("GET", "/restricted?court=510104199803121239")
        assert answer.status == 400 and "法院代码（court）" in answer.text and "R39" in answer.text
        assert "510104199803121239" not in answer.text

    def test_400_naming_the_bound_when_the_token_is_overlong(self, pages):
        answer = pages.ask("GET", "/dishonest?page=" + "a" * 65)
        assert answer.status == 400 and "至多 64 个字符" in answer.text and "a" * 65 not in answer.text

    def test_the_persons_bound_by_an_organisations_restriction_are_listed_r14(self, pages):
        html = pages.ask("GET", "/restricted").text
        assert "成都某某贸易有限公司" in html and "法定代表人：李四" in html
        assert "110105********002X" in html

    def test_a_lead_can_be_reported_from_each_entry_when_a_list_is_shown(self, pages):
        html = pages.ask("GET", "/dishonest").text
        assert 'href="/leads/new?source=listing&amp;id=L1"' in html

    def test_the_unpaid_amount_in_yuan_when_the_zhongben_list_is_shown_r19(self, pages):
        assert "12,345.67 元" in pages.ask("GET", "/zhongben").text


class TestFiguresAndNotices:
    def test_figures_per_court_and_region_when_the_statistics_are_opened(self, pages):
        answer = pages.ask("GET", "/stats?scope=川")
        assert answer.status == 200 and "四川省" in answer.text and "成都市锦江区人民法院" in answer.text
        assert ("statistics", "川") in pages.search.calls

    def test_the_home_page_sums_the_courts_figures_and_offers_the_search(self, pages):
        html = pages.ask("GET", "/").text
        assert 'method="post" action="/search"' in html and "失信被执行人（在列）" in html

    def test_a_published_typical_case_is_listed_and_read(self, pages):
        assert 'href="/typical/T1"' in pages.ask("GET", "/typical").text
        html = pages.ask("GET", "/typical/T1").text
        assert "张某拒不履行案" in html and "<p>第二段</p>" in html

    def test_404_when_a_typical_case_is_not_published(self, pages):
        assert pages.ask("GET", "/typical/T2").status == 404

    def test_a_reward_notice_shows_the_debtor_masked_when_opened_r60(self, pages):
        html = pages.ask("GET", "/rewards/N1").text
        assert MASKED in html and PERSON_ID not in html and "12,345.67 元" in html
        assert 'href="/leads/new?source=reward&amp;id=N1"' in html
        assert 'href="/rewards/N1"' in pages.ask("GET", "/rewards").text


ALL_PAGES = ["/", "/search", "/dishonest", "/restricted", "/zhongben", "/cases",
             f"/cases?number={NUMBER}", "/stats", "/typical", "/typical/T1", "/rewards",
             "/rewards/N1", "/leads/new?source=listing&id=L1", "/leads/status", "/my-case",
             "/nowhere"]


class TestEveryPage:
    @pytest.mark.parametrize("path", ALL_PAGES)
    def test_zh_cn_with_a_skip_link_a_main_and_one_h1_when_any_page_is_shown(self, pages, path):
        html = pages.ask("GET", path).text
        assert '<html lang="zh-CN">' in html and 'href="#main"' in html and 'id="main"' in html
        assert html.count("<h1") == 1 and 'name="viewport"' in html

    @pytest.mark.parametrize("path", ALL_PAGES)
    def test_the_strict_policy_and_no_store_when_any_page_is_answered(self, pages, path):
        answer = pages.ask("GET", path)
        policy = answer.header("content-security-policy")
        assert "default-src 'none'" in policy and "style-src 'self'" in policy
        assert "script-src" not in policy and "unsafe-inline" not in policy
        assert answer.header("cache-control") == "no-store"

    @pytest.mark.parametrize("path", ALL_PAGES)
    def test_every_input_has_its_label_when_a_page_has_a_form(self, pages, path):
        html = pages.ask("GET", path).text
        visible = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*>', html)
        for field in visible:
            ident = re.search(r'id="([^"]+)"', field)
            assert ident and f'for="{ident.group(1)}"' in html, field

    def test_no_template_has_a_script_or_an_inline_style(self):
        for template in TEMPLATES.glob("*.html"):
            text = template.read_text()
            assert "<script" not in text and "style=" not in text and "<style" not in text, \
                template.name

    def test_the_style_sheet_is_served_with_a_long_cache_when_asked_for(self, pages):
        answer = pages.ask("GET", "/static/portal.css")
        assert answer.status == 200 and "immutable" in answer.header("cache-control")
        assert (STATIC / "portal.css").read_bytes() == answer.body

    def test_keyboard_focus_is_visible_in_the_style_sheet(self):
        css = (STATIC / "portal.css").read_text()
        assert ":focus-visible" in css and "outline: 3px" in css
