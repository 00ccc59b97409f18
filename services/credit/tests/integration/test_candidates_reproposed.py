"""A ground made out again after a decision on it proposes the debtor again: a second
settlement that fails after the court declined to list (R1(6), R5) — whatever order the
cases and credit topics arrive in (STYLE 17)."""

from __future__ import annotations

from . import test_candidates as candidates
from .test_candidates import DEBTOR_ID, declined, defaulted, listed, missed

view = candidates.view  # feeds events to the projection, reads the court's candidates (a fixture)


class TestTheSameGroundAgain:
    def test_the_debtor_is_a_candidate_again_when_a_later_settlement_fails_after_a_decline(
            self, view):
        assert view(defaulted("2026-02-20"), declined("2026-03-02"),
                    defaulted("2026-06-10")) == [(6, DEBTOR_ID, "2026-06-10")]

    def test_the_debtor_is_a_candidate_again_when_the_decision_arrived_before_both(self, view):
        assert view(declined("2026-03-02"), defaulted("2026-06-10"),
                    defaulted("2026-02-20")) == [(6, DEBTOR_ID, "2026-06-10")]

    def test_the_debtor_stays_decided_when_the_same_default_is_delivered_again(self, view):
        assert view(defaulted("2026-02-20"), listed("2026-03-02"),
                    defaulted("2026-02-20"), missed("2026-01-15")) == []
