"""Failures with figures (issue 13): under a steady load, each component is stopped,
killed or poisoned in turn and brought back; nothing accepted may be lost, nothing may
be applied twice, a role told to stop drains and exits within its grace period, and no
process may die of a fault that is not its own.

Figures (recovery time, drain time, consumer lag) are printed, never asserted."""

from __future__ import annotations

import pytest

from testkit.chaos import SCENARIOS, chosen

pytestmark = [pytest.mark.chaos, pytest.mark.timeout(1200)]


@pytest.mark.parametrize("name", chosen())
def test_nothing_is_lost_or_applied_twice_when_a_component_fails(name, chaos_run):
    row = chaos_run.scenario(name, SCENARIOS[name])
    assert "exited:" not in row.note, f"{name}: {row.note}"
    assert row.lost == 0, f"{name}: {row.lost} accepted commands never became visible"
    assert row.twice == 0, f"{name}: {row.twice} effects recorded twice"
    assert row.parked == row.expected_parked, (
        f"{name}: {row.parked} dead letters, {row.expected_parked} expected (the poison)")
    if name.startswith("SIGTERM"):
        assert row.drain is not None and row.note.endswith("exit 0"), (
            f"{name}: did not drain and exit cleanly within its grace period ({row.note})")
