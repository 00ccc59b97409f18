"""Where the time goes between a FileCase accepted and its case visible in publicity:
read the stage log (`zhixing.messaging.stages`, ZHIXING_STAGE_LOG) the relay and the
publicity consumer wrote, and split each case's latency into the stages it passed.

A case's mark for a stage is its first event's (the filing); the consumer's marks are
the case-progress projection's (`GROUP`). Gaps are per case, in milliseconds; the mean
gaps add up to the mean end-to-end latency, so they say where the time goes.
"""

from __future__ import annotations

import statistics
from itertools import pairwise
from pathlib import Path

GROUP = "publicity.case-progress"
CLUSTER = ("accepted", "relay.read", "relay.acked", "consumer.received", "consumer.polled",
           "consumer.committed")
EMBEDDED = ("accepted", "consumer.polled", "consumer.committed")
"""Embedded mode: the consumer reads the publisher's notification log itself."""


def read_marks(path: Path) -> dict[str, dict[str, int]]:
    """subject -> stage -> the earliest wall-clock ns it was marked at."""
    marks: dict[str, dict[str, int]] = {}
    if not path.exists():
        return marks
    for line in path.read_text().splitlines():
        parts = line.split(" ")
        if len(parts) != 5:
            continue
        ns, stage, where, subject = int(parts[0]), parts[1], parts[2], parts[3]
        if stage.startswith("consumer.") and where != GROUP:
            continue
        seen = marks.setdefault(subject, {})
        seen[stage] = min(seen.get(stage, ns), ns)
    return marks


def gaps(accepted: dict[str, int], marks: dict[str, dict[str, int]],
         stages: tuple[str, ...]) -> dict[str, list[float]]:
    """Per gap "a -> b", the milliseconds of every case that has all the stages."""
    found: dict[str, list[float]] = {f"{a} -> {b}": [] for a, b in pairwise(stages)}
    for subject, at in accepted.items():
        times = {"accepted": at, **marks.get(subject, {})}
        if not all(stage in times for stage in stages):
            continue
        for a, b in pairwise(stages):
            found[f"{a} -> {b}"].append((times[b] - times[a]) / 1e6)
    return found


def summary(found: dict[str, list[float]]) -> dict[str, tuple[float, float, float]]:
    """gap -> (mean, p50, p99) in ms."""
    return {gap: (statistics.fmean(ms), _pct(ms, 0.5), _pct(ms, 0.99))
            for gap, ms in found.items() if ms}


def print_table(title: str, runs: list[dict[str, tuple[float, float, float]]]) -> None:
    """Medians over runs of each gap's mean, p50 and p99."""
    if not runs or not runs[0]:
        print(f"  {title}: no stage marks (is ZHIXING_STAGE_LOG reaching the processes?)")
        return
    print(f"  {title} (ms; medians of {len(runs)} runs)        mean      p50      p99")
    for gap in runs[0]:
        values = [run[gap] for run in runs if gap in run]
        mean, p50, p99 = (statistics.median(v[i] for v in values) for i in range(3))
        print(f"    {gap:<40} {mean:8.1f} {p50:8.1f} {p99:8.1f}")


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]
