"""The portal's templates and static files: one Jinja2 environment (autoescaped, strict
about missing names) with the filters the pages use, and `static(name)` addresses that
carry a mark of the file's content (cached for long, changed with a release)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from zhixing.kernel.clock import china_tz

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def yuan(fen: int | None) -> str:
    """An amount in fen as yuan with thousands separators: 1234567 → "12,345.67 元"."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}{fen // 100:,}.{fen % 100:02d} 元"


def beijing(moment: str | None) -> str:
    """An instant as the parties read it: in Beijing time (+08:00), to the minute
    ("2026-03-05T02:00:00+00:00" → "2026-03-05 10:00（北京时间）"; the events carry UTC).
    A plain date, or text that is no aware instant, is shown as it is."""
    text = (moment or "").strip()
    if "T" not in text and " " not in text:
        return text
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return text
    if at.tzinfo is None:
        return text
    local = at.astimezone(china_tz())
    return local.strftime("%Y-%m-%d %H:%M（北京时间）")


def templates() -> Environment:
    """The portal's templates (templates/), escaped by default."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["yuan"] = yuan
    env.filters["beijing"] = beijing
    env.globals["static"] = static_url
    return env


def static_url(name: str) -> str:
    """The address of static file `name` with a mark of its content."""
    return f"/static/{name}?v={_mark(name)}"


@cache
def _mark(name: str) -> str:
    path = STATIC / name
    if path.parent != STATIC or not path.is_file():
        raise FileNotFoundError(f"no static file {name!r} in {STATIC}")
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]
