"""限制消费令 (R12–R15): issued by order or for every listed debtor, binding an
organisation's four categories of persons, lifted only on an R15 ground."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from zhixing.credit.domain.errors import InvalidDecision, RestrictionRefused
from zhixing.credit.domain.restriction import (
    CONDUCT,
    ConsumptionRestriction,
    conduct_mask,
)

PERSON_ID = "11010519491231002X"
COMPANY_ID = "91510100MA0000001X"
LEGAL_REP = {"role": "legal_representative", "name": "张三", "identity_number": PERSON_ID}
CONTROLLER = {"role": "actual_controller", "name": "李四",
              "identity_number": "510104199001010011"}


def ordered(**overrides: Any) -> ConsumptionRestriction:
    args: dict[str, Any] = {
        "case_id": "case-1", "case_number": "(2026)川0104执1号", "court_code": "510104",
        "debtor_identity_number": PERSON_ID, "debtor_name": "张三", "debtor_kind": "natural_person",
        "order_number": "限消令-1", "notice_deadline": date(2026, 3, 10),
        "issued_on": date(2026, 3, 11)}
    return ConsumptionRestriction.order(**(args | overrides))


def for_company(**overrides: Any) -> ConsumptionRestriction:
    args: dict[str, Any] = {
        "case_id": "case-2", "case_number": "(2026)渝0103执2号", "court_code": "500103",
        "debtor_identity_number": COMPANY_ID, "debtor_name": "某公司",
        "debtor_kind": "organisation", "listing_id": "listing-1",
        "listed_on": date(2026, 4, 1), "persons": [LEGAL_REP, CONTROLLER]}
    return ConsumptionRestriction.for_listing(**(args | overrides))


class TestOrdering:
    def test_debtor_is_restricted_from_all_r13_conduct_when_the_deadline_passed(self):
        restriction = ordered()
        assert (restriction.conduct, restriction.basis, restriction.issued_on) == (
            list(CONDUCT), "order", "2026-03-11")

    def test_order_is_refused_naming_r12_when_the_deadline_has_not_passed(self):
        with pytest.raises(RestrictionRefused) as refused:
            ordered(issued_on=date(2026, 3, 10))
        assert (refused.value.rule, refused.value.field) == ("R12", "notice_deadline")

    def test_same_debtor_and_case_get_the_same_id_when_ordered_and_listed(self):
        assert ordered().id == ConsumptionRestriction.create_id("case-1", PERSON_ID)

    def test_natural_person_is_refused_persons_naming_r14_when_some_are_given(self):
        with pytest.raises(InvalidDecision) as refused:
            ordered(persons=[LEGAL_REP])
        assert (refused.value.rule, refused.value.field) == ("R14", "persons")

    def test_unknown_debtor_kind_is_refused_when_ordered(self):
        with pytest.raises(InvalidDecision) as refused:
            ordered(debtor_kind="trust")
        assert refused.value.field == "debtor_kind"


class TestListing:
    def test_listed_organisation_is_restricted_with_its_persons_when_listed(self):
        restriction = for_company()
        assert (restriction.basis, restriction.reference, restriction.issued_on) == (
            "listing", "listing-1", "2026-04-01")
        assert [restriction.binds(i) for i in (COMPANY_ID, PERSON_ID, "other")] == [
            True, True, False]

    def test_organisation_is_refused_naming_r14_when_no_legal_representative(self):
        with pytest.raises(InvalidDecision) as refused:
            for_company(persons=[CONTROLLER])
        assert (refused.value.rule, refused.value.field) == ("R14", "persons")

    def test_person_is_refused_naming_the_field_when_the_role_is_unknown(self):
        with pytest.raises(InvalidDecision) as refused:
            for_company(persons=[LEGAL_REP, CONTROLLER | {"role": "shareholder"}])
        assert (refused.value.rule, refused.value.field) == ("R14", "persons[1].role")

    def test_person_is_refused_naming_the_field_when_the_identity_is_missing(self):
        with pytest.raises(InvalidDecision) as refused:
            for_company(persons=[LEGAL_REP | {"identity_number": " "}])
        assert refused.value.field == "persons[0].identity_number"

    def test_listing_is_refused_when_it_has_no_reference(self):
        with pytest.raises(InvalidDecision) as refused:
            for_company(listing_id="")
        assert (refused.value.rule, refused.value.field) == ("R12", "reference")


class TestLifting:
    @pytest.mark.parametrize("ground", ["security", "applicant_consent", "full_performance"])
    def test_restriction_is_lifted_when_an_r15_ground_is_named(self, ground):
        restriction = ordered()
        assert restriction.lift(ground, date(2026, 5, 1), "解除-1") is True
        assert (restriction.in_force, restriction.lift_ground, restriction.lifted_on) == (
            False, ground, "2026-05-01")

    def test_lift_is_refused_naming_r15_when_the_ground_is_not_one_of_its(self):
        restriction = ordered()
        with pytest.raises(InvalidDecision) as refused:
            restriction.lift("hardship", date(2026, 5, 1), "解除-1")
        assert (refused.value.rule, refused.value.field, restriction.in_force) == (
            "R15", "ground", True)

    def test_second_lift_changes_nothing_when_already_lifted(self):
        restriction = ordered()
        restriction.lift("full_performance", date(2026, 5, 1), "解除-1")
        version = restriction.version
        assert restriction.lift("security", date(2026, 6, 1), "解除-2") is False
        assert (restriction.version, restriction.lift_ground) == (version, "full_performance")

    def test_lift_is_refused_when_dated_before_the_issue(self):
        with pytest.raises(InvalidDecision) as refused:
            ordered().lift("security", date(2026, 3, 1), "解除-1")
        assert refused.value.field == "lifted_on"

    def test_lifted_restriction_binds_nobody_when_lifted(self):
        restriction = for_company()
        restriction.lift("applicant_consent", date(2026, 5, 1), "解除-1")
        assert not restriction.binds(COMPANY_ID) and not restriction.binds(PERSON_ID)


class TestReleasingAFormerLegalRepresentative:
    def test_former_legal_representative_is_no_longer_bound_when_released(self):
        restriction = for_company()
        assert restriction.release_person(PERSON_ID, date(2026, 5, 1), "变更登记") is True
        assert (restriction.binds(PERSON_ID), restriction.binds(COMPANY_ID)) == (False, True)

    def test_second_release_changes_nothing_when_already_released(self):
        restriction = for_company()
        restriction.release_person(PERSON_ID, date(2026, 5, 1), "变更登记")
        version = restriction.version
        assert restriction.release_person(PERSON_ID, date(2026, 5, 2), "变更登记") is False
        assert restriction.version == version

    def test_release_is_refused_naming_r15_when_the_person_is_not_the_legal_representative(
            self):
        with pytest.raises(RestrictionRefused) as refused:
            for_company().release_person(CONTROLLER["identity_number"], date(2026, 5, 1), "x")
        assert (refused.value.rule, refused.value.field) == ("R15", "identity_number")

    def test_release_is_refused_naming_r14_when_the_person_is_not_bound(self):
        with pytest.raises(RestrictionRefused) as refused:
            for_company().release_person("other", date(2026, 5, 1), "变更登记")
        assert refused.value.rule == "R14"

    def test_release_is_refused_when_no_evidence_is_shown(self):
        with pytest.raises(InvalidDecision) as refused:
            for_company().release_person(PERSON_ID, date(2026, 5, 1), "")
        assert (refused.value.rule, refused.value.field) == ("R15", "evidence")


class TestEvents:
    def test_state_is_rebuilt_when_replayed_from_its_events_as_json(self):
        restriction = for_company()
        restriction.release_person(PERSON_ID, date(2026, 5, 1), "变更登记")
        restriction.lift("security", date(2026, 6, 1), "解除-1")
        events = restriction.collect_events()
        replayed = None
        for domain_event in events:
            stored = json.loads(json.dumps(domain_event.model_dump(mode="json")))
            replayed = type(domain_event)(**stored).mutate(replayed)
        assert replayed is not None
        assert (replayed.lift_ground, replayed.binds(COMPANY_ID), replayed.persons) == (
            "security", False, restriction.persons)

    def test_conduct_mask_sets_one_bit_per_code_when_codes_are_given(self):
        assert conduct_mask(["flights", "soft_sleepers", "flights"]) == 0b11
        assert conduct_mask(list(CONDUCT)) == (1 << len(CONDUCT)) - 1
