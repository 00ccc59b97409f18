"""Money entering the assets service is held to the kernel's one bound (issue 12 item 3):
beyond `MAX_FEN` the refusal names the field, the bound and the rule."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.assets.domain.auction import check_bid_amount, check_valuation
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.money import MAX_FEN

INT64_MAX = 2**63 - 1
TODAY = date(2026, 3, 2)


class TestValuationBound:
    def test_invalid_input_naming_value_fen_and_r47_when_past_the_bound(self):
        with pytest.raises(InvalidInput) as refusal:
            check_valuation("appraisal", INT64_MAX, TODAY, TODAY)
        assert (refusal.value.field, refusal.value.rule) == ("value_fen", "R47")
        assert str(MAX_FEN) in str(refusal.value)

    def test_a_valuation_at_the_bound_is_accepted_when_checked(self):
        check_valuation("appraisal", MAX_FEN, TODAY, TODAY)


class TestBidBound:
    def test_invalid_input_naming_amount_fen_when_a_bid_is_past_the_bound(self):
        with pytest.raises(InvalidInput) as refusal:
            check_bid_amount({"bids": [], "starting_price_fen": 100}, INT64_MAX)
        assert refusal.value.field == "amount_fen" and str(MAX_FEN) in str(refusal.value)
