"""综合查询 and the public lists (issue 17) on SQLite: exact identity (identity AND name
blind keys, R60), the 限制消费 list (R10, R14, R15, R61), paging limits against scraping
(R61), public figures per court and region."""

from __future__ import annotations

import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import CaseClosed, CaseConcluded, CaseFiled, PartyV1
from zhixing.contracts.events.credit.v1 import (
    BoundPersonV1,
    ConsumptionRestrictionIssued,
    ConsumptionRestrictionLifted,
    ConsumptionRestrictionPublished,
    ListingPublished,
    ListingRemoved,
    RestrictedPersonReleased,
)
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.errors import InvalidInput
from zhixing.publicity.application.search import FIGURES_SECONDS, PAGES_MAX, DebtorSearch
from zhixing.publicity.projections.case_progress import CaseProgressProjection
from zhixing.publicity.projections.dishonest_list import DishonestListProjection
from zhixing.publicity.projections.restricted_list import RestrictedListProjection
from zhixing.publicity.projections.zhongben_library import ZhongbenLibraryProjection

CIPHER = FieldCipher(KeyRing.from_text(new_key()))
COURT, OTHER_COURT = "川0104", "渝0103"
PERSON_ID, PERSON = "510104199803121239", "张三丰"
MASKED = "510104********1239"
ORG_CODE, ORG = "91510104MA6CQ1W2EW", "成都某某贸易有限公司"
REP_ID, REP = "11010519491231002X", "李四"
CONTROLLER_ID, CONTROLLER = "510104199001010019", "王五"


def listing(lid: str = "L1", court: str = COURT, name: str = PERSON,
            number: str = PERSON_ID, published_on: str = "2026-05-10") -> ListingPublished:
    return ListingPublished(
        listing_id=lid, court_code=court, debtor_identity_number=number, case_id="c1",
        case_number="(2026)川0104执7号", debtor_name=name, debtor_kind="natural_person",
        grounds=[1], decided_on="2026-04-20", published_on=published_on)


def org_restriction(rid: str = "R1") -> ConsumptionRestrictionIssued:
    return ConsumptionRestrictionIssued(
        restriction_id=rid, case_id="c2", court_code=COURT, debtor_identity_number=ORG_CODE,
        decided_on="2026-04-01", case_number="(2026)川0104执8号", basis="listing",
        reference="L9", conduct=["flights", "g_trains"], debtor_name=ORG,
        debtor_kind="organisation", publish_on="2026-04-01",
        persons=[BoundPersonV1(role="legal_representative", name=REP, identity_number=REP_ID),
                 BoundPersonV1(role="actual_controller", name=CONTROLLER,
                               identity_number=CONTROLLER_ID)])


def published(rid: str = "R1") -> ConsumptionRestrictionPublished:
    return ConsumptionRestrictionPublished(restriction_id=rid, case_id="c2", court_code=COURT,
                                           debtor_identity_number=ORG_CODE,
                                           published_on="2026-04-01")


def party(role: str, name: str, number: str, kind: str = "natural_person") -> PartyV1:
    return PartyV1(role=role, kind=kind, name=name, identity_number=number)


def filed(number: str, court: str = COURT) -> CaseFiled:
    return CaseFiled(case_id=number, case_number=number, court_code=court, case_type="执",
                     filed_on="2026-01-05", basis_kind="judgment",
                     basis_document_number="(2025)川0104民初1号",
                     parties=[party("applicant", "赵六", CONTROLLER_ID),
                              party("respondent", PERSON, PERSON_ID)], claim_total_fen=100)


