"""The portal's own budgets per client (issue 17: abuse resistance without captchas):
综合查询, the pages and the forms each run out on their own, answered 429 with a
Chinese page and Retry-After; the budget comes back with time (the clock is driven)."""

from __future__ import annotations

import pytest

from zhixing.publicity.web.limits import (
    Budget,
    BudgetLimiter,
    PortalLimiter,
    PortalLimits,
    client_of,
)

from .portal_support import CODE, NUMBER, PERSON_ID, site

SEARCH = {"name": "张三丰", "identity_number": PERSON_ID}


@pytest.fixture
def pages(tmp_path):
    built = site(tmp_path)
    yield built
    built.store.close()


class TestPortalBudgets:
    def test_429_in_chinese_with_retry_after_when_the_eleventh_search_comes_in_a_minute(self,
                                                                                   pages):
        assert all(pages.ask("POST", "/search", SEARCH).status == 200 for _ in range(10))
        refused = pages.ask("POST", "/search", SEARCH)
        assert refused.status == 429 and refused.header("retry-after") == "6"
        assert "综合查询过于频繁" in refused.text and '<html lang="zh-CN">' in refused.text
        assert len(pages.search.calls) == 10

    def test_the_search_is_answered_again_when_its_wait_has_passed(self, pages):
        for _ in range(11):
            pages.ask("POST", "/search", SEARCH)
        pages.clock.now += 6
        assert pages.ask("POST", "/search", SEARCH).status == 200

    def test_the_lists_are_still_served_when_the_search_budget_is_spent(self, pages):
        for _ in range(11):
            pages.ask("POST", "/search", SEARCH)
        assert pages.ask("GET", "/dishonest").status == 200

    def test_429_when_a_scraper_asks_for_a_61st_page_in_a_minute(self, pages):
        assert all(pages.ask("GET", "/dishonest").status == 200 for _ in range(60))
        refused = pages.ask("GET", "/dishonest?page=next")
        assert refused.status == 429 and refused.header("retry-after") == "1"

    def test_429_when_a_sixth_form_is_sent_in_ten_minutes(self, pages):
        sign_in = {"case_number": NUMBER, "access_code": "AAAA-BBBB-CCCC"}
        assert all(pages.ask("POST", "/my-case", sign_in).status == 404 for _ in range(5))
        refused = pages.ask("POST", "/my-case", {**sign_in, "access_code": CODE})
        assert refused.status == 429 and refused.header("retry-after") == "120"
        assert len(pages.parties.calls) == 5

    def test_reading_my_case_does_not_spend_the_forms_budget(self, pages):
        for _ in range(6):
            assert pages.ask("GET", "/my-case").status == 200


class TestBudgetLimiter:
    def test_each_client_has_its_own_bucket(self):
        limiter = PortalLimiter(PortalLimits(search=Budget(1, 60.0)), clock=lambda: 0.0)
        assert limiter.admit("a", "POST", "/search") == ("search", 0)
        assert limiter.admit("b", "POST", "/search") == ("search", 0)
        assert limiter.admit("a", "POST", "/search") == ("search", 60)

    def test_memory_stays_bounded_when_many_clients_ask(self):
        limiter = BudgetLimiter(Budget(1, 60.0), max_clients=100, clock=lambda: 0.0)
        for client in range(1000):
            limiter.admit(str(client))
        assert len(limiter._buckets) == 100

    @pytest.mark.parametrize(("count", "window"), [(0, 60.0), (1, 0.0)])
    def test_a_budget_without_room_is_refused(self, count, window):
        with pytest.raises(ValueError, match="count must be at least 1"):
            Budget(count, window)

    def test_the_style_sheet_spends_no_budget(self, pages):
        for _ in range(61):
            assert pages.ask("GET", "/static/portal.css").status == 200
        assert pages.ask("GET", "/").status == 200


class TestSettings:
    def test_the_budgets_are_read_when_the_setting_names_them(self):
        limits = PortalLimits.parse("search=3/60, forms=1/600")
        assert (limits.search, limits.pages, limits.forms) == (
            Budget(3, 60.0), PortalLimits().pages, Budget(1, 600.0))

    @pytest.mark.parametrize("text", ["search=ten/60", "lists=1/60", "search=1"])
    def test_refused_naming_the_setting_and_its_form_when_malformed(self, text):
        with pytest.raises(ValueError, match=r"ZHIXING_PORTAL_LIMITS: .* kind=count/seconds"):
            PortalLimits.parse(text)

    def test_the_forwarded_client_is_kept_apart_when_the_peer_is_a_trusted_proxy(self):
        trusted = frozenset({"10.0.0.1"})
        assert client_of("10.0.0.1", "203.0.113.9, 10.0.0.1", trusted) == "203.0.113.9"
        assert client_of("10.0.0.1", "1.1.1.1, 203.0.113.9", trusted) == "203.0.113.9"

    def test_a_forwarded_header_is_ignored_when_the_peer_is_not_trusted(self):
        assert client_of("198.51.100.7", "203.0.113.9", frozenset({"10.0.0.1"})) == "198.51.100.7"
