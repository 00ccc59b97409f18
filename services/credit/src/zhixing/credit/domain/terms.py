"""The numbers and lists a listing decision is judged by (R1–R3, R8–R10).

The policy numbers come in from the caller (`ListingTerms`); the domain never loads a
file. Dates cross event boundaries as ISO strings, so everything here is JSON-able.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from zhixing.credit.domain.errors import InvalidDecision, ListingRefused
from zhixing.kernel.listing import GROUNDS, REMOVAL_REASONS, TERM_EXPIRED, WRONGLY_LISTED
from zhixing.kernel.periods import add_months
from zhixing.kernel.policy import PolicyTable

REFUSES_TO_PERFORM = 1
"""R1(1): the ground with no fixed term (R2) and with the R3 exclusions."""

NOTHING_FOUND_AFTER_ZHONGBEN = 4
"""R8(4): does not apply to fixed-term listings."""

__all__ = ["GROUNDS", "REMOVAL_REASONS", "TERM_EXPIRED", "WRONGLY_LISTED", "AbilityToPerform",
           "ListingTerms"]


@dataclass(frozen=True)
class ListingTerms:
    """The configurable numbers (policy keys `listing.*` and `grace.*`)."""

    fixed_term_years: int = 2
    max_extension_years: int = 3
    removal_working_days: int = 3
    correction_decision_days: int = 15
    correction_fix_working_days: int = 3
    reconsideration_apply_days: int = 10
    reconsideration_decision_days: int = 15
    grace_min_months: int = 1
    grace_max_months: int = 3
    grace_default_months: int = 1

    @classmethod
    def from_policy(cls, policy: PolicyTable) -> ListingTerms:
        """Read the numbers out of an already loaded policy table."""
        listing = {name: policy.int(f"listing.{name}") for name in (
            "fixed_term_years", "max_extension_years", "removal_working_days",
            "correction_decision_days", "correction_fix_working_days",
            "reconsideration_apply_days", "reconsideration_decision_days")}
        grace = {f"grace_{name}": policy.int(f"grace.{name}")
                 for name in ("min_months", "max_months", "default_months")}
        return cls(**listing, **grace)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def check_grounds(self, grounds: Iterable[int], extension_years: int) -> list[int]:
        """R1/R2: known grounds only, at least one; an extension of 1–max years, and
        only for a fixed-term ground."""
        chosen = sorted(set(grounds))
        if not chosen or any(g not in GROUNDS for g in chosen):
            raise InvalidDecision("grounds must be one or more of R1 (1)–(6)",
                                  rule="R1", field="grounds")
        if not 0 <= extension_years <= self.max_extension_years:
            raise InvalidDecision(f"an extension is 1–{self.max_extension_years} years",
                                  rule="R2", field="extension_years")
        if extension_years and chosen == [REFUSES_TO_PERFORM]:
            raise InvalidDecision("ground (1) alone has no fixed term to extend",
                                  rule="R2", field="extension_years")
        return chosen

    def expires_on(self, grounds: Iterable[int], decided_on: date,
                   extension_years: int) -> date | None:
        """R2: grounds (2)–(6) list for the fixed term plus any extension, counted from
        the decision (R62/R63); ground (1) alone has no fixed term. Several grounds: the
        longest applies, and a fixed term is the only finite one."""
        if all(g == REFUSES_TO_PERFORM for g in grounds):
            return None
        return add_months(decided_on, 12 * (self.fixed_term_years + extension_years))

    def publish_on(self, decided_on: date, grace_months: int | None,
                   warned_on: date | None = None) -> date:
        """R10: the grace period (宽限期) runs from the warning to publication — from the
        decision when the warning's day is not known; never before the decision."""
        months = self.grace_default_months if grace_months is None else grace_months
        if not self.grace_min_months <= months <= self.grace_max_months:
            raise InvalidDecision(
                f"a grace period is {self.grace_min_months}–{self.grace_max_months} months",
                rule="R10", field="grace_months")
        return max(decided_on, add_months(warned_on or decided_on, months))


@dataclass(frozen=True)
class AbilityToPerform:
    """What the cases and assets services know when ground (1) is proposed (R3)."""

    debt_fen: int
    seized_value_fen: int = 0
    security_covers_debt: bool = False
    later_in_performance_order: bool = False
    otherwise_unable: bool = False

    def check_ground_one(self) -> None:
        """R3: ground (1) is excluded when any of its four exclusions holds."""
        exclusions = {
            "the debtor provided adequate security": self.security_covers_debt,
            "seized assets already cover the debt": self.seized_value_fen >= self.debt_fen,
            "the debtor is later in the performance order": self.later_in_performance_order,
            "the debtor otherwise lacks the ability to perform": self.otherwise_unable,
        }
        held = [reason for reason, holds in exclusions.items() if holds]
        if held:
            raise ListingRefused(f"ground (1) is excluded: {held[0]}", rule="R3",
                                 field="grounds")
