"""How the pages write numbers (Jinja2 filters): a rate as a percent with one decimal,
money in yuan with thousands separators, counts with thousands separators; a missing
figure (no case to count it over) as "—"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MISSING = "—"


def percent(value: float | None, digits: int = 1) -> str:
    """0.4567 → "45.7%" (a rate given as a fraction)."""
    return MISSING if value is None else f"{value * 100:.{digits}f}%"


def yuan(fen: int | None) -> str:
    """123456789 (fen) → "¥1,234,567.89"."""
    if fen is None:
        return MISSING
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    return f"{sign}¥{whole:,}.{cents:02d}"


def count(value: int | None) -> str:
    """12345 → "12,345"."""
    return MISSING if value is None else f"{int(value):,}"


FILTERS: dict[str, Callable[..., Any]] = {"percent": percent, "yuan": yuan, "count": count}