class Views:
    """The read models search reads, fed with CloudEvents; one sequence per aggregate."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self.projections = (CaseProgressProjection(CIPHER), ZhongbenLibraryProjection(CIPHER),
                            DishonestListProjection(CIPHER), RestrictedListProjection(CIPHER))
        for projection in self.projections:
            projection.migrate(store)
        self.search = DebtorSearch(store, CIPHER, keep_head=6, keep_tail=4)
        self.sequences: dict[str, int] = {}

    def feed(self, *events: IntegrationEvent, subject: str = "a1",
             sequence: int | None = None) -> Views:
        with self.store.transaction() as cur:
            for event in events:
                self.sequences[subject] = self.sequences.get(subject, 0) + 1
                seq = self.sequences[subject] if sequence is None else sequence
                cloud = CloudEvent(id=f"{subject}-{seq}", source="s", type=event.event_type,
                                   time="2026-01-01T00:00:00+08:00", subject=subject,
                                   court=COURT, region="chengdu", sequence=seq, position=seq,
                                   data=event.model_dump(mode="json"))
                for projection in self.projections:
                    projection.handle(cloud, cur)
        return self


@pytest.fixture
def views(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    yield Views(store)
    store.close()


class TestExactIdentity:
    def test_listed_person_is_found_masked_when_name_and_number_match(self, views):
        views.feed(listing())
        standing = views.search.search(PERSON, PERSON_ID)
        assert [e.listing_id for e in standing.dishonest] == ["L1"]
        assert standing.identity == MASKED

    def test_nothing_is_found_when_a_real_number_comes_with_another_name(self, views):
        views.feed(listing())
        standing = views.search.search("张三", PERSON_ID)
        assert not standing.found
        assert standing.identity == MASKED

    def test_same_name_with_another_number_is_not_returned_when_two_share_a_name(self, views):
        views.feed(listing("L1"), listing("L2", number=CONTROLLER_ID), subject="x")
        standing = views.search.search(PERSON, CONTROLLER_ID)
        assert [e.listing_id for e in standing.dishonest] == ["L2"]

    def test_number_is_found_whatever_its_spelling_when_canonicalised(self, views):
        views.feed(listing())
        spaced = " ".join([PERSON_ID[:6], PERSON_ID[6:14], PERSON_ID[14:]])
        assert views.search.search(f" {PERSON} ", spaced).dishonest

    @pytest.mark.parametrize("number", ["510104199803121230", "12345", "x" * 33])
    def test_bad_number_is_refused_without_echo_when_searched(self, views, number):
        with pytest.raises(InvalidInput) as refused:
            views.search.search(PERSON, number)
        assert (refused.value.field, refused.value.rule) == ("identity_number", "R60")
        assert number not in str(refused.value) and number[:10] not in str(refused.value)

    @pytest.mark.parametrize("name", ["", "   ", "名" * 201])
    def test_name_is_refused_naming_the_field_when_empty_or_too_long(self, views, name):
        with pytest.raises(InvalidInput) as refused:
            views.search.search(name, PERSON_ID)
        assert refused.value.field == "name" and "200" in str(refused.value)

    def test_removed_listing_is_not_found_at_once_when_removed_r61(self, views):
        views.feed(listing(), ListingRemoved(
            listing_id="L1", court_code=COURT, debtor_identity_number=PERSON_ID, case_id="c1",
            reason=1, triggered_on="2026-06-01", remove_by="2026-06-04",
            removed_on="2026-06-02"))
        assert not views.search.search(PERSON, PERSON_ID).dishonest

    def test_cases_in_progress_and_zhongben_are_found_when_the_person_is_a_respondent(
            self, views):
        running, concluded = "(2026)川0104执1号", "(2026)川0104执2号"
        views.feed(filed(running), subject="k1")
        views.feed(filed(concluded), CaseConcluded(
            case_id=concluded, case_number=concluded, court_code=COURT,
            concluded_on="2026-03-01", unpaid_fen=5000, requery_dates=[],
            respondents=[party("respondent", PERSON, PERSON_ID)]), subject="k2")
        standing = views.search.search(PERSON, PERSON_ID)
        assert [c.case_number for c in standing.in_progress] == [running]
        assert [(z.case_number, z.unpaid_fen) for z in standing.zhongben] == [(concluded, 5000)]
        assert not views.search.search("赵六", CONTROLLER_ID).found, "applicants are no debtors"

    def test_closed_case_is_no_longer_in_progress_when_closed(self, views):
        number = "(2026)川0104执1号"
        views.feed(filed(number), CaseClosed(
            case_id=number, case_number=number, court_code=COURT, closure="executed_in_full",
            closed_on="2026-03-01", recovered_fen=100,
            respondents=[party("respondent", PERSON, PERSON_ID)]))
        assert not views.search.search(PERSON, PERSON_ID).in_progress


class TestRestrictedList:
    def test_restriction_is_not_shown_when_its_published_event_has_not_come_r10(self, views):
        views.feed(org_restriction())
        assert views.search.restricted() == ([], "")
        assert not views.search.search(ORG, ORG_CODE).restricted

    def test_organisation_and_its_persons_are_listed_masked_when_published_r14(self, views):
        views.feed(org_restriction(), published())
        [entry], token = views.search.restricted(COURT)
        assert (entry.name, entry.identity, token) == (ORG, ORG_CODE, "")
        assert [(p.role_label, p.name, p.identity) for p in entry.persons] == [
            ("法定代表人", REP, "110105********002X"), ("实际控制人", CONTROLLER,
                                                     "510104********0019")]
        assert entry.conduct == ["乘坐飞机", "乘坐G字头动车组列车全部座位"]

    def test_person_is_listed_masked_and_found_when_a_natural_person_is_restricted(self, views):
        views.feed(ConsumptionRestrictionIssued(
            restriction_id="R2", case_id="c1", court_code=OTHER_COURT,
            debtor_identity_number=PERSON_ID, decided_on="2026-04-01", debtor_name=PERSON,
            debtor_kind="natural_person", conduct=["golf"]), published("R2"))
        [entry], _ = views.search.restricted(OTHER_COURT)
        assert (entry.name, entry.identity, entry.persons, entry.conduct) == (
            PERSON, MASKED, [], ["在高尔夫球场高消费"])
        assert views.search.restricted(COURT) == ([], "")
        assert [r.restriction_id for r in views.search.search(PERSON, PERSON_ID).restricted] == [
            "R2"]

    def test_number_too_short_to_mask_is_shown_as_stars_when_a_publisher_sent_one(self, views):
        views.feed(ConsumptionRestrictionIssued(
            restriction_id="R3", case_id="c1", court_code=COURT, debtor_identity_number="51234",
            decided_on="2026-04-01", debtor_name=PERSON, debtor_kind="natural_person"),
            published("R3"))
        [entry], _ = views.search.restricted()
        assert entry.identity == "*****"

    def test_organisation_finds_its_restriction_when_searched_by_name_and_credit_code(
            self, views):
        views.feed(org_restriction(), published())
        standing = views.search.search(ORG, ORG_CODE.lower())
        assert ([r.restriction_id for r in standing.restricted], standing.identity) == (
            ["R1"], ORG_CODE)

    def test_legal_representative_finds_the_organisations_restriction_by_his_name_and_id(
            self, views):
        views.feed(org_restriction(), published())
        standing = views.search.search(REP, REP_ID)
        assert [r.restriction_id for r in standing.restricted] == ["R1"]
        assert standing.identity == "110105********002X"
        assert not views.search.search(CONTROLLER, REP_ID).found

    def test_lifted_restriction_is_gone_at_once_when_lifted_r61(self, views):
        views.feed(org_restriction(), published(), ConsumptionRestrictionLifted(
            restriction_id="R1", case_id="c2", court_code=COURT,
            debtor_identity_number=ORG_CODE, ground="full_performance",
            lifted_on="2026-05-01"))
        assert views.search.restricted() == ([], "")
        assert not views.search.search(REP, REP_ID).found

    def test_redelivered_events_do_not_bring_a_lifted_restriction_back(self, views):
        views.feed(org_restriction(), published(), ConsumptionRestrictionLifted(
            restriction_id="R1", case_id="c2", court_code=COURT,
            debtor_identity_number=ORG_CODE, ground="security", lifted_on="2026-05-01"))
        views.feed(org_restriction(), sequence=1)
        views.feed(published(), sequence=2)
        assert views.search.restricted() == ([], "")

    def test_released_person_disappears_when_released_r15(self, views):
        views.feed(org_restriction(), published(), RestrictedPersonReleased(
            restriction_id="R1", case_id="c2", court_code=COURT,
            person_identity_number=REP_ID, released_on="2026-05-01"))
        [entry], _ = views.search.restricted()
        assert [p.name for p in entry.persons] == [CONTROLLER]
        assert not views.search.search(REP, REP_ID).found
        assert views.search.search(CONTROLLER, CONTROLLER_ID).restricted

    def test_personal_data_is_sealed_or_masked_at_rest_when_stored_r60(self, views):
        views.feed(org_restriction(), published())
        with views.store.transaction(read_only=True) as cur:
            cur.execute("SELECT * FROM restricted_list")
            rows = str(cur.fetchall())
            cur.execute("SELECT * FROM restricted_keys")
            rows += str(cur.fetchall())
        for secret in (REP, REP_ID, CONTROLLER_ID, ORG):
            assert secret not in rows


class TestPaging:
    @pytest.fixture
    def many(self, views):
        views.feed(*(listing(f"L{i:04d}", published_on=f"2026-05-{1 + i % 28:02d}")
                     for i in range(PAGES_MAX * 3 + 5)), subject="m")
        return views

    def test_pages_stop_at_the_limit_when_the_list_is_longer(self, many):
        token, seen = "", []
        for _ in range(PAGES_MAX):
            page, token = many.search.dishonest(COURT, 3, token)
            seen += [e.listing_id for e in page]
            if not token:
                break
        assert (len(seen), len(set(seen)), token) == (PAGES_MAX * 3, PAGES_MAX * 3, "")

    def test_forged_token_is_refused_naming_page_token_and_r61(self, many):
        _, token = many.search.dishonest(COURT, 3)
        number, offset, mac = token.split(".")
        for forged in (f"{number}.{int(offset) + 3}.{mac}", f"{PAGES_MAX}.60.{mac}", "x" * 64,
                       "1|2026-05-01|L0001"):
            with pytest.raises(InvalidInput) as refused:
                many.search.dishonest(COURT, 3, forged)
            assert (refused.value.field, refused.value.rule) == ("page_token", "R61")

    def test_token_of_one_court_is_refused_when_used_for_another(self, many):
        _, token = many.search.dishonest(COURT, 3)
        with pytest.raises(InvalidInput):
            many.search.dishonest(OTHER_COURT, 3, token)
        with pytest.raises(InvalidInput):
            many.search.restricted(COURT, 3, token)

    @pytest.mark.parametrize("size", [0, 51, 500])
    def test_page_size_is_refused_naming_the_bound_when_beyond_it(self, many, size):
        with pytest.raises(InvalidInput) as refused:
            many.search.zhongben(COURT, size)
        assert refused.value.field == "page_size" and "50" in str(refused.value)


class TestStatistics:
    def test_counted_once_in_a_while_when_asked_again_and_again(self, views):
        """Anonymous callers cannot make the database count every list at will: the
        figures are counted at most every FIGURES_SECONDS (the home page shows them)."""
        now = [0.0]
        search = DebtorSearch(views.store, CIPHER, 6, 4, seconds=lambda: now[0])
        views.feed(listing("L1"), subject="s")
        assert search.statistics(COURT).courts[0].listed_now == 1
        views.feed(listing("L2"), subject="t")
        now[0] = FIGURES_SECONDS - 1
        assert search.statistics(COURT).courts[0].listed_now == 1
        assert [r.listed_now for r in search.statistics().regions] == [1, 1]
        now[0] = FIGURES_SECONDS
        assert search.statistics(COURT).courts[0].listed_now == 2

    def test_figures_are_counted_per_court_and_region_when_asked(self, views):
        views.feed(listing("L1"), listing("L2", court=OTHER_COURT), subject="s")
        views.feed(org_restriction(), published())
        views.feed(filed("(2026)川0104执1号"), subject="k1")
        views.feed(filed("(2026)川0104执2号"), CaseClosed(
            case_id="(2026)川0104执2号", case_number="(2026)川0104执2号", court_code=COURT,
            closure="withdrawn", closed_on="2026-02-01", recovered_fen=0,
            respondents=[]), subject="k2")
        stats = views.search.statistics()
        court = {f.scope: f for f in stats.courts}[COURT]
        assert (court.listed_now, court.restricted_now, court.filed_total,
                court.closed_total) == (1, 1, 2, 1)
        assert [(r.scope, r.listed_now) for r in stats.regions] == [("川", 1), ("渝", 1),
                                                                      ("", 2)]
        assert [f.scope for f in views.search.statistics("渝").courts] == [OTHER_COURT]
        assert views.search.statistics(COURT).regions == []
