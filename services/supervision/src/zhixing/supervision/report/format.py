"""How a report writes a figure: a rate in percent with one decimal, money as ¥ with
thousands, a count as an integer — the same text in the PDF, the HTML and the CSV."""

from __future__ import annotations

from decimal import Decimal

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.report.model import Figure, Kind, value


def shown(figure: Figure, figures: pb.Figures) -> str:
    """The figure as a person reads it; "—" when it has no value (a divisor of 0)."""
    v = value(figures, figure.field)
    if v is None:
        return "—"
    if figure.kind is Kind.RATE:
        return f"{v * 100:.1f}%"
    if figure.kind is Kind.MONEY:
        return f"¥{yuan(int(v)):,}"
    if figure.kind is Kind.DAYS:
        return f"{v:.1f}" if not v.is_integer() else f"{int(v)}"
    return f"{int(v):,}"


def yuan(fen: int) -> Decimal:
    """Fen as yuan, exactly (two decimals)."""
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def cell(figure: Figure, figures: pb.Figures) -> str:
    """The figure for the CSV annex: plain numbers (no separators), "" when absent."""
    v = value(figures, figure.field)
    if v is None:
        return ""
    if figure.kind is Kind.RATE:
        return f"{v * 100:.1f}"
    if figure.kind is Kind.MONEY:
        return str(yuan(int(v)))
    if figure.kind is Kind.DAYS:
        return f"{v:.1f}"
    return str(int(v))


def change(figure: Figure, now: pb.Figures, before: pb.Figures) -> str:
    """本期比上期: a rate in percentage points, a count or sum as a difference and a ratio."""
    a, b = value(now, figure.field), value(before, figure.field)
    if a is None or b is None:
        return "—"
    if figure.kind is Kind.RATE:
        return f"{(a - b) * 100:+.1f}个百分点"
    diff = a - b
    if figure.kind is Kind.DAYS:
        text = f"{diff:+.1f}天"
    elif figure.kind is Kind.MONEY:
        text = f"{'+' if diff >= 0 else '-'}¥{abs(yuan(int(diff))):,}"
    else:
        text = f"{int(diff):+,}"
    return text if b == 0 else f"{text}（{diff / b * 100:+.1f}%）"
