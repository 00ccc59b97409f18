"""How the pages write a number for a court leader: the centre's own formats (percent with
one decimal, money in yuan with thousands separators, counts with separators, "—" for a
figure with nothing to count — `web.formats`) and, for the pages' lists, durations in
days and working days. Never "None", never a bare ratio."""

from __future__ import annotations

from zhixing.supervision.web.formats import MISSING, count, percent, yuan

__all__ = ["DASH", "count", "days", "percent", "working_days", "yuan"]

DASH = MISSING
"""A figure with nothing to count (e.g. a rate over no closed case)."""


def days(value: float | None) -> str:
    """37.25 → "37.2 天"; 37 → "37 天"."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return f"{int(value):,} 天"
    return f"{value:,.1f} 天"


def working_days(n: int) -> str:
    """3 → "3 个工作日"."""
    return f"{n:,} 个工作日"
