"""综合查询 on a store of an earlier release (issue 17): the read models gain their search-key
tables on the first start, their entries stay listed, and the documented rebuild
(`zhixing publicity rebuild dishonest_list`) gives the entries listed before the upgrade
their keys, so the search finds them."""

from __future__ import annotations

import io

from zhixing.contracts.events.credit.v1 import ListingPublished
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.eventstore.versioned import VersionedTables
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.publicity.application.queries import DishonestQueries
from zhixing.publicity.application.search import DebtorSearch
from zhixing.publicity.projections import dishonest_list
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.dishonest_list import DishonestListProjection
from zhixing.runtime import rebuild, runners
from zhixing.runtime.inject import publish_event

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
PERSON_ID, PERSON = "510104199803121239", "张三丰"
LISTING = ListingPublished(
    listing_id="L1", court_code="川0104", debtor_identity_number=PERSON_ID, case_id="c1",
    case_number="(2026)川0104执7号", debtor_name=PERSON, debtor_kind="natural_person",
    grounds=[1], decided_on="2026-04-20", published_on="2026-05-10")


class TestFirstStartWithSearchKeys:
    def test_key_table_and_view_are_added_when_an_earlier_versioned_list_is_migrated(
            self, tmp_path):
        store = SqlStore(sqlite_path=tmp_path / "views.db")
        earlier = VersionedTables("dishonest_list", {
            name: ddl for name, ddl in dishonest_list.TABLES.tables.items()
            if name != "dishonest_keys"})
        earlier.install(store)
        with store.transaction() as cur:
            cur.execute("INSERT INTO dishonest_list__v1 (listing_id, court_code, case_id, "
                        "case_number, debtor_kind, name, sex, age, identity, "
                        "legal_representative, conduct, decided_on, published_on, name_key) "
                        "VALUES ('L0', '川0104', 'c0', 'n', 'natural_person', %s, '', NULL, "
                        "%s, %s, '[]', '2026-01-01', '2026-01-02', '')",
                        (CIPHER.seal(PERSON), CIPHER.seal("510104********1239"), CIPHER.seal("")))
        CaseProgressProjection.migrate(store)
        DishonestListProjection.migrate(store)
        page, _ = DishonestQueries(store, CIPHER).list()
        assert [e.listing_id for e in page] == ["L0"]
        with store.transaction(read_only=True) as cur:
            cur.execute("SELECT COUNT(*) FROM dishonest_keys")
            assert cur.fetchone() == (0,)
        store.close()


class TestRebuildGivesKeys:
    def test_entry_listed_before_the_upgrade_is_found_when_the_list_is_rebuilt(self, tmp_path):
        settings = Settings(var_dir=tmp_path / "var")
        publish_event(settings, LISTING.event_type, LISTING.model_dump(mode="json"))
        instances = runners.build_all(settings)
        try:
            publicity = next(i for i in instances if i.name == "publicity")
            target = rebuild.targets(publicity)["dishonest_list"]
            sources = rebuild.source_maker(settings, instances, target.topic)
            live = TrackedConsumer(sources(target.group), target.projection, publicity.store,
                                   group=target.group)
            while live.run_once(timeout=0):
                pass
            sources.close_all()
            search = DebtorSearch(publicity.store, settings.field_cipher, 6, 4)
            with publicity.store.transaction() as cur:  # as an earlier release left it
                cur.execute("DELETE FROM dishonest_keys__v1")
            assert not search.search(PERSON, PERSON_ID).dishonest
            rebuild.run(settings, "publicity", "dishonest_list", out=io.StringIO())
            assert [e.listing_id for e in search.search(PERSON, PERSON_ID).dishonest] == ["L1"]
        finally:
            for instance in instances:
                instance.close()
