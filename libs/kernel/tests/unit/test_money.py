from __future__ import annotations

from decimal import Decimal

import pytest

from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.money import MAX_FEN, Money, bounded_fen, bounded_total


class TestMoney:
    def test_holds_fen_when_parsed_from_yuan(self) -> None:
        assert Money.from_yuan("12.34") == Money(fen=1234)

    def test_accepts_decimal_when_exact(self) -> None:
        assert Money.from_yuan(Decimal("0.1")).fen == 10

    def test_refused_when_more_than_two_decimals(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            Money.from_yuan("1.005", field="claim")
        assert caught.value.field == "claim"

    def test_refused_when_given_float(self) -> None:
        with pytest.raises(InvalidInput):
            Money.from_yuan(0.1)  # type: ignore[arg-type]

    def test_refused_when_not_a_number(self) -> None:
        with pytest.raises(InvalidInput):
            Money.from_yuan("twelve")

    def test_adds_and_subtracts_when_combined(self) -> None:
        assert Money(500) + Money(250) - Money(100) == Money(650)

    def test_orders_by_amount_when_compared(self) -> None:
        assert Money(1) < Money(2) <= Money(2)

    def test_prints_yuan_sign_when_formatted(self) -> None:
        assert str(Money(1234)) == "¥12.34"

    def test_prints_minus_when_negative(self) -> None:
        assert str(Money(-5)) == "-¥0.05"

    def test_multiplies_when_scaled_by_integer(self) -> None:
        assert Money(100) * 36 == Money(3600)

    def test_refused_naming_field_and_rule_when_negative(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            Money(-1).require_non_negative("disbursed", rule="R28")
        assert (caught.value.field, caught.value.rule) == ("disbursed", "R28")

    def test_returns_itself_when_non_negative(self) -> None:
        assert Money(0).require_non_negative("amount") == Money.zero()


class TestTheMoneyBound:
    """Issue 12 item 3: one bound for every amount and every sum, refused by name."""

    def test_an_amount_at_the_bound_is_kept_when_bounded(self):
        assert bounded_fen(MAX_FEN, "claim.interest_fen") == MAX_FEN

    @pytest.mark.parametrize("amount", [MAX_FEN + 1, 2**63 - 1, -(MAX_FEN + 1)])
    def test_invalid_input_naming_field_bound_and_rule_when_past_the_bound(self, amount):
        with pytest.raises(InvalidInput) as refusal:
            bounded_fen(amount, "claim.interest_fen")
        error = refusal.value
        assert (error.field, error.rule) == ("claim.interest_fen", "R28")
        assert str(MAX_FEN) in str(error)

    def test_invalid_input_naming_the_field_when_a_sum_of_bounded_parts_passes_it(self):
        with pytest.raises(InvalidInput) as refusal:
            bounded_total([MAX_FEN, 1], "claim")
        assert refusal.value.field == "claim" and "total" in str(refusal.value)

    def test_money_refuses_an_amount_past_the_bound_when_made(self):
        with pytest.raises(InvalidInput):
            Money(MAX_FEN + 1)
