"""Masks for public pages (R60); organisation data is public (R6).

Masking happens in read models that face the public; events and stores keep the full
value. A mask configuration that would reveal a birth date is refused outright,
because a deployment setting must not be able to break R60.
"""

from __future__ import annotations

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
