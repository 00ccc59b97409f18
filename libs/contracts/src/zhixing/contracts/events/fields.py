"""Field types the integration events share, validated on parse (issue 12).

A consumer counts deadlines from dates, rebuilds a claim, masks an identity number: a
value of the right JSON type but the wrong form (a date with a time in it, a claim
without its parts, a number too short to mask) passed the model and then failed inside
the handler as a bare ValueError or TypeError; an amount of a trillion trillion fen
overflowed a read model's INTEGER column (issue 14). Validated here, such an event is
`UnreadableEvent` — named, and parked — like any other that does not fit its contract.
The JSON schema stays a string (an amount an integer): every publisher already sends
these forms.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator

CLAIM_PARTS = ("principal_fen", "interest_fen", "costs_fen")
INT32_MAX = 2**31 - 1
"""The largest index a protobuf int32 carries (a party's place in its case)."""
MAX_FEN = 100_000_000_000_000
"""The largest amount an event carries: the kernel's MAX_FEN (contracts do not import the
kernel; tests/contract/test_money_bound.py holds the two figures equal)."""


def _day(value: str) -> str:
    if len(value) != 10:
        raise ValueError("a date is YYYY-MM-DD")
    date.fromisoformat(value)
    return value


def _fen(value: int) -> int:
    if not 0 <= value <= MAX_FEN:
        raise ValueError(f"an amount is whole fen from 0 to {MAX_FEN}")
    return value


def _year(value: int) -> int:
    if not 1 <= value <= 9999:
        raise ValueError("a year is 1 to 9999")
    return value


def _index(value: int) -> int:
    if not 0 <= value <= INT32_MAX:
        raise ValueError(f"an index is 0 to {INT32_MAX}")
    return value


def _claim(value: dict[str, int]) -> dict[str, int]:
    unknown = sorted(set(value) - set(CLAIM_PARTS))
    if unknown:
        raise ValueError(f"a claim has only {', '.join(CLAIM_PARTS)}")
    return {part: value.get(part, 0) for part in CLAIM_PARTS}  # a part left out is 0


def _identity(value: str) -> str:
    if not (len(value) in (15, 18) and value.isascii() and value.isalnum()):
        raise ValueError("a resident ID or credit code has 15 or 18 letters and digits")
    return value


Day = Annotated[str, AfterValidator(_day)]
"""A legal date, YYYY-MM-DD (China Standard Time)."""
Fen = Annotated[int, AfterValidator(_fen)]
"""An amount in whole fen, 0 ≤ amount ≤ MAX_FEN (a JSON integer; a fraction is refused)."""
Year = Annotated[int, AfterValidator(_year)]
"""A calendar year, 1 to 9999 (a fund's year: one a date can name)."""
Index = Annotated[int, AfterValidator(_index)]
"""A place in a list, 0 to 2³¹ − 1 (a party's index in its enforcement case)."""
ClaimFen = Annotated[dict[str, int], AfterValidator(_claim)]
"""A claim in fen: principal_fen, interest_fen and costs_fen (a part left out is 0)."""
IdentityNumber = Annotated[str, AfterValidator(_identity)]
"""A resident ID (15 or 18 characters) or a unified social credit code (18)."""
