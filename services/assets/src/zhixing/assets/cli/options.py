"""What the `zhixing asset` commands share: the ids they take, idempotency keys, and
dates and times read from the command line (bad input exits 2 naming the option)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import uuid4

import typer

from zhixing.runtime.cli_kit import today, usage

AssetId = Annotated[str, typer.Argument(help="The asset, as `zhixing asset picture` shows it.")]
RequestId = Annotated[str, typer.Option(help="Idempotency key: repeat it to retry safely "
                                             "(default: a fresh one, printed back).")]


def new_key() -> str:
    """A fresh idempotency key for a write."""
    return str(uuid4())


def moment(text: str, field: str, *, required: bool = False) -> str:
    """An ISO 8601 time with its offset, or empty for "now"; else exit 2 naming the option."""
    if not text.strip() and not required:
        return ""
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        usage("give a time with its offset, e.g. 2026-03-20T10:00:00+08:00", field)
    return parsed.isoformat()


def day(text: str, field: str) -> date:
    """A date YYYY-MM-DD, or today in Beijing when empty; else exit 2 naming the option."""
    if not text.strip():
        return today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        usage("give a date as YYYY-MM-DD", field)
