"""不予纳入 — a decision not to list a debtor: recorded in the case's credit file once,
published as ListingDeclined (R16(2): the listing question is settled for 终本)."""

from __future__ import annotations

import pytest

from zhixing.contracts.events.credit import v1
from zhixing.credit.domain.case_file import CaseCreditFile
from zhixing.credit.domain.errors import InvalidDecision
from zhixing.credit.outbound import to_public

from ..conftest import DEBTOR_ID

CASE_ID, COURT = "7f1c2a9e-0000-4000-8000-000000000099", "川0104"


def declined(file: CaseCreditFile, on: str = "2026-03-02", rule: str = "R4") -> bool:
    return file.decline_listing(DEBTOR_ID, court_code=COURT, decided_on=on, reason_rule=rule)


def published(file: CaseCreditFile) -> list[v1.IntegrationEvent]:
    return [public for e in file.collect_events()
            for public in to_public(e, load=lambda _id, _version: file)]


class TestDeclineListing:
    def test_listing_declined_is_published_with_the_rule_when_the_court_declines(self):
        file = CaseCreditFile(CASE_ID)
        assert declined(file) is True
        assert published(file) == [v1.ListingDeclined(
            case_id=CASE_ID, court_code=COURT, debtor_identity_number=DEBTOR_ID,
            decided_on="2026-03-02", reason_rule="R4")]

    def test_nothing_new_is_recorded_when_the_same_decision_comes_again(self):
        file = CaseCreditFile(CASE_ID)
        declined(file)
        file.collect_events()
        assert declined(file) is False
        assert published(file) == []

    def test_invalid_decision_naming_r5_and_reason_rule_when_no_rule_is_given(self):
        with pytest.raises(InvalidDecision, match="names the rule") as refused:
            declined(CaseCreditFile(CASE_ID), rule=" ")
        assert (refused.value.rule, refused.value.field) == ("R5", "reason_rule")
