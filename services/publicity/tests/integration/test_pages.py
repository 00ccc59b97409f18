"""The public web pages: masked (R60), escaped, and 404 for unknown cases."""

from __future__ import annotations

import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.cases.v1 import CaseFiled, PartyV1
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.application.queries import CaseProgressQueries
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.web.pages import PublicPages

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
"""Seals the personal data these read models keep (R60)."""


FULL_ID = "51010419980312123X"


@pytest.fixture
def pages(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    CaseProgressProjection.migrate(store)
    filed = CaseFiled(
        case_id="c1", case_number="(2026)川0104执7号", court_code="川0104", case_type="执",
        filed_on="2026-03-02", basis_kind="judgment", basis_document_number="x",
        claim_total_fen=100,
        parties=[PartyV1(role="applicant", kind="natural_person", name="张三丰",
                         identity_number=FULL_ID),
                 PartyV1(role="respondent", kind="organisation", name="某<b>公司</b>",
                         identity_number="91510104MA6CQ1W2EW")])
    event = CloudEvent(id="e1", source="s", type=filed.event_type, time="2026-03-02T00:00:00Z",
                       subject="c1", court="川0104", region="chengdu", sequence=1, position=1,
                       data=filed.model_dump(mode="json"))
    with store.transaction() as cur:
        CaseProgressProjection(CIPHER).handle(event, cur)
    yield PublicPages(CaseProgressQueries(store, CIPHER))
    store.close()


def get(app, path: str, query: str = "") -> tuple[str, str]:
    seen: dict[str, str] = {}

    def start_response(status, headers):
        seen["status"] = status

    body = b"".join(app({"PATH_INFO": path, "QUERY_STRING": query}, start_response))
    return seen["status"], body.decode()


class TestCasePage:
    def test_person_masked_and_full_id_never_shown_when_a_case_is_looked_up(self, pages):
        status, html = get(pages, "/cases", "number=(2026)川0104执7号")
        assert status.startswith("200")
        assert "510104********123X" in html and "张**" in html
        assert FULL_ID not in html and "张三丰" not in html

    def test_names_are_escaped_when_they_contain_markup(self, pages):
        _, html = get(pages, "/cases", "number=(2026)川0104执7号")
        assert "某&lt;b&gt;公司&lt;/b&gt;" in html and "<b>公司" not in html

    def test_404_naming_the_number_when_the_case_is_unknown(self, pages):
        status, html = get(pages, "/cases", "number=(2026)川0104执9999号")
        assert status.startswith("404") and "(2026)川0104执9999号" in html

    def test_400_without_repeating_the_text_when_it_is_no_case_number(self, pages):
        """R60: an ID number pasted into the box must not come back on the page."""
        for text in ("<script>", "110101199003071234"):
            status, html = get(pages, "/cases", f"number={text}")
            assert status.startswith("400") and text not in html and "<script>" not in html

    def test_400_without_repeating_the_id_when_it_stands_as_the_serial(self, pages):
        """Issue 12 item 4: a well-formed number around an ID number was a 404 quoting it."""
        status, html = get(pages, "/cases", "number=(2026)川0104执110101199003071234号")
        assert status.startswith("400") and "110101199003071234" not in html

    def test_400_when_the_serial_has_thousands_of_digits(self, pages):
        status, html = get(pages, "/cases", f"number=(2026)川0104执{'1' * 5000}号")
        assert status.startswith("400") and "1111111111" not in html


class TestIndexPage:
    def test_the_case_is_listed_when_it_is_published(self, pages):
        status, html = get(pages, "/")
        assert status.startswith("200") and "(2026)川0104执7号" in html
