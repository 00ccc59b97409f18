"""The targets (考核目标) the command centre measures a court against, and the ranking of
the courts furthest from them (issue 16, R33).

The figures are R33's; the target values are the command centre's defaults, set the way
a provincial high court's enforcement assessment (执行质效考核) usually sets them:

- 结案率 at least 80 % — closed ÷ (old stock + received) over the period;
- 执行到位率 at least 40 % — money received ÷ money claimed, over the cases closed;
- 终本合规率 100 % — every 终本 must meet all five R16 preconditions, so anything less is
  a shortfall;
- 终本率 at most 40 % — 终本 is not a way to empty the docket;
- 法定期限内结案率 at least 90 % — first-enforcement cases closed within R26's limit;
- 平均执行用时 at most 120 days.

A court's distance from its targets is the mean, over the targets whose figure it has,
of its relative shortfall: (target − value) ÷ target for a floor, (value − target) ÷
target for a ceiling, 0 when the target is met. A court with no figure for any target
(nothing closed yet) has no distance and ranks last. These are pure functions of the
proto messages the pages receive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb


class Direction(StrEnum):
    """Whether a figure should reach the target (a floor) or stay under it (a ceiling)."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"


@dataclass(frozen=True)
class Target:
    """One figure's target: `value` is a ratio (0..1) for a rate, days for a duration."""

    figure: str
    label: str
    value: float
    direction: Direction
    unit: str


TARGETS: tuple[Target, ...] = (
    Target("closure_rate", "结案率", 0.80, Direction.AT_LEAST, "%"),
    Target("recovered_rate", "执行到位率", 0.40, Direction.AT_LEAST, "%"),
    Target("zhongben_compliance", "终本合规率", 1.00, Direction.AT_LEAST, "%"),
    Target("zhongben_rate", "终本率", 0.40, Direction.AT_MOST, "%"),
    Target("within_limit_rate", "法定期限内结案率", 0.90, Direction.AT_LEAST, "%"),
    Target("avg_days", "平均执行用时", 120.0, Direction.AT_MOST, "天"),
)
"""The targets, in the order the pages show them."""


def ratio(part: int, whole: int) -> float | None:
    """part ÷ whole, or None when there is nothing to divide (no case counted)."""
    return part / whole if whole else None


def value_of(figures: pb.Figures, figure: str) -> float | None:
    """The figure a target measures; `within_limit_rate` is derived from the R26 counts."""
    if figure == "within_limit_rate":
        return ratio(figures.first_closed_within_limit, figures.first_closed)
    if not figures.HasField(figure):
        return None
    return float(getattr(figures, figure))


def shortfall(target: Target, value: float | None) -> float | None:
    """How far `value` falls short of `target`, relative to it; 0 when met, None when the
    figure is missing (nothing to judge)."""
    if value is None:
        return None
    gap = target.value - value if target.direction is Direction.AT_LEAST else value - target.value
    return max(gap, 0.0) / target.value


@dataclass(frozen=True)
class Ranked:
    """A court's distance from its targets and the target it misses most (for the label)."""

    court_code: str
    distance: float | None
    worst: str


def distance_of(figures: pb.Figures, targets: Sequence[Target] = TARGETS) -> Ranked:
    """The court's mean relative shortfall and the label of its worst target."""
    gaps = [(shortfall(t, value_of(figures, t.figure)), t.label) for t in targets]
    known = [(g, label) for g, label in gaps if g is not None]
    if not known:
        return Ranked(figures.court_code, None, "")
    worst_gap, worst_label = max(known, key=lambda pair: pair[0])
    return Ranked(figures.court_code, sum(g for g, _ in known) / len(known),
                  worst_label if worst_gap > 0 else "")


def furthest_from_targets(rows: Sequence[pb.Figures], limit: int = 10) -> list[Ranked]:
    """The courts furthest from their targets first; ties by court code, courts without
    any figure last."""
    ranked = [distance_of(row) for row in rows]
    ranked.sort(key=lambda r: (r.distance is None, -(r.distance or 0.0), r.court_code))
    return ranked[:limit]
