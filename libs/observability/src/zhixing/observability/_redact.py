"""Spotting and masking personal numbers that slipped into text (R60 safety net).

Resident ID numbers (18 characters, last may be X) keep the first 6 and last 4, the
R60 default, hiding the birth date; account numbers (16–19 digits, optionally grouped
by 4) keep the last 4.
"""

from __future__ import annotations

import re

_NOT_ALNUM_BEFORE, _NOT_ALNUM_AFTER = r"(?<![0-9A-Za-z])", r"(?![0-9A-Za-z])"
_PERSONAL = re.compile(
    _NOT_ALNUM_BEFORE
    + r"(?:(?P<id>\d{17}[\dXx])|(?P<account>\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?))"
    + _NOT_ALNUM_AFTER
)


def _mask(match: re.Match[str]) -> str:
    if match.group("id"):
        value = match.group("id")
        return value[:6] + "*" * 8 + value[-4:]
    digits = re.sub(r"\D", "", match.group("account"))
    return "*" * (len(digits) - 4) + digits[-4:]


def redact(text: str) -> str:
    """`text` with resident IDs and account numbers masked."""
    return _PERSONAL.sub(_mask, text)


def looks_personal(text: str) -> bool:
    return _PERSONAL.search(text) is not None
