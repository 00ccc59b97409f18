"""失信被执行人名单公布: R6 fields only, the ID masked before it is stored (R60), removal
deletes the public entry and nothing brings it back (R61), per-court figures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import CaseAssigned, CaseFiled
from zhixing.contracts.events.credit.v1 import (
    ConsumptionRestrictionIssued,
    ConsumptionRestrictionLifted,
    DebtorListed,
    ListingPublished,
    ListingRemoved,
)
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.publicity.application.queries import DishonestQueries
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.dishonest_list import DishonestListProjection

from .portal_support import page_of

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
"""Seals the personal data these read models keep (R60)."""


COURT = "川0104"
NUMBER = "(2026)川0104执7号"
PERSON_ID = "510104199803121239"  # male (17th digit 3), born 1998-03-12
BIRTH_DIGITS = ("19980312", "980312")
MASKED = "510104********1239"
WOMAN_ID = "11010519491231002X"  # female (17th digit 2), born 1949-12-31
ORG_CODE = "91510104MA6CQ1W2EW"
PERSON = ListingPublished(
    listing_id="L1", court_code=COURT, debtor_identity_number=PERSON_ID, case_id="c1",
    case_number=NUMBER, debtor_name="张三丰", debtor_kind="person", grounds=[1, 4],
    decided_on="2026-04-20", published_on="2026-05-10")
ORGANISATION = ListingPublished(
    listing_id="L2", court_code=COURT, debtor_identity_number=ORG_CODE, case_id="c1",
    case_number=NUMBER, debtor_name="成都某某贸易有限公司", debtor_kind="organisation",
    legal_representative="李四", grounds=[3], decided_on="2026-04-20",
    published_on="2026-05-11")
REMOVED = ListingRemoved(
    listing_id="L1", court_code=COURT, debtor_identity_number=PERSON_ID, case_id="c1",
    reason=1, triggered_on="2026-06-01", remove_by="2026-06-04", removed_on="2026-06-02")


def restriction(court: str = COURT, rid: str = "R1") -> ConsumptionRestrictionIssued:
    return ConsumptionRestrictionIssued(case_id="c1", court_code=court, restriction_id=rid,
                                        debtor_identity_number=PERSON_ID,
                                        decided_on="2026-04-20")


def lifted(rid: str = "R1") -> ConsumptionRestrictionLifted:
    return ConsumptionRestrictionLifted(restriction_id=rid, case_id="c1", court_code=COURT,
                                        debtor_identity_number=PERSON_ID,
                                        ground="full_performance", lifted_on="2026-06-02")


class View:
    """Feeds CloudEvents to the projections and reads the list, pages and raw store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = SqlStore(sqlite_path=path)
        CaseProgressProjection.migrate(self.store)
        DishonestListProjection.migrate(self.store)
        self.queries = DishonestQueries(self.store, CIPHER)
        self.projection = DishonestListProjection(CIPHER)
        self.sequence = 0

    def feed(self, *events: IntegrationEvent) -> View:
        projections = (CaseProgressProjection(CIPHER), self.projection)
        with self.store.transaction() as cur:
            for event in events:
                self.sequence += 1
                cloud = CloudEvent(
                    id=f"e{self.sequence}", source="s", type=event.event_type, time="t",
                    subject="c1", court=COURT, region="chengdu", sequence=self.sequence,
                    position=self.sequence, data=event.model_dump(mode="json"))
                for projection in projections:
                    projection.handle(cloud, cur)
        return self

    def page(self, path: str, query: str = "") -> str:
        """The portal's page (issue 17: the ASGI portal) over this store's list."""
        return page_of(self.store, CIPHER, path + (f"?{query}" if query else ""),
                       dishonest=self.queries)

    def dump(self) -> str:
        """Every value in every table of the store, as text."""
        with sqlite3.connect(self.path) as conn:
            return "\n".join(str(line) for line in conn.iterdump())

    def stats(self, court: str = COURT):
        [figures] = self.queries.statistics(court)
        return figures


