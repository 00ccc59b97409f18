"""ListDishonest and CourtCreditStatistics over gRPC: public (Policy.anyone), masked (R60),
removed entries gone (R61), a bad page size refused with the field named."""

from __future__ import annotations

import asyncio

import grpc
import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.credit.v1 import ListingPublished, ListingRemoved
from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.api.servicer import PublicityServicer
from zhixing.publicity.application.portal import Portal
from zhixing.publicity.application.publicity import PublicityApplication
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.dishonest_list import DishonestListProjection

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
"""Seals the personal data these read models keep (R60)."""


PERSON_ID = "510104199803121239"
PUBLISHED = [ListingPublished(
    listing_id=f"L{i}", court_code="川0104", debtor_identity_number=PERSON_ID, case_id="c1",
    case_number="(2026)川0104执7号", debtor_name=f"张三{i}", debtor_kind="person",
    grounds=[1], decided_on="2026-04-20", published_on=f"2026-05-1{i}") for i in range(3)]
REMOVED = ListingRemoved(
    listing_id="L0", court_code="川0104", debtor_identity_number=PERSON_ID, case_id="c1",
    reason=3, triggered_on="2026-06-01", remove_by="2026-06-04", removed_on="2026-06-02")


class AbortingContext:
    """The one thing maps_errors needs of a servicer context."""

    async def abort(self, code: grpc.StatusCode, details: str) -> None:
        raise grpc.RpcError(code, details)


@pytest.fixture
def servicer(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    CaseProgressProjection.migrate(store)
    DishonestListProjection.migrate(store)
    with store.transaction() as cur:
        for index, event in enumerate([*PUBLISHED, REMOVED]):
            DishonestListProjection(CIPHER).handle(CloudEvent(
                id=f"e{index}", source="s", type=event.event_type, time="t", subject="c1",
                court="川0104", region="chengdu", sequence=index, position=index,
                data=event.model_dump(mode="json")), cur)
    app = PublicityApplication(Settings(var_dir=tmp_path))
    yield PublicityServicer(Portal.over(store, CIPHER, app))
    app.close()
    store.close()


class TestListDishonest:
    def test_masked_entries_paged_newest_first_when_a_court_is_listed_r60_r61(self, servicer):
        first = asyncio.run(servicer.ListDishonest(
            pb.ListDishonestRequest(court_code="川0104", page_size=1), AbortingContext()))
        rest = asyncio.run(servicer.ListDishonest(
            pb.ListDishonestRequest(court_code="川0104", page_token=first.next_page_token),
            AbortingContext()))
        names = [e.name for e in [*first.entries, *rest.entries]]
        assert names == ["张三2", "张三1"], "R61: the removed L0 must not be listed"
        assert first.entries[0].identity == "510104********1239"
        assert (first.entries[0].sex, first.entries[0].age) == ("male", 28)
        assert PERSON_ID.encode() not in first.SerializeToString() + rest.SerializeToString()

    def test_refused_naming_page_size_when_it_is_over_500(self, servicer):
        with pytest.raises(grpc.RpcError) as raised:
            asyncio.run(servicer.ListDishonest(pb.ListDishonestRequest(page_size=501),
                                               AbortingContext()))
        code, details = raised.value.args
        assert code is grpc.StatusCode.INVALID_ARGUMENT and "page_size" in details


class TestCourtCreditStatistics:
    def test_removals_are_counted_by_r8_reason_when_a_court_is_asked(self, servicer):
        response = asyncio.run(servicer.CourtCreditStatistics(
            pb.CourtCreditStatisticsRequest(court_code="川0104"), AbortingContext()))
        [court] = response.statistics
        assert (court.listed_now, court.published_total, dict(court.removed_by_reason)) == (
            2, 3, {3: 1})
