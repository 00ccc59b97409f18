"""Charts a leader reads at a glance — trends, distributions, rankings — drawn on the
server as SVG (issue 16), for the command centre's pages and the report's PDF alike.

Why our own and not a library: the command centre's CSP forbids inline style and script,
and WeasyPrint must draw the same picture into the PDF. So every chart here uses
PRESENTATION ATTRIBUTES only (fill=, stroke=, font-size=, …): no <style>, no style=, no
script, no external reference. Every label is escaped; the output is deterministic (the
same input gives the same bytes: numbers are formatted with fixed decimals), so a page
and its report draw the same chart and a test can compare them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["Series", "bars", "histogram", "line"]

# Colour-blind-safe palette (Okabe–Ito), one colour per series in order.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
INK, GRID, MUTED, TARGET = "#222222", "#DDDDDD", "#666666", "#C00000"
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif"
FONT_SIZE = 11
TITLE_SIZE = 13
Placer = Callable[[int, float], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a trend chart: its name (the legend) and one value per label; None is a
    month with no figure (no case in the denominator) and leaves a gap, never a zero."""

    name: str
    values: Sequence[float | None]


def fmt(value: float | None, unit: str = "%") -> str:
    """The figure as a person reads it: a rate with one decimal, a count with thousands
    separators; "—" when there is no figure."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{value:.1f}%"
    if float(value).is_integer():
        return f"{int(value):,}{unit}"
    return f"{value:,.1f}{unit}"


def _n(x: float) -> str:
    """A coordinate with a fixed precision, so the output is byte-for-byte deterministic."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _nice_max(top: float, unit: str) -> float:
    """The axis maximum: 100 for rates that fit in it; else a round number ≥ the data."""
    if unit == "%" and top <= 100:
        return 100.0
    if top <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(top))
    for step in (1, 2, 2.5, 5, 10):
        if top <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)  # pragma: no cover - the loop always returns


def _text_width(text: str, size: float) -> float:
    """An estimate of a label's width: a CJK character is about one em, ASCII half of one."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.6 for ch in text)


def _clip(text: str, room: float, size: float) -> str:
    """The label cut with "…" so it fits in `room` pixels (the full label stays in <title>)."""
    if _text_width(text, size) <= room:
        return text
    while text and _text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def _open(title: str, width: float, height: float) -> list[str]:
    label = escape(title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-label="{label}" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" font-family="{FONT}" '
        f'font-size="{FONT_SIZE}" fill="{INK}">',
        f"<title>{label}</title>",
        f'<text x="8" y="18" font-size="{TITLE_SIZE}" font-weight="bold">{label}</text>',
    ]


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK) -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{fill}">{escape(text)}</text>'


def line(
    series: Sequence[Series],
    labels: Sequence[str],
    *,
    title: str,
    unit: str = "%",
    width: int = 640,
    height: int = 260,
) -> Markup:
    """A trend: one line per series over the labels (months), a gap where a value is None,
    each point with a tooltip (<title>) giving its exact figure."""
    left, right, top = 56.0, 16.0, 32.0
    bottom = 40.0 + 16.0 * math.ceil(len(series) / 3)
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [v for s in series for v in s.values if v is not None]
    y_max = _nice_max(max(known, default=0.0), unit)
    step_x = plot_w / max(len(labels) - 1, 1)

    def at(i: int, v: float) -> tuple[float, float]:
        return left + i * step_x, top + plot_h * (1 - v / y_max)

    out = _open(title, width, height)
    for k in range(5):  # four grid lines over the zero axis, labelled
        value = y_max * k / 4
        y = top + plot_h * (1 - k / 4)
        out.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(width - right)}" y2="{_n(y)}" '
            f'stroke="{INK if k == 0 else GRID}" stroke-width="1"/>'
        )
        out.append(_text(left - 6, y + 4, fmt(value, unit), anchor="end", fill=MUTED))
    every = max(1, math.ceil(len(labels) / max(int(plot_w // 60), 1)))
    for i, label in enumerate(labels):
        if i % every == 0:
            x = left + i * step_x
            out.append(_text(x, top + plot_h + 16, label, anchor="middle", fill=MUTED))
    for n, one in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        out.extend(_series_path(one, labels, at, colour, unit))
    out.extend(_legend(series, left, height - bottom + 28, plot_w))
    out.append("</svg>")
    return Markup("\n".join(out))


def _series_path(one: Series, labels: Sequence[str], at: Placer, colour: str, unit: str) -> list[str]:
    """The series' polylines (split at each None) and its points with their tooltips."""
    out: list[str] = []
    runs: list[list[tuple[float, float]]] = [[]]
    points: list[str] = []
    for i, value in enumerate(one.values[: len(labels)]):
        if value is None:
            runs.append([])
            continue
        x, y = at(i, value)
        runs[-1].append((x, y))
        tip = escape(f"{one.name} {labels[i]}：{fmt(value, unit)}")
        points.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="{colour}"><title>{tip}</title></circle>'
        )
    for run in runs:
        if len(run) > 1:
            coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
            out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
    return out + points


