"""Integration-event fields whose form a consumer relies on are checked on parse (issue 12,
consumer fuzz): a date with a time in it, a claim with a stranger part, an identity number
too short to mask were accepted by the model and then failed inside a consumer as a bare
ValueError or TypeError. Now they do not fit the contract: `UnreadableEvent`, named."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from zhixing.contracts.events.cases.v1 import CaseConcluded, CaseDelegated, PartyV1
from zhixing.contracts.events.credit.v1 import ListingPublished
from zhixing.contracts.events.relief.v1 import ReliefDisbursed

pytestmark = pytest.mark.contract


def sample(model: type, **values: object) -> dict:
    """Every required field of `model` with a plain value of its type, then `values`."""
    plain = {str: "x", int: 0, bool: False, "str": "x", "int": 0, "bool": False}
    data = {name: plain.get(field.annotation, []) for name, field in model.model_fields.items()
            if field.is_required()}
    return {**data, **values}


def concluded(on: str) -> dict:
    return sample(CaseConcluded, concluded_on=on)


class TestDays:
    @pytest.mark.parametrize("text", ["2026-03-02T10:00:00+08:00", "", "2026-02-30", "20260302"])
    def test_refused_when_a_date_field_holds_no_plain_date(self, text):
        with pytest.raises(ValidationError) as refusal:
            CaseConcluded.model_validate(concluded(text))
        assert [e["loc"] for e in refusal.value.errors()] == [("concluded_on",)]

    def test_kept_when_a_date_field_holds_a_plain_date(self):
        assert CaseConcluded.model_validate(concluded("2026-03-02")).concluded_on == "2026-03-02"


class TestClaims:
    def test_a_part_left_out_reads_as_zero_when_a_claim_is_parsed(self):
        event = _delegated({"principal_fen": 100})
        assert event.claim_fen == {"principal_fen": 100, "interest_fen": 0, "costs_fen": 0}

    def test_refused_when_a_claim_has_a_part_no_claim_has(self):
        with pytest.raises(ValidationError):
            _delegated({"principal_fen": 100, "penalty_fen": 5})


class TestListedIdentity:
    @pytest.mark.parametrize("number", ["", "X", "12345678901", "51010419900101123X" + "0"])
    def test_refused_when_the_listed_number_cannot_be_an_identity_number(self, number):
        with pytest.raises(ValidationError):
            ListingPublished.model_validate(_listing(number))

    def test_kept_when_the_listed_number_is_a_resident_id(self):
        assert _listing_event("51010419900101123X").debtor_identity_number == "51010419900101123X"


class TestPartyIdentity:
    def test_refused_when_a_partys_number_is_too_short_to_mask(self):
        # The case-progress projection masked it (R60) and failed with a bare ValueError.
        with pytest.raises(ValidationError):
            PartyV1.model_validate(sample(PartyV1, identity_number="1101011990"))


def _delegated(claim: dict) -> CaseDelegated:
    return CaseDelegated.model_validate(sample(CaseDelegated, claim_fen=claim))


def _listing(number: str) -> dict:
    return sample(ListingPublished, debtor_identity_number=number)


def _listing_event(number: str) -> ListingPublished:
    return ListingPublished.model_validate(_listing(number))


class TestReliefAmountsAndDates:
    """Issue 14: a `ReliefDisbursed` with no date crashed the reports' year, and an amount
    past MAX_FEN overflowed their INTEGER column; now both are refused on parse."""

    @pytest.mark.parametrize("amount", [-1, 100_000_000_000_001, 10**30])
    def test_refused_when_an_amount_is_outside_whole_fen_to_max_fen(self, amount):
        with pytest.raises(ValidationError) as refusal:
            ReliefDisbursed.model_validate(sample(ReliefDisbursed, amount_fen=amount,
                                                  disbursed_on="2026-03-02"))
        assert [e["loc"] for e in refusal.value.errors()] == [("amount_fen",)]

    def test_refused_when_the_disbursement_date_is_no_date(self):
        with pytest.raises(ValidationError) as refusal:
            ReliefDisbursed.model_validate(sample(ReliefDisbursed, disbursed_on="x"))
        assert [e["loc"] for e in refusal.value.errors()] == [("disbursed_on",)]

    def test_kept_when_the_amount_is_exactly_max_fen(self):
        event = ReliefDisbursed.model_validate(sample(
            ReliefDisbursed, amount_fen=100_000_000_000_000, disbursed_on="2026-03-02"))
        assert event.amount_fen == 100_000_000_000_000

    @pytest.mark.parametrize("year", [0, -1, 10_000, 10**30])
    def test_refused_when_a_fund_year_is_no_calendar_year(self, year):
        with pytest.raises(ValidationError) as refusal:
            ReliefDisbursed.model_validate(sample(ReliefDisbursed, disbursed_on="2026-03-02",
                                                  fund_year=year))
        assert [e["loc"] for e in refusal.value.errors()] == [("fund_year",)]
