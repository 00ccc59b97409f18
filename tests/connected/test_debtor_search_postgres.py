"""综合查询 and the public lists on PostgreSQL (issue 17): the same SQL as on SQLite (STYLE
10) — the key tables' views, the joins on blind keys, LIMIT/OFFSET paging, the figures'
GROUP BYs — and the identity lookup is an index scan, not a scan of the list."""

from __future__ import annotations

import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.credit.v1 import (
    BoundPersonV1,
    ConsumptionRestrictionIssued,
    ConsumptionRestrictionLifted,
    ConsumptionRestrictionPublished,
    ListingPublished,
    ListingRemoved,
)
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.application.search import DebtorSearch
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.dishonest_list import DishonestListProjection
from zhixing.publicity.projections.restricted_list import RestrictedListProjection
from zhixing.publicity.projections.zhongben_library import ZhongbenLibraryProjection

pytestmark = pytest.mark.connected
COURT = "川0104"
PERSON_ID, PERSON = "510104199803121239", "张三丰"
ORG_CODE, ORG = "91510104MA6CQ1W2EW", "成都某某贸易有限公司"
REP_ID, REP = "11010519491231002X", "李四"


def listing(i: int) -> ListingPublished:
    return ListingPublished(
        listing_id=f"L{i:03d}", court_code=COURT, debtor_identity_number=PERSON_ID,
        case_id=f"c{i}", case_number=f"(2026)川0104执{i}号", debtor_name=PERSON,
        debtor_kind="natural_person", grounds=[1], decided_on="2026-04-20",
        published_on=f"2026-05-{1 + i % 28:02d}")


RESTRICTION = ConsumptionRestrictionIssued(
    restriction_id="R1", case_id="c9", court_code=COURT, debtor_identity_number=ORG_CODE,
    decided_on="2026-04-01", case_number="(2026)川0104执9号", conduct=["flights"],
    debtor_name=ORG, debtor_kind="organisation", publish_on="2026-04-01",
    persons=[BoundPersonV1(role="legal_representative", name=REP, identity_number=REP_ID)])


@pytest.fixture
def views(settings):
    settings.ensure_schema("views")
    store = SqlStore(dsn=settings.postgres_dsn, schema=settings.schema("views"))
    projections = [CaseProgressProjection(settings.field_cipher),
                   ZhongbenLibraryProjection(settings.field_cipher),
                   DishonestListProjection(settings.field_cipher),
                   RestrictedListProjection(settings.field_cipher)]
    for projection in projections:
        projection.migrate(store)

    def feed(*events: IntegrationEvent) -> None:
        with store.transaction() as cur:
            for seq, event in enumerate(events, start=1):
                cloud = CloudEvent(id=f"e{seq}", source="s", type=event.event_type, time="t",
                                   subject="x", court=COURT, region="chengdu", sequence=seq,
                                   position=seq, data=event.model_dump(mode="json"))
                for projection in projections:
                    projection.handle(cloud, cur)

    yield store, feed, DebtorSearch(store, settings.field_cipher, 6, 4)
    store.close()


class TestSearchOnPostgres:
    def test_identity_finds_its_entries_and_lists_page_when_on_postgres(self, views):
        _store, feed, search = views
        feed(*(listing(i) for i in range(45)), ListingRemoved(
            listing_id="L000", court_code=COURT, debtor_identity_number=PERSON_ID,
            case_id="c0", reason=1, triggered_on="2026-06-01", remove_by="2026-06-04",
            removed_on="2026-06-02"), RESTRICTION, ConsumptionRestrictionPublished(
            restriction_id="R1", case_id="c9", court_code=COURT,
            debtor_identity_number=ORG_CODE, published_on="2026-04-01"))
        assert len(search.search(PERSON, PERSON_ID).dishonest) == 44
        assert not search.search("张三", PERSON_ID).found
        assert [r.restriction_id for r in search.search(REP, REP_ID).restricted] == ["R1"]
        first, token = search.dishonest(COURT, 20)
        second, _ = search.dishonest(COURT, 20, token)
        assert len({e.listing_id for e in [*first, *second]}) == 40
        [court] = search.statistics(COURT).courts
        assert (court.listed_now, court.removed_total, court.restricted_now) == (44, 1, 1)

    def test_lifted_restriction_is_gone_when_lifted_on_postgres(self, views):
        _, feed, search = views
        feed(RESTRICTION, ConsumptionRestrictionPublished(
            restriction_id="R1", case_id="c9", court_code=COURT,
            debtor_identity_number=ORG_CODE, published_on="2026-04-01"),
            ConsumptionRestrictionLifted(restriction_id="R1", case_id="c9", court_code=COURT,
                                         debtor_identity_number=ORG_CODE, ground="security",
                                         lifted_on="2026-05-01"))
        assert search.restricted() == ([], "")
        assert not search.search(REP, REP_ID).found

    def test_identity_lookup_uses_the_key_index_when_planned(self, views):
        store, feed, _search = views
        feed(listing(1))
        with store.transaction() as cur:
            cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute("EXPLAIN SELECT listing_id FROM dishonest_keys "
                        "WHERE identity_key = %s AND name_key = %s", ("a", "b"))
            plan = " ".join(str(row[0]) for row in cur.fetchall())
        assert "dishonest_keys__v1_identity" in plan
