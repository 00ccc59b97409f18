"""豁免财产 (R24): exempt property is never sealed, detained or frozen, and a natural
person's deposit freeze leaves the local minimum living amount (policy
`control.living_minimum_fen`, 1,000 yuan by default)."""

from __future__ import annotations

import pytest

from zhixing.assets.domain.errors import ExemptProperty, InvalidAssetInput
from zhixing.assets.domain.exempt import EXEMPT_CATEGORIES

from .control_fixtures import YUAN, order


def movable(clock, category):
    return order(clock, asset_id="item-1", kind="seal", asset_kind="movable",
                 amount_fen=2_000 * YUAN, exempt_category=category)


def person_deposit(clock, amount_yuan, balance_yuan):
    return order(clock, amount_fen=amount_yuan * YUAN, balance_fen=balance_yuan * YUAN,
                 natural_person=True)


class TestExemptCategories:
    @pytest.mark.parametrize("category", sorted(EXEMPT_CATEGORIES))
    def test_refused_naming_r24_when_the_property_is_exempt(self, app, case, clock, category):
        with pytest.raises(ExemptProperty) as refusal:
            app.impose_measure(case, movable(clock, category), "r-1")
        assert str(refusal.value).startswith("R24 [exempt_category]: ")
        assert category in str(refusal.value)

    def test_nothing_is_written_when_exempt_property_is_refused(self, app, case, clock):
        with pytest.raises(ExemptProperty):
            app.impose_measure(case, movable(clock, "medical_aid"), "r-1")
        assert (app.queue_of("item-1"), app.measures_of_case(case.case_id)) == ([], [])

    def test_ordinary_property_without_a_category_is_sealed(self, app, case, clock):
        assert app.impose_measure(case, movable(clock, ""), "r-1").status == "effective"


class TestLivingMinimum:
    def test_refused_with_the_figures_when_a_persons_freeze_leaves_less_than_the_minimum(
            self, app, case, clock):
        # R24: 5,000 yuan in the account, 1,000 yuan kept: at most 4,000 yuan frozen.
        with pytest.raises(ExemptProperty) as refusal:
            app.impose_measure(case, person_deposit(clock, 4_500, 5_000), "r-1")
        assert str(refusal.value) == (
            "R24 [amount_fen]: a natural person keeps 100000 fen to live on: of a balance of "
            "500000 fen at most 400000 fen may be frozen; asked 450000")

    def test_a_persons_deposit_is_frozen_up_to_the_balance_less_the_minimum(self, app, case,
                                                                            clock):
        measure = app.impose_measure(case, person_deposit(clock, 4_000, 5_000), "r-1")
        assert measure.amount_fen == 4_000 * YUAN

    def test_a_companys_deposit_may_be_frozen_to_the_last_fen(self, app, case, clock):
        # R24 protects the living of a person and their dependants, not an organisation.
        measure = app.impose_measure(case, order(clock, amount_fen=5_000 * YUAN,
                                                 balance_fen=5_000 * YUAN), "r-1")
        assert measure.status == "effective"

    def test_the_balance_is_required_to_freeze_a_persons_deposit(self, app, case, clock):
        with pytest.raises(InvalidAssetInput, match=r"R24 \[balance_fen\]"):
            app.impose_measure(case, person_deposit(clock, 100, 0), "r-1")
