"""How the command centre writes a number for a court leader: percent with one decimal,
money in yuan with thousands separators, days, counts with separators, and a dash for a
figure that does not exist (nothing counted) — never "None", never a bare ratio."""

from __future__ import annotations

DASH = "—"
"""A figure with nothing to count (e.g. a rate over no closed case)."""


def percent(ratio: float | None) -> str:
    """0.8532 → "85.3%"."""
    return DASH if ratio is None else f"{ratio * 100:.1f}%"


def count(n: int | None) -> str:
    """12345 → "12,345"."""
    return DASH if n is None else f"{n:,}"


def yuan(fen: int | None) -> str:
    """123456789 fen → "¥1,234,567.89"; a negative amount keeps its sign before ¥."""
    if fen is None:
        return DASH
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole:,}.{cents:02d}"


def days(value: float | None) -> str:
    """37.25 → "37.3 天"; 37 → "37 天"."""
    if value is None:
        return DASH
    if float(value).is_integer():
        return f"{int(value):,} 天"
    return f"{value:,.1f} 天"


def working_days(n: int) -> str:
    """3 → "3 个工作日"."""
    return f"{n:,} 个工作日"
