"""From the domain's list of unmet rules to the one error the caller gets (R29, R30, R32):
the first unmet rule is the error's kind, and its message names every unmet rule with
its figures (never names, identity numbers or the hardship narrative)."""

from __future__ import annotations

from collections.abc import Sequence

from zhixing.kernel.errors import RuleViolation
from zhixing.relief.domain.eligibility import Unmet


def raise_first(unmet: Sequence[Unmet]) -> None:
    """Nothing when every rule is met; otherwise the first unmet rule's error, naming all."""
    if not unmet:
        return
    first = unmet[0]
    message = "; ".join(f"{u.rule} [{u.field}]: {u.message}" if u is not first else u.message
                        for u in unmet)
    raise error_of(first)(message, rule=first.rule, field=first.field)


def error_of(unmet: Unmet) -> type[RuleViolation]:
    """The error class of an unmet rule (the domain's own when it names one)."""
    return unmet.error  # type: ignore[no-any-return]
