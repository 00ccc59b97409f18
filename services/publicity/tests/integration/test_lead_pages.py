"""Leads on the portal (issue 17): the form for a published entry, the reference once it
is reported, the status by reference (never the lead's text); bounded fields refused
naming field and bound, without echo."""

from __future__ import annotations

import pytest

from zhixing.publicity.domain.lead import PROPERTY_KINDS, SOURCES

from .portal_support import NUMBER, site

LEAD = {"source": "listing", "id": "L1", "property_kind": "vehicle",
        "text": "被执行人名下车辆停放于某小区地下车库", "contact": "13800000000"}


@pytest.fixture
def pages(tmp_path):
    built = site(tmp_path)
    yield built
    built.store.close()


class TestLeadForm:
    def test_the_form_names_the_case_when_the_entry_is_published(self, pages):
        answer = pages.ask("GET", "/leads/new?source=listing&id=L1")
        assert answer.status == 200 and NUMBER in answer.text
        assert 'name="text"' in answer.text and 'method="post" action="/leads/new"' in answer.text

    def test_404_when_the_entry_is_not_published(self, pages):
        assert pages.ask("GET", "/leads/new?source=listing&id=L9").status == 404

    def test_400_naming_the_sources_when_the_source_is_unknown(self, pages):
        answer = pages.ask("GET", "/leads/new?source=cases&id=L1")
        assert answer.status == 400 and "线索来源（source）" in answer.text

    def test_the_reference_is_shown_and_the_lead_reported_when_the_form_is_sent(self, pages):
        answer = pages.ask("POST", "/leads/new", LEAD)
        assert answer.status == 200 and "XS-7K3M-Q9TP" in answer.text
        assert pages.commands.calls == [("report_lead", "listing", "L1", "vehicle",
                                         LEAD["text"], LEAD["contact"])]
        assert LEAD["text"] not in answer.text and LEAD["contact"] not in answer.text

    def test_400_naming_the_bound_without_echo_when_the_text_is_overlong(self, pages):
        answer = pages.ask("POST", "/leads/new", {**LEAD, "text": "车" * 2001})
        assert answer.status == 400 and "内容（text）：至多 2000 个字符" in answer.text
        assert "车" * 2001 not in answer.text and pages.commands.calls == []

    def test_400_when_the_property_kind_is_not_one_offered(self, pages):
        answer = pages.ask("POST", "/leads/new", {**LEAD, "property_kind": "yacht"})
        assert answer.status == 400 and "财产类型（property_kind）" in answer.text
        assert pages.commands.calls == []

    def test_413_when_the_form_is_over_its_size(self, pages):
        answer = pages.ask("POST", "/leads/new", {**LEAD, "text": "x" * 40_000})
        assert answer.status == 413 and pages.commands.calls == []


class TestLeadStatus:
    def test_the_status_without_the_text_when_the_reference_is_known(self, pages):
        answer = pages.ask("GET", "/leads/status?reference=xs-7k3m-q9tp")
        assert answer.status == 200 and "核查中" in answer.text and "2026-05-08" in answer.text

    def test_404_when_the_reference_is_unknown(self, pages):
        assert pages.ask("GET", "/leads/status?reference=XS-0000-0000").status == 404


class TestLeadTargets:
    def test_every_list_links_its_entries_to_the_form_with_a_source_the_domain_takes(
            self, pages):
        links = {"/dishonest": "source=listing&amp;id=L1",
                 "/restricted": "source=restriction&amp;id=R1",
                 "/zhongben": "source=zhongben&amp;id=%282026%29%E5%B7%9D0104%E6%89%A77%E5%8F%B7",
                 "/rewards/N1": "source=reward&amp;id=N1"}
        for path, link in links.items():
            assert link in pages.ask("GET", path).text, path
            assert link.split("source=")[1].split("&")[0] in SOURCES

    def test_the_form_offers_exactly_the_domains_property_kinds(self, pages):
        html = pages.ask("GET", "/leads/new?source=listing&id=L1").text
        assert html.count("<option ") == len(PROPERTY_KINDS)
        for kind in PROPERTY_KINDS:
            assert f'<option value="{kind}">' in html
