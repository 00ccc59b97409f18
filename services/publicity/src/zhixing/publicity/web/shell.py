"""The portal's templates and static files: one Jinja2 environment (autoescaped, strict
about missing names) with the filters the pages use, and `static(name)` addresses that
carry a mark of the file's content (cached for long, changed with a release)."""

from __future__ import annotations

import hashlib
import re
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


LONG_NUMBER = re.compile(r"\d(?:[\s\-\u2010-\u2015\uff0d.]{0,2}\d){14,}(?:[\s\-]{0,2}[xX\uff58\uff38])?")
"""A run of 15 digits or more (spaces or dashes between them): a resident ID (15 or 18,
X last), a bank account (15–19). A telephone number (11–12) is not one."""


def masked(text: str | None) -> str:
    """A free text a court wrote, as the public may read it (R60's last line: the reward
    notice's text is stored as typed): every long number masked to its last 4."""

    def tail(found: re.Match[str]) -> str:
        signs = [c for c in found.group() if c.isdigit() or c in "xX\uff58\uff38"]
        return "*" * (len(signs) - 4) + "".join(signs[-4:])

    return LONG_NUMBER.sub(tail, text or "")


def templates() -> Environment:
    """The portal's templates (templates/), escaped by default."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["yuan"] = yuan
    env.filters["beijing"] = beijing
    env.filters["masked"] = masked
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
