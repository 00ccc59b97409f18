"""The id a request names."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from zhixing.kernel.errors import NotFound


def parse_id(text: str, missing: Callable[[], NotFound]) -> uuid.UUID:
    """The UUID a request names; anything else is answered as an unknown id."""
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise missing() from None
