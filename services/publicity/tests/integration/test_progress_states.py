"""The public progress follows the case through its states; 终本 is published (R19)."""

from __future__ import annotations

import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import (
    CaseAssigned,
    CaseClosed,
    CaseConcluded,
    CaseDelegated,
    CaseFiled,
    CaseResumed,
)
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.application.queries import CaseProgressQueries
from zhixing.publicity.projections.case_progress import CaseProgressProjection

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
"""Seals the personal data these read models keep (R60)."""


NUMBER = "(2026)川0104执7号"
HEAD = {"case_id": "c1", "case_number": NUMBER, "court_code": "川0104"}


@pytest.fixture
def view(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    CaseProgressProjection.migrate(store)
    projection = CaseProgressProjection(CIPHER)

    def feed(*events: IntegrationEvent) -> str:
        with store.transaction() as cur:
            for index, event in enumerate(events):
                projection.handle(CloudEvent(
                    id=f"e{index}", source="s", type=event.event_type,
                    time="2026-03-02T00:00:00Z", subject="c1", court="川0104",
                    region="chengdu", sequence=index, position=index,
                    data=event.model_dump(mode="json")), cur)
        return CaseProgressQueries(store, CIPHER).get(NUMBER).status_label

    yield feed
    store.close()


FILED = CaseFiled(**HEAD, case_type="执", filed_on="2026-03-02", basis_kind="judgment",
                  basis_document_number="x", claim_total_fen=100, parties=[])
ASSIGNED = CaseAssigned(**HEAD, team="t", lead_officer="o", assigned_on="2026-03-03")


class TestPublicStates:
    def test_under_enforcement_when_the_case_is_assigned(self, view):
        assert view(FILED, ASSIGNED) == "执行中"

    def test_published_as_zhongben_when_the_case_is_concluded(self, view):
        """R19: 终本 cases are published (终本案件库)."""
        concluded = CaseConcluded(**HEAD, concluded_on="2026-07-01", unpaid_fen=100,
                                  requery_dates=[], respondents=[])
        assert view(FILED, ASSIGNED, concluded) == "终结本次执行程序（终本）"

    def test_shown_as_resumed_when_enforcement_resumes(self, view):
        resumed = CaseResumed(**HEAD, resumed_on="2027-01-01", new_case_id="c2",
                              new_case_number="(2027)川0104执恢1号", reason="applicant_request")
        assert view(FILED, resumed) == "已恢复执行"

    def test_shows_how_it_closed_when_the_case_is_closed(self, view):
        closed = CaseClosed(**HEAD, closure="executed_in_full", closed_on="2026-05-01",
                            recovered_fen=100, respondents=[])
        assert view(FILED, ASSIGNED, closed) == "执行完毕"

    def test_shows_the_delegation_when_the_case_is_delegated(self, view):
        delegated = CaseDelegated(**HEAD, to_court="渝0105", delegated_on="2026-03-04",
                                  basis_kind="judgment", basis_document_number="x",
                                  parties=[], claim_fen={"principal_fen": 100})
        assert view(FILED, delegated) == "委托执行"
