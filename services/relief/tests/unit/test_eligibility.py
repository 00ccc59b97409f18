"""Specification of R29 (who may apply): `eligibility.unmet_to_apply` and the claimant's
guards — the debtor truly cannot pay; an applicant of the case; one relief payment per
party per case; none when another organ paid."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.relief.domain.claimant import Claimant
from zhixing.relief.domain.eligibility import refusal, unmet_to_apply
from zhixing.relief.domain.errors import (
    AlreadyPaid,
    ApplicationOpen,
    InvalidRelief,
    NotEligible,
    OtherOrganPaid,
)
from zhixing.relief.domain.facts import CaseStage

from .relief_fixtures import facts, replayed


def claimant(**steps: str) -> Claimant:
    party = Claimant(case_id="case-1", party_index=0)
    if "opened" in steps:
        party.open(steps["opened"])
    if "paid" in steps:
        party.open(steps["paid"])
        party.record_paid(steps["paid"], date(2026, 3, 9))
    return party


def unmet(case=..., party_index=0, other_organ_paid=False, party=None):
    return unmet_to_apply(facts() if case is ... else case, party_index, other_organ_paid,
                          party)


class TestDebtorCannotPay:
    """R29: the case is in 终本, or its property inquiry found nothing disposable."""

    def test_accepted_when_the_case_is_in_zhongben(self):
        assert unmet() == []

    def test_refused_naming_r29_when_under_enforcement_with_property_found(self):
        case = facts(stage=CaseStage.UNDER_ENFORCEMENT, inquiries_completed=2,
                     property_found=True)
        found = unmet(case)
        assert [(u.rule, u.field) for u in found] == [("R29", "case_id")]
        assert isinstance(refusal(found), NotEligible)
        assert "disposable property" in found[0].message

    def test_accepted_when_under_enforcement_and_the_inquiry_found_nothing(self):
        case = facts(stage=CaseStage.UNDER_ENFORCEMENT, inquiries_completed=1,
                     property_found=False)
        assert unmet(case) == []

    def test_refused_when_under_enforcement_and_no_inquiry_completed(self):
        case = facts(stage=CaseStage.UNDER_ENFORCEMENT, inquiries_completed=0)
        assert [u.rule for u in unmet(case)] == ["R29"]

    def test_refused_when_the_case_is_unknown(self):
        assert [(u.rule, u.field) for u in unmet(None)] == [("R29", "case_id")]


class TestApplicantOfTheCase:
    """R29: relief is for a creditor of the case (申请执行人), by its index."""

    def test_refused_when_the_party_is_the_respondent(self):
        assert [(u.rule, u.field) for u in unmet(party_index=1)] == [("R29", "party_index")]

    def test_refused_when_the_party_index_is_not_in_the_case(self):
        assert [(u.rule, u.field) for u in unmet(party_index=7)] == [("R29", "party_index")]


    @pytest.mark.parametrize("index", [True, -1, 1000])
    def test_refused_naming_r29_when_the_party_index_is_no_index(self, index):
        # True would name party 1 in the case facts but another claimant record.
        with pytest.raises(InvalidRelief) as refused:
            Claimant.create_id("case-1", index)
        assert (refused.value.rule, refused.value.field) == ("R29", "party_index")
        with pytest.raises(InvalidRelief):
            Claimant(case_id="case-1", party_index=index)

    def test_refused_naming_case_id_when_it_is_unbounded(self):
        with pytest.raises(InvalidRelief) as refused:
            Claimant(case_id="x" * 101, party_index=0)
        assert refused.value.field == "case_id" and "xxx" not in str(refused.value)


class TestOnePaymentPerPartyPerCase:
    """R29: one relief payment per party per case; one open application at a time."""

    def test_refused_when_the_party_was_paid_in_the_case(self):
        found = unmet(party=claimant(paid="app-1"))
        assert [u.rule for u in found] == ["R29"]
        assert isinstance(refusal(found), AlreadyPaid)

    def test_second_payment_refused_when_the_first_was_recorded(self):
        party = claimant(paid="app-1")
        with pytest.raises(AlreadyPaid, match="R29"):
            party.record_paid("app-2", date(2026, 4, 1))

    def test_still_refused_when_the_claimant_is_read_back_from_its_events(self):
        with pytest.raises(AlreadyPaid):
            replayed(claimant(paid="app-1")).open("app-2")

    def test_refused_when_another_application_is_open(self):
        found = unmet(party=claimant(opened="app-1"))
        assert isinstance(refusal(found), ApplicationOpen)

    def test_accepted_again_when_the_open_application_was_closed(self):
        party = claimant(opened="app-1")
        party.close("app-1")
        assert unmet(party=party) == []
        assert party.open("app-2") is True

    def test_repeat_ignored_when_the_same_application_is_opened_again(self):
        party = claimant(opened="app-1")
        assert party.open("app-1") is False


class TestOtherOrganPaid:
    """R29: none if another organ already paid."""

    def test_refused_naming_r29_when_another_organ_paid(self):
        found = unmet(other_organ_paid=True)
        assert [(u.rule, u.field) for u in found] == [("R29", "other_organ_paid")]
        assert isinstance(refusal(found), OtherOrganPaid)


class TestRightNotified:
    """R31: the party is told of its right to apply; the first notice stands."""

    def test_first_notice_kept_when_notified_twice(self):
        party = claimant()
        assert party.notify(date(2026, 3, 2)) is True
        assert party.notify(date(2026, 3, 5)) is False
        assert replayed(party).notified_on == date(2026, 3, 2)
