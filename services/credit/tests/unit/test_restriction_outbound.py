"""限制消费令 on the credit topic (issue 17): the order carries what the public 限制消费
list shows (the debtor's name and kind, the bound persons R14, the publication day R10);
its publication and a person's release are events of their own (R10, R15, R61)."""

from __future__ import annotations

from datetime import date

from zhixing.contracts.events.credit import v1
from zhixing.credit.domain.restriction import ConsumptionRestriction
from zhixing.credit.outbound import to_public

PERSON_ID = "510104199803121239"
COMPANY_ID = "91510100MA0000001X"
REP_ID = "11010519491231002X"
CONTROLLER_ID = "510104199001010011"
PERSONS = [{"role": "legal_representative", "name": "张三", "identity_number": REP_ID},
           {"role": "actual_controller", "name": "李四", "identity_number": CONTROLLER_ID}]


def company() -> ConsumptionRestriction:
    return ConsumptionRestriction.for_listing(
        case_id="case-2", case_number="(2026)渝0103执2号", court_code="渝0103",
        debtor_identity_number=COMPANY_ID, debtor_name="某某贸易有限公司",
        debtor_kind="organisation", listing_id="listing-1", listed_on=date(2026, 4, 1),
        persons=PERSONS)


def published(restriction: ConsumptionRestriction) -> list[v1.IntegrationEvent]:
    return [public for e in restriction.collect_events()
            for public in to_public(e, load=lambda _id, _version: restriction)
            if not isinstance(public, v1.PartnerNotice)]


class TestRestrictionOutbound:
    def test_issued_carries_name_kind_persons_and_publish_day_when_an_organisation_is_restricted(
            self):
        [issued] = published(company())
        assert isinstance(issued, v1.ConsumptionRestrictionIssued)
        assert (issued.debtor_name, issued.debtor_kind, issued.publish_on) == (
            "某某贸易有限公司", "organisation", "2026-04-01")
        assert [(p.role, p.name, p.identity_number) for p in issued.persons] == [
            ("legal_representative", "张三", REP_ID), ("actual_controller", "李四", CONTROLLER_ID)]
        assert issued.bound_persons == 2

    def test_published_event_is_sent_when_the_order_is_made_public(self):
        restriction = company()
        restriction.collect_events()
        assert restriction.publish(date(2026, 4, 1), with_listing=True)
        assert published(restriction) == [v1.ConsumptionRestrictionPublished(
            restriction_id=str(restriction.id), case_id="case-2", court_code="渝0103",
            debtor_identity_number=COMPANY_ID, published_on="2026-04-01")]

    def test_released_person_event_is_sent_when_a_former_representative_is_released(self):
        restriction = company()
        restriction.collect_events()
        assert restriction.release_person(REP_ID, date(2026, 5, 1), "工商变更登记")
        assert published(restriction) == [v1.RestrictedPersonReleased(
            restriction_id=str(restriction.id), case_id="case-2", court_code="渝0103",
            person_identity_number=REP_ID, released_on="2026-05-01")]

    def test_reissued_order_leaves_out_a_released_person_when_restricted_again(self):
        restriction = company()
        restriction.release_person(REP_ID, date(2026, 5, 1), "工商变更登记")
        restriction.lift("full_performance", date(2026, 5, 2), "结案")
        restriction.collect_events()
        assert restriction.reissue_for_listing("listing-2", date(2026, 6, 1))
        [issued] = published(restriction)
        assert isinstance(issued, v1.ConsumptionRestrictionIssued)
        assert [p.identity_number for p in issued.persons] == [CONTROLLER_ID]
        assert issued.publish_on == "2026-06-01"
