"""SearchDebtor, ListRestricted, ListZhongben, GetPublicStatistics and ListDishonest over
gRPC (issue 17): masked answers (R60), refusals naming the field and never the number,
the public paging limit on ListDishonest too (R61)."""

from __future__ import annotations

import asyncio

import grpc
import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.credit.v1 import ListingPublished
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
from zhixing.publicity.projections.restricted_list import RestrictedListProjection
from zhixing.publicity.projections.zhongben_library import ZhongbenLibraryProjection

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
PERSON_ID, PERSON = "510104199803121239", "张三丰"


class AbortingContext:
    async def abort(self, code: grpc.StatusCode, details: str) -> None:
        raise grpc.RpcError(code, details)


@pytest.fixture
def servicer(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    for projection in (CaseProgressProjection, ZhongbenLibraryProjection,
                       DishonestListProjection, RestrictedListProjection):
        projection.migrate(store)
    event = ListingPublished(
        listing_id="L1", court_code="川0104", debtor_identity_number=PERSON_ID, case_id="c1",
        case_number="(2026)川0104执7号", debtor_name=PERSON, debtor_kind="natural_person",
        grounds=[1], decided_on="2026-04-20", published_on="2026-05-10")
    with store.transaction() as cur:
        DishonestListProjection(CIPHER).handle(CloudEvent(
            id="e1", source="s", type=event.event_type, time="t", subject="L1",
            court="川0104", region="chengdu", sequence=1, position=1,
            data=event.model_dump(mode="json")), cur)
    app = PublicityApplication(Settings(var_dir=tmp_path))
    yield PublicityServicer(Portal.over(store, CIPHER, app))
    app.close()
    store.close()


def call(method, request):
    return asyncio.run(method(request, AbortingContext()))


class TestSearchRpcs:
    def test_search_answers_the_masked_entry_when_name_and_number_match(self, servicer):
        answer = call(servicer.SearchDebtor, pb.SearchDebtorRequest(
            name=PERSON, identity_number=PERSON_ID))
        assert [e.listing_id for e in answer.dishonest] == ["L1"]
        assert answer.identity == "510104********1239"
        assert PERSON_ID.encode() not in answer.SerializeToString()

    def test_search_is_refused_without_echo_when_the_number_is_bad(self, servicer):
        bad = PERSON_ID[:-1] + "0"
        with pytest.raises(grpc.RpcError) as raised:
            call(servicer.SearchDebtor, pb.SearchDebtorRequest(name=PERSON, identity_number=bad))
        code, details = raised.value.args
        assert code is grpc.StatusCode.INVALID_ARGUMENT and "identity_number" in details
        assert bad not in details and "R60" in details

    def test_list_dishonest_is_refused_naming_page_size_when_over_the_public_limit(
            self, servicer):
        with pytest.raises(grpc.RpcError) as raised:
            call(servicer.ListDishonest, pb.ListDishonestRequest(page_size=51))
        code, details = raised.value.args
        assert code is grpc.StatusCode.INVALID_ARGUMENT and "page_size" in details

    def test_lists_and_figures_answer_when_asked(self, servicer):
        assert call(servicer.ListRestricted, pb.ListRestrictedRequest()).entries == []
        assert call(servicer.ListZhongben, pb.ListZhongbenRequest(court_code="川0104")
                    ).entries == []
        figures = call(servicer.GetPublicStatistics, pb.GetPublicStatisticsRequest())
        assert [(f.scope, f.listed_now) for f in figures.regions] == [("川", 1), ("", 1)]

    def test_forged_page_token_is_refused_naming_it_when_listing(self, servicer):
        with pytest.raises(grpc.RpcError) as raised:
            call(servicer.ListZhongben, pb.ListZhongbenRequest(page_token="3.60.0000000000000000"))
        assert "page_token" in raised.value.args[1]
