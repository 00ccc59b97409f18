"""Masks for public pages (R60); organisation data is public (R6).

Masking happens in read models that face the public; events and stores keep the full
value. A mask configuration that would reveal a birth date is refused outright,
because a deployment setting must not be able to break R60.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

MASK_CHAR = "*"

# Where the birth date sits in a resident ID, by length: 18-digit numbers carry
# YYYYMMDD at positions 7–14, the old 15-digit ones YYMMDD at 7–12 (1-based).
_BIRTH_DATE_SPAN = {18: (6, 14), 15: (6, 12)}


class IdentityKind(StrEnum):
    """Whether a party is a natural person or an organisation."""

    NATURAL_PERSON = "natural_person"
    ORGANISATION = "organisation"


def check_id_mask(keep_head: int, keep_tail: int, length: int = 18) -> None:
    """Raise ValueError unless the mask hides the birth date (R60)."""
    if keep_head < 0 or keep_tail < 0:
        raise ValueError("R60: mask keep_head/keep_tail must not be negative")
    # Numbers without a birth date (passports, ...) must still hide something.
    start, end = _BIRTH_DATE_SPAN.get(length, (length // 2, length // 2 + 1))
    if keep_head > start or length - keep_tail < end:
        raise ValueError(
            f"R60: mask keeping {keep_head} head and {keep_tail} tail characters "
            f"would reveal the birth date of a {length}-character ID number"
        )


def mask_id_number(value: str, keep_head: int = 6, keep_tail: int = 4) -> str:
    """``510104199001011234`` -> ``510104********1234`` (R60 default 6 + 4)."""
    check_id_mask(keep_head, keep_tail, len(value))
    hidden = len(value) - keep_head - keep_tail
    return value[:keep_head] + MASK_CHAR * hidden + value[len(value) - keep_tail :]


def mask_name(name: str) -> str:
    """Keep the family name (first character): 张三丰 -> 张**.

    Note R6 publishes a listed natural person's name in full on the dishonest-debtor
    list; use this mask where a name is shown but not required by a rule (R61).
    """
    name = name.strip()
    if not name:
        return ""
    # A single character shown as-is would be the whole name.
    return name[0] + MASK_CHAR * max(len(name) - 1, 1)


def mask_party(name: str, identity_kind: IdentityKind | str) -> str:
    """Organisation names are public (R6); a natural person's name is masked."""
    if IdentityKind(identity_kind) is IdentityKind.ORGANISATION:
        return name
    return mask_name(name)


def mask_account(account: str) -> str:
    """Bank account: keep the last 4 characters only (R60)."""
    compact = "".join(account.split())
    if len(compact) <= 4:
        return MASK_CHAR * len(compact)
    return MASK_CHAR * (len(compact) - 4) + compact[-4:]


EXCERPT_CHARS = 32
"""The most characters of a caller's input an error message quotes: a case number, a
court code or a misspelt word fits; a pasted document does not."""
# Letters and digits, perhaps grouped by up to 3 other marks (spaces, dots, dashes,
# colons, underscores, invisible or control characters): with 8 digits or more such a run
# may be an identity (a resident ID, a credit code, a passport, a phone) or an account,
# and an excerpt keeps only its last 4 (R60). Digits of any script count, and the text is
# NFKC-normalised first, so full-width digits and ideographic spaces (as a Chinese input
# method types them) are the digits and spaces they look like. Chinese characters end a
# run, so case numbers' parts (a year, a court's 4 digits, a serial) stay readable.
_RUN = re.compile(r"[A-Za-z\d]+(?:[\W_]{1,3}[A-Za-z\d]+)*")
_IDENTITY_DIGITS = 8


def _printable(c: str) -> str:
    """`c`, or "?" for a character that would break or reorder a log line: controls,
    formats (bidi overrides, zero-width marks), line and paragraph separators."""
    category = unicodedata.category(c)
    return "?" if category[0] == "C" or category in ("Zl", "Zp") else c


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """What an error message may quote of a caller's input (issue 12 item 4, R60): at
    most `limit` characters, quoted, with anything shaped like an identity or account
    number masked to its last 4 and control characters replaced, and the full length
    when it was cut: ``'(2024)川0104执12号'``, ``'**************1234'``,
    ``'aaaa…' (1048576 characters)``."""
    window = unicodedata.normalize("NFKC", text[: limit + 64])  # a megabyte is never scanned
    shown = "".join(_printable(c) for c in _RUN.sub(_mask_run, window)[:limit])
    if len(text) <= limit:
        return f"'{shown}'"
    return f"'{shown}…' ({len(text)} characters)"


def _mask_run(found: re.Match[str]) -> str:
    run = found.group()
    if sum(c.isdigit() for c in run) < _IDENTITY_DIGITS:
        return run
    kept = len(run) - 4
    return "".join(c if i >= kept or not c.isalnum() else MASK_CHAR for i, c in enumerate(run))
