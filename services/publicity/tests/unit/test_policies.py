"""PublicityService's policies (R6): the dishonest list and its statistics are public."""

from __future__ import annotations

from zhixing.publicity.api.servicer import POLICIES, SERVICE


class TestWhoMayCall:
    def test_open_to_anyone_when_the_dishonest_rpcs_are_called(self):
        for method in ("ListDishonest", "CourtCreditStatistics"):
            assert f"/{SERVICE}/{method}" in POLICIES, f"R6: {method} has no policy"
