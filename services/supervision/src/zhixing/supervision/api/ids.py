"""Ids a request names: a UUID, or a client's idempotency key made into one."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from zhixing.kernel.errors import NotFound

KEYS = uuid.uuid5(uuid.NAMESPACE_URL, "zhixing:supervision:request-id")
"""The namespace of ids made from a client's key that is not itself a UUID."""


def parse_id(text: str, missing: Callable[[], NotFound]) -> uuid.UUID:
    """The UUID a request names; anything else is answered as an unknown id."""
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise missing() from None


def key_id(text: str) -> uuid.UUID | None:
    """The id a client's idempotency key gives (the same key, the same id); None when
    the request carries none."""
    key = text.strip()
    if not key:
        return None
    try:
        return uuid.UUID(key)
    except ValueError:
        return uuid.uuid5(KEYS, key)
