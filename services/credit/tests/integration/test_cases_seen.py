"""What the credit service learns from the cases and assets events: the value already
seized (R3). The candidates for listing have their own tests (test_candidates.py)."""

from __future__ import annotations

import pytest

from testkit.assets import cloud_event
from zhixing.credit.projections.cases_seen import CasesSeen, CasesSeenQueries
from zhixing.eventstore.settings import Settings

from ..conftest import DEBTOR_ID

CASE_ID, COURT = "7f1c2a9e-0000-4000-8000-000000000077", "川0104"
HEAD = {"case_id": CASE_ID, "case_number": "(2026)川0104执77号", "court_code": COURT}
RESPONDENTS = [{"role": "respondent", "kind": "natural_person", "name": "王五",
                "identity_number": DEBTOR_ID}]


@pytest.fixture
def seen(tmp_path):
    settings = Settings(var_dir=tmp_path)
    store = settings.sql_store("credit")
    CasesSeen.migrate(store)
    handler, queries = CasesSeen(settings.field_cipher), CasesSeenQueries(
        store, settings.field_cipher)

    def feed(event_type: str, data: dict, position: int) -> None:
        with store.transaction() as cursor:
            handler.handle(cloud_event(event_type, CASE_ID, {**HEAD, **data}, position), cursor)

    feed("cn.zhixing.cases.v1.CaseFiled", {
        "case_type": "执", "filed_on": "2026-01-02", "basis_kind": "judgment",
        "basis_document_number": "(2025)川0104民初1号", "claim_total_fen": 100_000_00,
        "parties": RESPONDENTS}, 1)
    yield feed, queries
    store.close()


def test_the_seized_value_follows_the_measures_in_effect(seen):
    """R3: seized assets that cover the debt exclude ground (1)."""
    feed, queries = seen
    measure = {"measure_id": "m-1", "asset_id": "a-1", "kind": "freeze",
               "asset_class": "deposit", "amount_fen": 30_000_00,
               "effective_on": "2026-01-20", "expires_on": "2027-01-20"}
    feed("cn.zhixing.assets.v1.MeasureTookEffect", measure, 4)
    assert queries.find(CASE_ID).seized_fen == 30_000_00
    feed("cn.zhixing.assets.v1.MeasureReleased",
         {"measure_id": "m-1", "asset_id": "a-1", "ground": "paid",
          "released_on": "2026-02-01"}, 5)
    assert queries.find(CASE_ID).seized_fen == 0
