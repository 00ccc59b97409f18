"""Refusals of the relief domain, each naming its rule (STYLE 1).

Messages name the rule and the figures (money in yuan with two decimals, `yuan`), never
a name, an identity number or the hardship narrative (R46): they reach logs, spans and
the caller. Every error keeps the kernel's `(message, *, rule, field)` form, so a list of
unmet rules (`eligibility.Unmet`) can be raised as the error of its first entry; the
`of(...)` constructors build the messages that carry figures.
"""

from __future__ import annotations

from decimal import Decimal

from zhixing.kernel.errors import InvalidInput, NotFound, PreconditionFailed


def yuan(fen: int) -> str:
    """"¥1,234.00": an amount of fen as the refusals and reports show it."""
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{Decimal(abs(fen)) / 100:,.2f}"


class InvalidRelief(InvalidInput):
    """A relief request whose content breaks a rule or a bound (field and bound named)."""


class ReliefNotFound(NotFound):
    """No relief application (or fund, or wage entry) with that id."""


class NotEligible(PreconditionFailed):
    """R29: the debtor can still pay, the party may not apply, or the case is unknown."""

    def __init__(self, message: str, *, rule: str = "R29", field: str = "case_id") -> None:
        super().__init__(message, rule=rule, field=field)


class AlreadyPaid(PreconditionFailed):
    """R29: one relief payment per party per case."""

    def __init__(self, message: str = "this party of the case was already paid relief "
                 "(one relief payment per party per case)", *, rule: str = "R29",
                 field: str = "party_index") -> None:
        super().__init__(message, rule=rule, field=field)


class ApplicationOpen(PreconditionFailed):
    """R29/R31: a party has one open application at a time; decide it or withdraw it first."""

    def __init__(self, message: str = "this party of the case has an application not yet "
                 "decided or paid: decide or withdraw it first", *, rule: str = "R29",
                 field: str = "party_index") -> None:
        super().__init__(message, rule=rule, field=field)


class OtherOrganPaid(PreconditionFailed):
    """R29: no relief when another organ has already paid the applicant."""

    def __init__(self, message: str = "another organ has already paid relief for this "
                 "claim", *, rule: str = "R29", field: str = "other_organ_paid") -> None:
        super().__init__(message, rule=rule, field=field)


class AboveCap(InvalidInput):
    """R30: above 36 × the province's previous-year average monthly wage, with no
    recorded exceptional decision."""

    def __init__(self, message: str, *, rule: str = "R30", field: str = "amount_fen") -> None:
        super().__init__(message, rule=rule, field=field)

    @classmethod
    def of(cls, amount_fen: int, cap_fen: int, province: str, year: int) -> AboveCap:
        return cls(f"{yuan(amount_fen)} is above the cap {yuan(cap_fen)} (36 × the {province} "
                   f"{year} average monthly wage) and no exceptional decision is recorded")


class NeedlessExceptional(PreconditionFailed):
    """R30: an exceptional decision allows relief ABOVE the cap; none is recorded for an
    amount within it. Refused rather than dropped: the decider who attached one believed
    the amount above the cap, so the amount or the cap they had in mind is not the one
    checked — and the file must never show an exception that was none."""

    def __init__(self, message: str, *, rule: str = "R30",
                 field: str = "exceptional") -> None:
        super().__init__(message, rule=rule, field=field)

    @classmethod
    def of(cls, amount_fen: int, cap_fen: int, province: str, year: int) -> NeedlessExceptional:
        return cls(f"{yuan(amount_fen)} is within the cap {yuan(cap_fen)} (36 × the "
                   f"{province} {year} average monthly wage): no exceptional decision is "
                   "recorded for it; approve without one, or check the amount")


class AboveUnpaidClaim(InvalidInput):
    """R30: never above the unpaid part of the claim, exceptional decision or not."""

    def __init__(self, message: str, *, rule: str = "R30", field: str = "amount_fen") -> None:
        super().__init__(message, rule=rule, field=field)

    @classmethod
    def of(cls, amount_fen: int, unpaid_fen: int, others_fen: int = 0) -> AboveUnpaidClaim:
        less = (f" less {yuan(others_fen)} of relief approved or paid to other parties of "
                "the case") if others_fen else ""
        return cls(f"{yuan(amount_fen)} is above the unpaid part of the claim "
                   f"{yuan(unpaid_fen)}{less} (never exceeded, even by an exceptional "
                   "decision)")


class WageEntryMissing(PreconditionFailed):
    """R30: no average monthly wage entered for the province and year the cap needs."""

    def __init__(self, message: str, *, rule: str = "R30", field: str = "wage") -> None:
        super().__init__(message, rule=rule, field=field)

    @classmethod
    def of(cls, province: str, year: int | None) -> WageEntryMissing:
        which = f"{province} {year}" if year is not None else f"{province} (previous year)"
        return cls(f"no average monthly wage is entered for {which}: the cap is 36 × the "
                   "province's previous-year wage; an administrator enters it with its "
                   "source first (no figure is invented)")


class FundInsufficient(PreconditionFailed):
    """R32: the fund never goes negative: a reservation above what is available."""

    def __init__(self, message: str, *, rule: str = "R32", field: str = "amount_fen") -> None:
        super().__init__(message, rule=rule, field=field)

    @classmethod
    def of(cls, available_fen: int, asked_fen: int) -> FundInsufficient:
        return cls(f"the fund cannot pay: 可用余额 {yuan(available_fen)}, asked "
                   f"{yuan(asked_fen)}")


class WrongStep(PreconditionFailed):
    """R31: a step out of order (e.g. disburse before approval)."""

    def __init__(self, message: str, *, rule: str = "R31", field: str = "application_id") -> None:
        super().__init__(message, rule=rule, field=field)
