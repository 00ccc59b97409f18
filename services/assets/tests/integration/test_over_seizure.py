"""超标的查封 (R21): what a case controls is capped at its claim and costs plus the
policy tolerance (20%: 100,000 yuan → 120,000 yuan); one indivisible asset worth more
is allowed but flagged; the case's ledger moves with its measures in one save."""

from __future__ import annotations

import pytest

from zhixing.assets.domain.errors import OverSeizure
from zhixing.contracts.events.assets.v1 import MeasureTookEffect

from .control_fixtures import YUAN, a_case, flat, order, other_court_case, published


def freeze(app, case, clock, yuan, request_id, asset_id="account-1"):
    return app.impose_measure(case, order(clock, asset_id=asset_id, amount_fen=yuan * YUAN),
                              request_id)


class TestDivisibleProperty:
    def test_freezing_up_to_the_cap_is_allowed(self, app, case, clock):
        # R21: 100,000 yuan claim + 20% = 120,000 yuan.
        freeze(app, case, clock, 100_000, "r-1")
        measure = freeze(app, case, clock, 20_000, "r-2", asset_id="account-2")
        assert (measure.status, measure.over_cap_flagged) == ("effective", False)

    def test_refused_with_the_figures_when_a_freeze_goes_beyond_the_cap(self, app, case,
                                                                        clock):
        # R21: the message names the cap, the claim, the tolerance, what is controlled.
        freeze(app, case, clock, 100_000, "r-1")
        with pytest.raises(OverSeizure) as refusal:
            freeze(app, case, clock, 30_000, "r-2", asset_id="account-2")
        assert str(refusal.value) == (
            "R21 [amount_fen]: cap 12000000 fen = claim and costs 10000000 fen + 20%; "
            "10000000 fen already controlled, so at most 2000000 fen more; asked 3000000")

    def test_waiting_measures_count_towards_the_cap(self, app, case, clock):
        # R21 with R22: a waiting freeze binds the asset the day it is promoted.
        freeze(app, other_court_case(), clock, 50_000, "cq-1")
        freeze(app, case, clock, 110_000, "r-1")  # waits behind 渝0103
        with pytest.raises(OverSeizure):
            freeze(app, case, clock, 20_000, "r-2", asset_id="account-2")

    def test_a_released_measure_frees_its_value_for_another(self, app, case, clock):
        first = freeze(app, case, clock, 100_000, "r-1")
        app.release_measure(first.id, "over_seizure")
        measure = freeze(app, case, clock, 110_000, "r-2", asset_id="account-2")
        assert measure.status == "effective"

    def test_another_case_has_its_own_cap(self, app, case, clock):
        freeze(app, case, clock, 120_000, "r-1")
        other = a_case("00000000-0000-4000-8000-000000000501", claim_yuan=10_000)
        assert freeze(app, other, clock, 12_000, "r-1", asset_id="account-2").live


class TestIndivisibleAsset:
    def test_a_single_flat_worth_more_than_the_cap_is_sealed_and_flagged(self, app, case,
                                                                         clock):
        # R21: "a single indivisible asset worth more is allowed but flagged".
        measure = app.impose_measure(case, flat(clock, value_yuan=300_000), "r-1")
        assert (measure.status, measure.over_cap_flagged) == ("effective", True)
        [event] = published(app, MeasureTookEffect)
        assert event.over_cap_flagged is True

    def test_a_flat_is_refused_when_the_measures_in_place_already_cover_the_claim(
            self, app, case, clock):
        # R21: a further asset is then clearly beyond the claim.
        freeze(app, case, clock, 100_000, "r-1")
        with pytest.raises(OverSeizure, match="covering the claim"):
            app.impose_measure(case, flat(clock, value_yuan=300_000), "r-2")

    def test_a_flat_within_the_cap_is_not_flagged(self, app, case, clock):
        measure = app.impose_measure(case, flat(clock, value_yuan=100_000), "r-1")
        assert measure.over_cap_flagged is False


class TestConversion:
    def test_a_preservation_converted_over_the_cap_is_flagged_not_refused(self, app, case,
                                                                          clock):
        # R23 converts by law; R21 flags what the enforcement case now controls.
        freeze(app, case, clock, 110_000, "r-1")
        bao = a_case("00000000-0000-4000-8000-000000000502")
        kept = app.impose_measure(bao, order(clock, asset_id="account-2",
                                             amount_fen=50_000 * YUAN, preservation=True), "b-1")
        converted = app.convert_preservation(kept.id, case, "convert-1", "执100号")
        assert (converted.status, converted.over_cap_flagged) == ("effective", True)
