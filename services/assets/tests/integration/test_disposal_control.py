"""A disposal starts from what the case controls: the asset's class is its measure's, and
frozen money is deducted, not auctioned (R47, R48)."""

from __future__ import annotations

import pytest

from zhixing.assets.domain.errors import DisposalRefused

from .control_fixtures import ASSET, FLAT, flat, order


class TestWhatMayBeDisposed:
    def test_refused_when_the_asset_is_frozen_money(self, app, case, clock):
        app.impose_measure(case, order(clock), "freeze-1")
        with pytest.raises(DisposalRefused, match=r"R47 \[asset_id\]: frozen money"):
            app.start_disposal(case, ASSET, "movable", "d-1")

    def test_refused_when_real_property_is_declared_movable(self, app, case, clock):
        app.impose_measure(case, flat(clock, 50_000), "seal-1")
        with pytest.raises(DisposalRefused, match=r"R48 \[asset_class\]"):
            app.start_disposal(case, FLAT, "movable", "d-1")

    def test_real_property_sealed_by_the_case_may_be_disposed_of(self, app, case, clock):
        app.impose_measure(case, flat(clock, 50_000), "seal-1")
        disposal = app.start_disposal(case, FLAT, "real_property", "d-1")
        assert disposal.asset_class == "real_property"