@pytest.fixture
def view(tmp_path):
    view = View(tmp_path / "views.db")
    yield view
    view.store.close()


class TestPublication:
    def test_listed_with_the_r6_fields_when_a_person_is_published(self, view):
        [entry] = view.feed(PERSON).queries.list(COURT)[0]
        assert (entry.name, entry.sex_label, entry.age, entry.identity) == (
            "张三丰", "男", 28, MASKED), "R6: name, sex, age and the R60-masked ID number"
        assert entry.conduct == ["有履行能力而拒不履行生效法律文书确定义务", "违反财产报告制度"]
        assert (entry.case_number, entry.court_name, entry.decided_on, entry.published_on) == (
            NUMBER, "成都市锦江区人民法院", "2026-04-20", "2026-05-10")

    def test_age_on_publication_day_and_sex_from_17th_digit_when_a_person_is_published(self, view):
        woman = PERSON.model_copy(update={"listing_id": "L3", "debtor_identity_number": WOMAN_ID,
                                          "published_on": "2026-12-30"})
        [entry] = view.feed(woman).queries.list(COURT)[0]
        assert (entry.sex, entry.age) == ("female", 76), "R6: birthday not yet reached"

    def test_full_id_and_birth_date_never_stored_or_shown_when_a_person_is_published_r60(self, view):
        view.feed(PERSON)
        assert MASKED in view.page("/dishonest"), "R60: the masked number is missing"
        # The store holds even the masked number sealed (R60: encrypted at rest).
        for where, text in (("store", view.dump()), ("page", view.page("/dishonest"))):
            assert PERSON_ID not in text, f"R60: full ID number in the {where}"
            for digits in BIRTH_DIGITS:
                assert digits not in text, f"R60: birth date {digits} in the {where}"

    def test_the_configured_mask_is_applied_before_storing_when_one_is_set_r60(self, view):
        view.projection = DishonestListProjection(CIPHER, keep_head=3, keep_tail=1)
        assert view.feed(PERSON).queries.list()[0][0].identity == "510**************9"
        assert "510104" not in view.dump(), "R60: the configured mask was not applied"

    def test_nothing_is_stored_when_the_mask_would_reveal_the_birth_date_r60(self, view):
        view.projection = DishonestListProjection(CIPHER, keep_head=10, keep_tail=4)
        with pytest.raises(ValueError, match="R60"):
            view.feed(PERSON)
        assert "19980312" not in view.dump(), "R60: birth date stored under a bad mask"

    def test_code_and_legal_representative_shown_when_an_organisation_is_published_r6(self, view):
        [entry] = view.feed(ORGANISATION).queries.list(COURT)[0]
        assert (entry.name, entry.identity, entry.legal_representative) == (
            "成都某某贸易有限公司", ORG_CODE, "李四"), "R6: organisation fields are public"
        assert (entry.sex, entry.age) == ("", None), "R61: no person facts for an organisation"
        html = view.page("/dishonest")
        assert ORG_CODE in html and "李四" in html and "隐匿、转移财产" in html

    def test_not_listed_when_the_decision_is_not_yet_published_r10(self, view):
        listed = DebtorListed(case_id="c1", court_code=COURT, debtor_identity_number=PERSON_ID,
                              decided_on="2026-04-20", listing_id="L1", grounds=[1])
        assert view.feed(listed).queries.list()[0] == []

    def test_case_facts_come_from_the_case_progress_when_the_case_was_seen_r6(self, view):
        filed = CaseFiled(case_id="c1", case_number=NUMBER, court_code=COURT, case_type="执",
                          filed_on="2026-03-02", basis_kind="judgment",
                          basis_document_number="x", claim_total_fen=100, parties=[])
        assigned = CaseAssigned(case_id="c1", case_number=NUMBER, court_code=COURT, team="t",
                                lead_officer="o", assigned_on="2026-03-03")
        [entry] = view.feed(filed, assigned, PERSON).queries.list()[0]
        assert (entry.filed_on, entry.case_status_label) == ("2026-03-02", "执行中")
        assert "2026-03-02" in view.page("/dishonest")

    def test_listed_and_counted_once_when_a_publication_is_redelivered(self, view):
        view.feed(PERSON, PERSON, ORGANISATION, ORGANISATION)
        assert len(view.queries.list()[0]) == 2
        assert (view.stats().published_total, view.stats().listed_now) == (2, 2)