def _legend(series: Sequence[Series], left: float, y: float, room: float) -> list[str]:
    out: list[str] = []
    slot = room / 3
    for n, one in enumerate(series):
        x = left + (n % 3) * slot
        row_y = y + (n // 3) * 16
        colour = PALETTE[n % len(PALETTE)]
        out.append(f'<rect x="{_n(x)}" y="{_n(row_y - 9)}" width="12" height="10" fill="{colour}"/>')
        out.append(_text(x + 16, row_y, _clip(one.name, slot - 24, FONT_SIZE)))
    return out


def bars(
    items: Sequence[tuple[str, float | None]],
    *,
    title: str,
    unit: str = "%",
    target: float | None = None,
    width: int = 640,
) -> Markup:
    """A ranking: one horizontal bar per item, in the order given (the caller sorts), the
    figure at the bar's end ("—" and no bar when None), and a dashed line at the target."""
    row, label_w, top, right = 22.0, 150.0, 32.0, 64.0
    bottom = 24.0 if target is not None else 8.0
    height = top + row * len(items) + bottom
    plot_w = width - label_w - right
    known = [v for _, v in items if v is not None] + ([target] if target is not None else [])
    x_max = _nice_max(max(known, default=0.0), unit)
    out = _open(title, width, height)
    for i, (label, value) in enumerate(items):
        y = top + i * row
        clipped = _clip(label, label_w - 12, FONT_SIZE)
        out.append(
            f"<g><title>{escape(f'{label}：{fmt(value, unit)}')}</title>"
            + _text(label_w - 8, y + row / 2 + 4, clipped, anchor="end")
        )
        length = 0.0 if value is None else plot_w * max(value, 0.0) / x_max
        if value is not None:
            colour = PALETTE[0] if target is None or value >= target else PALETTE[1]
            out.append(
                f'<rect x="{_n(label_w)}" y="{_n(y + 4)}" width="{_n(length)}" '
                f'height="{_n(row - 8)}" fill="{colour}"/>'
            )
        out.append(_text(label_w + length + 4, y + row / 2 + 4, fmt(value, unit)) + "</g>")
    out.append(
        f'<line x1="{_n(label_w)}" y1="{_n(top)}" x2="{_n(label_w)}" '
        f'y2="{_n(top + row * len(items))}" stroke="{INK}" stroke-width="1"/>'
    )
    if target is not None:
        x = label_w + plot_w * target / x_max
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(top - 4)}" x2="{_n(x)}" '
            f'y2="{_n(top + row * len(items))}" stroke="{TARGET}" stroke-width="1.5" '
            f'stroke-dasharray="4 3"/>'
        )
        label = f"目标 {fmt(target, unit)}"
        out.append(_text(x, height - 8, label, anchor="middle", fill=TARGET))
    out.append("</svg>")
    return Markup("\n".join(out))


def histogram(
    buckets: Sequence[tuple[str, int]],
    *,
    title: str,
    unit: str = "件",
    width: int = 640,
    height: int = 220,
) -> Markup:
    """A distribution: vertical columns, one per bucket label (e.g. days waiting 0–10,
    11–20 …), the count above each column."""
    left, right, top, bottom = 16.0, 16.0, 32.0, 28.0
    plot_w, plot_h = width - left - right, height - top - bottom
    y_max = _nice_max(float(max((c for _, c in buckets), default=0)), unit)
    slot = plot_w / max(len(buckets), 1)
    out = _open(title, width, height)
    base = top + plot_h
    for i, (label, count) in enumerate(buckets):
        x = left + i * slot
        h = plot_h * max(count, 0) / y_max
        tip = escape(f"{label}：{fmt(count, unit)}")
        out.append(
            f'<g><title>{tip}</title><rect x="{_n(x + slot * 0.15)}" y="{_n(base - h)}" '
            f'width="{_n(slot * 0.7)}" height="{_n(h)}" fill="{PALETTE[0]}"/>'
            + _text(x + slot / 2, base - h - 4, fmt(count, unit), anchor="middle")
            + _text(x + slot / 2, base + 16, _clip(label, slot - 4, FONT_SIZE), anchor="middle", fill=MUTED)
            + "</g>"
        )
    out.append(
        f'<line x1="{_n(left)}" y1="{_n(base)}" x2="{_n(width - right)}" y2="{_n(base)}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    out.append("</svg>")
    return Markup("\n".join(out))
