"""The relief API's one table of refusals whose status differs from their kind's.

The runtime answers a refusal by its kernel kind (`zhixing.runtime.errors.STATUS_OF`).
Two of the domain's R30 refusals are kinds of bad input there (an amount above the cap,
above the unpaid part of the claim), yet the request is well-formed: what refuses it is
the state of things — the wage table, the money the case has received — as R29 and R32's
refusals are. A court's client treats them alike (FAILED_PRECONDITION: change the facts
or the decision, not the request's form), so they are answered as such, with the same
rule, field and message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from zhixing.kernel.errors import PreconditionFailed, RuleViolation
from zhixing.relief.domain.errors import AboveCap, AboveUnpaidClaim

T = TypeVar("T")


class OverLimit(PreconditionFailed):
    """An R30 limit refuses the amount: the cap (36 × the wage) or the unpaid claim."""


ANSWERED_AS: dict[type[RuleViolation], type[RuleViolation]] = {
    AboveCap: OverLimit,
    AboveUnpaidClaim: OverLimit,
}
"""Domain refusal → the kind it is answered as (its status, `STATUS_OF`)."""


def answered(call: Callable[[], T]) -> Callable[[], T]:
    """`call`, its refusals translated by `ANSWERED_AS` (rule, field and text kept)."""
    def run() -> T:
        try:
            return call()
        except RuleViolation as error:
            kind = ANSWERED_AS.get(type(error))
            if kind is None:
                raise
            translated = kind("", rule=error.rule, field=error.field)
            translated.args = error.args  # the message as the domain wrote it
            raise translated from error

    return run
