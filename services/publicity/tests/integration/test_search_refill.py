"""The dishonest list's search form shows the visitor's words again, but never a
personal number typed into it (R60; found by the e2e personal-data scanner, issue 12)."""

from __future__ import annotations

import pytest

from zhixing.cases.demo import resident_id
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.application.queries import CaseProgressQueries, DishonestQueries
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.dishonest_list import DishonestListProjection
from zhixing.publicity.web.pages import REFILL_CHARS, PublicPages

PERSON = resident_id("510104", "19800101", "123")
CIPHER = FieldCipher(KeyRing.from_text(new_key()))
"""Seals the personal data these read models keep (R60)."""


@pytest.fixture
def pages(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    CaseProgressProjection.migrate(store)
    DishonestListProjection.migrate(store)
    yield PublicPages(CaseProgressQueries(store, CIPHER),
                      dishonest=DishonestQueries(store, CIPHER))
    store.close()


def page(pages: PublicPages, query: str) -> str:
    body = b"".join(pages({"PATH_INFO": "/dishonest", "QUERY_STRING": query},
                          lambda status, headers: None))
    return body.decode()


class TestSearchRefill:
    @pytest.mark.parametrize("field", ["name", "court"])
    def test_a_resident_id_is_not_shown_again_when_typed_into_a_search_field(self, pages, field):
        assert PERSON not in page(pages, f"{field}={PERSON}")

    def test_the_visitors_words_are_shown_again_when_they_are_a_name(self, pages):
        assert 'value="成都锦城建设有限公司"' in page(pages, "name=成都锦城建设有限公司")

    def test_the_court_code_is_shown_again_when_it_is_one(self, pages):
        assert 'value="川0104"' in page(pages, "court=川0104")

    def test_an_overlong_text_is_not_shown_again_when_typed_into_a_search_field(self, pages):
        assert "x" * (REFILL_CHARS + 1) not in page(pages, "name=" + "x" * (REFILL_CHARS + 1))