class TestRemoval:
    def test_gone_from_the_list_and_the_page_when_the_listing_is_removed_r61(self, view):
        view.feed(PERSON, ORGANISATION, REMOVED)
        assert [e.listing_id for e in view.queries.list()[0]] == ["L2"], "R61: L1 still listed"
        assert "张三丰" not in view.page("/dishonest"), "R61: removed entry still on the page"

    def test_nothing_personal_stays_in_the_store_when_the_listing_is_removed_r61(self, view):
        text = view.feed(PERSON, REMOVED).dump()
        for value in ("张三丰", MASKED, PERSON_ID, NUMBER):
            assert value not in text, f"R61: {value} kept after removal"

    def test_counted_once_when_a_removal_is_redelivered(self, view):
        view.feed(PERSON, REMOVED, REMOVED)
        assert view.stats().removed_by_reason == {1: 1}

    def test_not_resurrected_when_the_publication_is_redelivered_after_removal_r61(self, view):
        view.feed(PERSON, REMOVED, PERSON)
        assert view.queries.list()[0] == [], "R61: a removed listing came back"
        assert (view.stats().published_total, view.stats().listed_now) == (1, 0)

    def test_never_shown_when_the_publication_arrives_after_its_removal_r61(self, view):
        view.feed(REMOVED, PERSON)
        assert view.queries.list()[0] == [] and "张三丰" not in view.dump()


class TestQueryingTheList:
    def test_newest_first_and_paged_when_a_page_size_is_given(self, view):
        view.feed(PERSON, ORGANISATION)
        first, token = view.queries.list(COURT, page_size=1)
        second, last = view.queries.list(COURT, page_size=1, page_token=token)
        assert [first[0].listing_id, second[0].listing_id, last] == ["L2", "L1", ""]

    def test_only_the_exact_name_matches_when_a_name_is_looked_up(self, view):
        view.feed(PERSON, ORGANISATION)
        assert [e.listing_id for e in view.queries.list(name="张三丰")[0]] == ["L1"]
        assert view.queries.list(name="张三")[0] == []

    def test_the_page_shows_only_the_courts_entries_when_filtered_by_court(self, view):
        other = ORGANISATION.model_copy(update={"listing_id": "L9", "court_code": "川01",
                                                "debtor_name": "别处公司"})
        view.feed(PERSON, other)
        assert "别处公司" not in view.page("/dishonest", f"court={COURT}")
        html = view.page("/dishonest", "court=川01")
        assert "别处公司" in html and "张三丰" not in html


class TestCourtStatistics:
    def test_figures_are_per_court_with_removals_by_r8_reason_when_courts_differ(self, view):
        expired = REMOVED.model_copy(update={"listing_id": "L2", "reason": 0})
        other = PERSON.model_copy(update={"listing_id": "L5", "court_code": "川01"})
        view.feed(PERSON, ORGANISATION, other, REMOVED, expired)
        here, there = view.stats(), view.stats("川01")
        assert (here.listed_now, here.published_total, here.removed_by_reason) == (
            0, 2, {0: 1, 1: 1}), "R8: removals counted by reason"
        assert (there.listed_now, there.published_total, there.removed_total) == (1, 1, 0)

    def test_restrictions_are_counted_once_each_when_issued_or_lifted_twice(self, view):
        view.feed(restriction(), restriction(), restriction(rid="R2"), lifted(), lifted())
        figures = view.stats()
        assert (figures.restrictions_issued, figures.restrictions_lifted) == (2, 1)
