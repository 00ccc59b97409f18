"""Refusals of an unknown word quote a short, masked excerpt of it (issue 12 item 4, R60)."""

from __future__ import annotations

import pytest

from zhixing.cases.domain.errors import WrongStage
from zhixing.cases.domain.referral import RefusalReferral

RESIDENT_ID = "510104199001011234"


class TestReferralStage:
    def test_refusal_masks_the_id_when_it_is_given_as_the_next_stage(self) -> None:
        referral = RefusalReferral("c", "(2026)川0104执1号", "川0104", "移送函1号", "2026-03-02")
        with pytest.raises(WrongStage) as caught:
            referral.advance(RESIDENT_ID, "函2号", "2026-03-03")
        assert RESIDENT_ID not in str(caught.value) and caught.value.rule == "R44"
