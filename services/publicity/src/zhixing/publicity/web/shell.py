"""The portal's templates and static files: one Jinja2 environment (autoescaped, strict
about missing names) with the filters the pages use, and `static(name)` addresses that
carry a mark of the file's content (cached for long, changed with a release)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

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


def templates() -> Environment:
    """The portal's templates (templates/), escaped by default."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["yuan"] = yuan
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
