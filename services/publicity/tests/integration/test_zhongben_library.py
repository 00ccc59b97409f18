"""终本案件库 (R19): listed from 终本 until resumed or closed (R61), debtors masked (R60)."""

from __future__ import annotations

import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import CaseConcluded, CaseResumed, PartyV1
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.application.queries import ZhongbenQueries
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.zhongben_library import ZhongbenLibraryProjection

from .portal_support import page_of

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
"""Seals the personal data these read models keep (R60)."""


NUMBER = "(2026)川0104执7号"
HEAD = {"case_id": "c1", "case_number": NUMBER, "court_code": "川0104"}
PERSON_ID = "51010419980312123X"
CONCLUDED = CaseConcluded(
    **HEAD, concluded_on="2026-07-01", unpaid_fen=12_345_67, requery_dates=["2027-01-04"],
    respondents=[PartyV1(role="respondent", kind="natural_person", name="张三丰",
                         identity_number=PERSON_ID)])
RESUMED = CaseResumed(**HEAD, resumed_on="2027-01-05", new_case_id="c2",
                      new_case_number="(2027)川0104执恢1号", reason="applicant_request")


@pytest.fixture
def library(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    ZhongbenLibraryProjection.migrate(store)
    CaseProgressProjection.migrate(store)
    projection = ZhongbenLibraryProjection(CIPHER)

    def feed(*events: IntegrationEvent) -> ZhongbenQueries:
        with store.transaction() as cur:
            for index, event in enumerate(events):
                projection.handle(CloudEvent(
                    id=f"e{index}", source="s", type=event.event_type, time="t", subject="c1",
                    court="川0104", region="chengdu", sequence=index, position=index,
                    data=event.model_dump(mode="json")), cur)
        return ZhongbenQueries(store, CIPHER)

    yield feed
    store.close()


class TestZhongbenLibrary:
    def test_listed_with_unpaid_amount_and_masked_debtor_when_the_case_is_concluded(self, library):
        [entry] = library(CONCLUDED).list()
        assert (entry.case_number, entry.unpaid_fen, entry.concluded_on) == (
            NUMBER, 12_345_67, "2026-07-01")
        assert entry.debtors == [{"role": "respondent", "name": "张**",
                                  "identity": "510104********123X"}]

    def test_leaves_the_library_when_the_case_is_resumed(self, library):
        """R61: no longer 终本, no longer public as such."""
        assert library(CONCLUDED, RESUMED).list() == []


class TestZhongbenPage:
    def test_the_case_is_listed_and_the_full_id_never_shown_when_the_page_is_opened(self, library):
        queries = library(CONCLUDED)
        body = page_of(queries.store, CIPHER, "/zhongben", zhongben=queries)
        assert NUMBER in body and "12,345.67 元" in body and "张**" in body
        assert PERSON_ID not in body and "张三丰" not in body
