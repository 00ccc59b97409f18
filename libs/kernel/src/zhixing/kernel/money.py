"""Money in integer fen (分), so sums of execution money (R28) never drift."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from zhixing.kernel.errors import InvalidInput

_FEN_PER_YUAN = 100

MAX_FEN = 10**14
"""The most money one amount, and one sum, may be: ¥1 trillion (10^14 fen), above the
largest enforcement claims on record. Every amount and every sum the domain keeps is
held to it (`bounded_fen`, `bounded_total`), so a total of thousands of bounded amounts
still fits the int64 of every contract, SQLite's INTEGER and PostgreSQL's BIGINT (issue
12: 2^63−1 fen was accepted and every reader of the account then failed). The request
bounds' `MONEY` (zhixing.contracts.bounds) is the same figure; a contract test holds
the two together."""
_MAX_TEXT = f"{Decimal(MAX_FEN) / _FEN_PER_YUAN:.2f}"


def bounded_fen(amount: int, field: str, rule: str = "R28") -> int:
    """`amount` when it is a whole number of fen no further from zero than `MAX_FEN`;
    otherwise InvalidInput naming `field`, the bound and `rule`. Sign is the caller's
    to check: some amounts may be negative (a correction), most may not."""
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise InvalidInput("money is held in whole fen", rule=rule, field=field)
    if amount > MAX_FEN:
        raise InvalidInput(f"must be at most {MAX_FEN} fen (¥{_MAX_TEXT})", rule=rule,
                           field=field)
    if amount < -MAX_FEN:
        raise InvalidInput(f"must be at least -{MAX_FEN} fen (-¥{_MAX_TEXT})", rule=rule,
                           field=field)
    return amount


def bounded_total(amounts: Iterable[int], field: str, rule: str = "R28") -> int:
    """The sum of `amounts` (each bounded), refused like `bounded_fen` when the sum
    itself passes `MAX_FEN`: a claim's parts, an account's receipts."""
    total = sum(bounded_fen(amount, field, rule) for amount in amounts)
    if abs(total) > MAX_FEN:
        raise InvalidInput(f"the total must be at most {MAX_FEN} fen (¥{_MAX_TEXT})",
                           rule=rule, field=field)
    return total


@dataclass(frozen=True, order=True)
class Money:
    """An amount of renminbi held as an integer number of fen."""

    fen: int

    def __post_init__(self) -> None:
        # bool is an int subclass; a stray True must not become one fen.
        if not isinstance(self.fen, int) or isinstance(self.fen, bool):
            raise InvalidInput("money is held in whole fen", field="amount")
        bounded_fen(self.fen, "amount")

    @classmethod
    def zero(cls) -> Money:
        """¥0.00."""
        return cls(0)

    @classmethod
    def from_yuan(cls, amount: str | Decimal | int, field: str = "amount") -> Money:
        """Parse yuan such as ``"12.34"``; refuses floats and fractions of a fen."""
        value = _to_decimal(amount, field)
        fen = value * _FEN_PER_YUAN
        if fen != fen.to_integral_value():
            raise InvalidInput("amount has more than 2 decimal places", field=field)
        return cls(int(fen))

    @property
    def yuan(self) -> Decimal:
        """The amount in yuan, exact to the fen."""
        return Decimal(self.fen) / _FEN_PER_YUAN

    def require_non_negative(self, field: str, rule: str = "") -> Money:
        """Refuse a negative amount for ``field``; returns self for chaining."""
        if self.fen < 0:
            raise InvalidInput("amount may not be negative", rule=rule, field=field)
        return self

    def __add__(self, other: Money) -> Money:
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        return Money(self.fen - other.fen)

    def __mul__(self, factor: int) -> Money:
        # Integer multiples only (e.g. the R30 relief cap of 36 months' wages).
        return Money(self.fen * factor)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __str__(self) -> str:
        sign = "-" if self.fen < 0 else ""
        yuan, fen = divmod(abs(self.fen), _FEN_PER_YUAN)
        return f"{sign}¥{yuan}.{fen:02d}"


def _to_decimal(amount: str | Decimal | int, field: str) -> Decimal:
    if isinstance(amount, float | bool):
        # Binary floats cannot hold most fen values exactly.
        raise InvalidInput("give amounts as text or Decimal, not float", field=field)
    try:
        value = Decimal(amount.strip() if isinstance(amount, str) else amount)
    except InvalidOperation:
        raise InvalidInput("amount is not a number", field=field) from None
    if not value.is_finite():
        raise InvalidInput("amount is not a finite number", field=field)
    return value
