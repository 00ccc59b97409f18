"""Refusals of an unknown word quote a short, masked excerpt of it (issue 12 item 4, R60)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from zhixing.assets.domain.control_terms import MeasureOrder
from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.assets.domain.investigation import Investigation

RESIDENT_ID = "510104199001011234"
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


class TestUnknownWords:
    def test_refusal_masks_the_id_when_it_is_given_as_the_investigation_measure(self):
        with pytest.raises(InvalidAssetInput) as caught:
            Investigation.record(case_id="c", request_id="r", court_code="川0104",
                                 measure=RESIDENT_ID, recorded_on="2026-03-02",
                                 property_found=False, outcome="")
        assert RESIDENT_ID not in str(caught.value) and caught.value.field == "measure"

    def test_refusal_masks_the_id_when_it_is_given_as_the_measure_kind(self):
        order = MeasureOrder(asset_id="a-1", kind=RESIDENT_ID, asset_kind="deposit",
                             ruling_number="(2026)川0104执1号之一", amount_fen=100,
                             served_at=NOW)
        with pytest.raises(InvalidAssetInput) as caught:
            order.check(NOW)
        assert RESIDENT_ID not in str(caught.value) and caught.value.field == "kind"
