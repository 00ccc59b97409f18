"""The command centre's pages (issue 16) as each role reads them: served by the suite's
HTTP server and the real ASGI app against the real supervision service in process, with
three cases fed (two of 川0104, one with an overdue node and its alert; one of 渝0103).
What a page shows is what the servicer lets the caller see (R39, R46): a president of
川0104 sees its court, a congress deputy aggregates only, a procurator only the cases its
matters name, a court of 渝 nothing of 川. Every figure is formatted and no page shows an
18-digit ID."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from .api_support import ELSEWHERE, NAMED, UNNAMED, Supervision
from .web_pages_kit import BANK, REGISTRY, RESIDENT_ID, Pages, feed_board, links
from .web_support import Answer, Centre, centre_served

PERIOD = "from=2026-01&to=2026-03"
FORMATTED = re.compile(r"—|[\d,]+|\d[\d,]*\.\d%|¥[\d,]+\.\d\d|[\d,]+(\.\d)? 天")
"""A figure as a leader reads it: a count, a percent with one decimal, ¥, days, or —."""


@pytest.fixture(name="web")
def web_fixture(tmp_path) -> Iterator[Centre]:
    with centre_served(tmp_path) as web:
        yield web


@pytest.fixture(name="served")
def served_fixture(web: Centre) -> Supervision:
    return web.supervision


@pytest.fixture(name="centre")
def centre_fixture(web: Centre) -> Pages:
    return Pages(web)


def figures_of(page: Answer) -> list[str]:
    """The text of every figure cell (linked or not)."""
    cells = re.findall(r'<td class="num">(.*?)</td>', page.text)
    return [re.sub(r"<[^>]+>", "", cell) for cell in cells]


class TestPresidentOfTheCourt:
    def test_the_court_page_shows_its_figures_when_a_president_of_it_reads_it(self, centre,
                                                                              served):
        served.drain()
        page = centre.get(f"/courts/{quote('川0104')}?{PERIOD}")
        assert page.status == 200 and "逐月执行质效" in page.text
        assert "2026-01" in page.text and "执行一组" in page.text  # the overdue node's team

    def test_each_figure_links_to_its_cases_when_staff_read_the_region(self, centre):
        page = centre.get(f"/?{PERIOD}")
        drills = links(page, "/drill?")
        assert page.status == 200 and drills
        assert any("figure=received" in d and "scope=%E5%B7%9D0104" in d for d in drills)
        assert page.text.count('<td class="num"><a href=') == page.text.count('<td class="num">')

    def test_a_drill_lists_the_cases_behind_the_figure_when_followed(self, centre):
        page = centre.get(f"/drill?scope={quote('川0104')}&figure=received&{PERIOD}")
        assert page.status == 200 and NAMED[1] in page.text and UNNAMED[1] in page.text
        assert f"/command/cases/{UNNAMED[0]}" in page.text

    def test_the_case_file_shows_its_alert_when_a_case_is_opened(self, centre, served):
        served.drain()
        page = centre.get(f"/cases/{UNNAMED[0]}")
        assert page.status == 200 and UNNAMED[1] in page.text and "节点超期" in page.text
        # the node in words, and the timeline GetAlert gives: raised by the service
        assert "发出执行通知书" in page.text and "预警（系统）" in page.text

    def test_the_board_lists_the_oldest_wait_expiring_measure_and_fund_when_there_are_some(
            self, centre, served):
        feed_board(served)
        page = centre.get(f"/courts/{quote('川0104')}?{PERIOD}")
        waits = page.text.split("最久未答复的协助请求")[1].split("</table>")[0]
        expiring = page.text.split("到期的控制措施")[1].split("</table>")[0]
        assert REGISTRY in waits and "28 天" in waits and BANK not in waits  # answered
        assert "冻结" in expiring and "2026-03-09" in expiring and "5 个工作日" in expiring
        funds = page.text.split("司法救助资金")[1].split("</table>")[0]
        assert "¥1,234,567.89" in funds and "2026" in funds

    def test_a_narrower_window_leaves_the_measure_out_when_it_expires_later(self, centre, served):
        feed_board(served)
        page = centre.get(f"/courts/{quote('川0104')}?within=3&{PERIOD}")
        expiring = page.text.split("到期的控制措施")[1].split("</table>")[0]
        assert page.status == 200 and "2026-03-09" not in expiring

    def test_a_bad_window_is_refused_naming_the_field_when_out_of_bounds(self, centre):
        page = centre.get(f"/courts/{quote('川0104')}?within=61")
        assert page.status == 400 and "within" in page.text and "60" in page.text


class TestCongress:
    def test_the_region_shows_aggregates_without_case_links_when_congress_reads_it(self, centre):
        page = centre.get(f"/?{PERIOD}", role="congress", court="川")
        assert page.status == 200 and "川0104" in page.text
        assert links(page, "/drill") == [] and links(page, "/cases/") == []

    def test_a_court_shows_its_figures_without_the_board_when_congress_reads_it(self, centre):
        page = centre.get(f"/courts/{quote('川0104')}?{PERIOD}", role="congress", court="川")
        assert page.status == 200 and "逐月执行质效" in page.text
        assert "按执行团队" not in page.text and links(page, "/drill") == []

    def test_a_case_file_is_refused_citing_r46_when_congress_asks(self, centre):
        page = centre.get(f"/cases/{NAMED[0]}", role="congress", court="川")
        assert page.status == 403 and "R46" in page.text and NAMED[1] not in page.text

    def test_a_drill_is_refused_citing_r46_when_congress_asks(self, centre):
        page = centre.get(f"/drill?scope={quote('川0104')}&figure=received&{PERIOD}",
                          role="congress", court="川")
        assert page.status == 403 and "R46" in page.text and NAMED[1] not in page.text

    def test_agencies_are_ranked_most_overdue_first_when_congress_reads_them(self, centre,
                                                                           served):
        feed_board(served)
        page = centre.get(f"/agencies?{PERIOD}", role="congress", court="川")
        table = page.text.split("按超期数排序")[1]
        assert page.status == 200 and table.index(REGISTRY) < table.index(BANK)
        assert "100.0%" in table and "3 天" in table and links(page, "/cases/") == []


class TestProcurator:
    def test_a_drill_lists_only_the_cases_its_matters_name_when_a_procurator_asks(
            self, centre, served):
        served.receive_matter(NAMED)
        page = centre.get(f"/drill?scope={quote('川0104')}&figure=received&{PERIOD}",
                          role="procurator", court="川0104")
        assert page.status == 200 and NAMED[1] in page.text and UNNAMED[1] not in page.text


class TestAnotherProvince:
    def test_the_court_page_of_chuan_is_refused_when_a_court_of_yu_asks(self, centre):
        page = centre.get(f"/courts/{quote('川0104')}?{PERIOD}", court="渝0103")
        assert page.status == 403 and NAMED[1] not in page.text

    def test_the_region_shows_nothing_of_chuan_when_a_court_of_yu_reads_it(self, centre):
        page = centre.get(f"/?{PERIOD}", court="渝0103")
        assert page.status == 200 and "渝0103" in page.text and "川0104" not in page.text

    def test_the_region_of_chuan_is_refused_when_a_court_of_yu_names_it(self, centre):
        page = centre.get(f"/?region={quote('川')}&{PERIOD}", court="渝0103")
        assert page.status == 403 and "川0104" not in page.text

    def test_a_case_of_chuan_is_not_found_when_a_court_of_yu_opens_it(self, centre):
        page = centre.get(f"/cases/{NAMED[0]}", court="渝0103")
        assert page.status in (403, 404) and NAMED[1] not in page.text


class TestEveryPage:
    PAGES = (f"/?{PERIOD}", f"/courts/{quote('川0104')}?{PERIOD}", f"/agencies?{PERIOD}",
             f"/drill?scope={quote('川0104')}&figure=received&{PERIOD}",
             f"/drill?scope=region%3A%E5%B7%9D&figure=overdue_nodes&{PERIOD}",
             f"/cases/{UNNAMED[0]}", f"/cases/{NAMED[0]}")

    def test_every_figure_is_formatted_when_the_figures_pages_are_read(self, centre, served):
        feed_board(served)
        for path in self.PAGES[:3]:
            cells = figures_of(centre.get(path))
            assert cells, path
            assert [c for c in cells if not FORMATTED.fullmatch(c)] == [], path

    def test_no_page_shows_a_resident_id_when_any_role_reads_it(self, centre, served):
        feed_board(served)  # the inquiry event carries the debtor's ID number
        served.drain()
        viewers = (("president", "川0104"), ("supervisor", "川"), ("congress", "川"),
                   ("procurator", "川0104"), ("president", "渝0103"))
        for role, court in viewers:
            for path in self.PAGES:
                page = centre.get(path, role=role, court=court)
                assert page.status < 500, (role, path, page.status)
                assert not RESIDENT_ID.search(page.text), (role, path)

    def test_no_page_has_inline_style_or_script_when_rendered(self, centre):
        for path in self.PAGES:
            text = centre.get(path).text
            assert " style=" not in text and "<style" not in text
            assert not re.search(r"<script(?![^>]*\bsrc=)", text), path

    def test_the_other_province_case_is_absent_when_chuan_lists_cases(self, centre):
        page = centre.get(f"/drill?scope=region%3A%E5%B7%9D&figure=received&{PERIOD}",
                          role="supervisor", court="川")
        assert page.status == 200 and ELSEWHERE[1] not in page.text
