"""Specification of the listing decision 决定书 (R1–R5, R10)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from zhixing.credit.domain.errors import InvalidDecision, ListingRefused
from zhixing.credit.domain.terms import AbilityToPerform, ListingTerms
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import IdentityKind
from zhixing.kernel.policy import PolicyTable

from .listing_fixtures import (
    ABLE,
    COMPANY_CODE,
    DECIDED_ON,
    MINOR_ID,
    decide,
    refusing_to_perform,
    replayed,
    resident_id,
)


class TestDecision:
    """R1, R5: a written decision on known grounds, signed off, after a warning."""

    def test_listed_when_the_decision_is_complete(self):
        listing = decide()
        assert listing.is_listed
        assert listing.grounds == [2]
        assert listing.decided_on == "2026-03-02"

    def test_refused_naming_r5_when_the_president_did_not_sign(self):
        with pytest.raises(ListingRefused, match="R5") as refusal:
            decide(signed_by_president=False)
        assert refusal.value.field == "signed_by_president"

    def test_refused_naming_r5_when_the_execution_notice_did_not_warn(self):
        with pytest.raises(ListingRefused, match="R5") as refusal:
            decide(warned_in_notice=False)
        assert refusal.value.field == "warned_in_notice"

    @pytest.mark.parametrize("grounds", [[7], [0, 2], []])
    def test_refused_naming_r1_when_a_ground_is_unknown(self, grounds):
        with pytest.raises(InvalidDecision, match="R1"):
            decide(grounds=grounds)

    def test_state_is_the_same_when_rebuilt_from_its_events(self):
        listing = decide(grounds=[3, 2], extension_years=1)
        assert replayed(listing).__dict__ == listing.__dict__


class TestMinor:
    """R4: minors are never listed; the age comes from the resident ID."""

    def test_refused_naming_r4_when_the_debtor_is_a_minor_on_the_decision_date(self):
        with pytest.raises(ListingRefused, match="R4"):
            decide(debtor_identity_number=MINOR_ID, decided_on=date(2026, 6, 14))

    def test_listed_when_a_second_decision_follows_the_18th_birthday(self):
        with pytest.raises(ListingRefused, match="R4"):
            decide(debtor_identity_number=MINOR_ID, decided_on=date(2026, 6, 14))
        listing = decide(debtor_identity_number=MINOR_ID, decided_on=date(2026, 6, 15),
                         decision_number="(2026)川0104执1234号之二")
        assert listing.is_listed

    def test_refused_naming_the_field_when_the_resident_id_fails_its_checksum(self):
        broken = MINOR_ID[:-1] + ("0" if MINOR_ID[-1] != "0" else "1")
        with pytest.raises(InvalidInput, match="R4") as refusal:
            decide(debtor_identity_number=broken)
        assert refusal.value.field == "debtor_identity_number"

    def test_listed_when_the_debtor_is_an_organisation(self):
        listing = decide(debtor_identity_number=COMPANY_CODE, debtor_name="某某有限公司",
                         debtor_kind=IdentityKind.ORGANISATION, persons=[LEGAL_REP])
        assert listing.debtor_kind == "organisation"
        assert listing.legal_representative == "李四"

    def test_an_organisation_names_its_legal_representative_for_the_restriction(self):
        """R12 restricts every listed debtor; R14 binds an organisation's persons."""
        with pytest.raises(InvalidInput, match="R14"):
            decide(debtor_identity_number=COMPANY_CODE, debtor_name="某某有限公司",
                   debtor_kind=IdentityKind.ORGANISATION)


LEGAL_REP = {"role": "legal_representative", "name": "李四",
             "identity_number": resident_id("51010419750101201")}


class TestGroundOne:
    """R3: ground (1) is excluded when the debtor cannot be said to refuse."""

    @pytest.mark.parametrize("ability", [
        replace(ABLE, security_covers_debt=True),
        replace(ABLE, seized_value_fen=ABLE.debt_fen),
        replace(ABLE, later_in_performance_order=True),
        replace(ABLE, otherwise_unable=True),
    ], ids=["security", "seized_assets_cover", "later_in_order", "otherwise_unable"])
    def test_refused_naming_r3_when_an_exclusion_holds(self, ability):
        with pytest.raises(ListingRefused, match="R3"):
            decide(grounds=[1], ability=ability)

    def test_refused_naming_r3_when_the_facts_on_ability_are_missing(self):
        with pytest.raises(InvalidDecision, match="R3"):
            decide(grounds=[1])

    def test_listed_when_seized_assets_fall_short_of_the_debt(self):
        ability = AbilityToPerform(debt_fen=100, seized_value_fen=99)
        assert decide(grounds=[1], ability=ability).is_listed

    def test_other_grounds_stand_when_ground_one_is_not_chosen(self):
        assert decide(grounds=[4], ability=replace(ABLE, otherwise_unable=True)).is_listed


class TestTerm:
    """R2: grounds (2)–(6) list for 2 years (+1–3); ground (1) until removal."""

    def test_two_years_from_the_decision_when_the_ground_is_fixed_term(self):
        assert decide(grounds=[5]).expires_on == "2028-03-02"

    def test_extended_by_the_years_given_when_acts_are_serious(self):
        assert decide(grounds=[2], extension_years=3).expires_on == "2031-03-02"

    def test_ends_on_the_last_day_of_february_when_decided_on_29_february(self):
        # R63: no 29 February in 2026, so the term ends on the 28th.
        assert decide(decided_on=date(2024, 2, 29)).expires_on == "2026-02-28"

    def test_no_fixed_term_when_ground_one_is_alone(self):
        listing = refusing_to_perform()
        assert listing.expires_on == ""
        assert not listing.fixed_term

    def test_the_fixed_term_applies_when_ground_one_comes_with_another(self):
        assert decide(grounds=[1, 3], ability=ABLE).expires_on == "2028-03-02"

    @pytest.mark.parametrize("years", [-1, 4])
    def test_refused_naming_r2_when_the_extension_is_out_of_range(self, years):
        with pytest.raises(InvalidDecision, match="R2"):
            decide(extension_years=years)

    def test_refused_naming_r2_when_ground_one_alone_is_extended(self):
        with pytest.raises(InvalidDecision, match="R2"):
            refusing_to_perform(extension_years=1)

    def test_policy_numbers_are_those_of_the_default_table(self):
        assert ListingTerms.from_policy(PolicyTable.load()) == ListingTerms()

    def test_a_longer_configured_term_applies_when_the_policy_says_so(self):
        terms = ListingTerms(fixed_term_years=3)
        assert decide(terms=terms).expires_on == "2029-03-02"


class TestGracePeriod:
    """R10: publication waits a configurable grace period of 1–3 months."""

    def test_published_after_the_default_grace_when_none_is_given(self):
        assert decide().publish_on == "2026-04-02"

    def test_published_after_three_months_when_the_court_grants_three(self):
        assert decide(grace_months=3).publish_on == "2026-06-02"

    @pytest.mark.parametrize("months", [0, 4])
    def test_refused_naming_r10_when_the_grace_is_out_of_range(self, months):
        with pytest.raises(InvalidDecision, match="R10"):
            decide(grace_months=months)

    def test_refused_naming_r10_when_a_stricter_policy_narrows_the_range(self):
        terms = ListingTerms(grace_min_months=2, grace_max_months=2, grace_default_months=2)
        with pytest.raises(InvalidDecision, match="R10"):
            decide(grace_months=1, terms=terms)

    def test_decision_date_unchanged_when_grace_delays_publication(self):
        assert decide(grace_months=2).decided_on == DECIDED_ON.isoformat()
