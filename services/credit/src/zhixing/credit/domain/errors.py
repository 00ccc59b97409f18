"""Refusals of the credit domain, each naming its rule (STYLE 1)."""

from __future__ import annotations

from zhixing.kernel.errors import InvalidInput, PreconditionFailed


class ListingRefused(PreconditionFailed):
    """A listing decision refused by R1–R5 (a minor, an R3 exclusion, no prior warning)."""


class InvalidDecision(InvalidInput):
    """A decision whose content breaks a rule (unknown ground, term out of range, …)."""


class RestrictionRefused(PreconditionFailed):
    """A consumption restriction (限消) refused or lifted against R12–R15."""


class RemovalRefused(PreconditionFailed):
    """A removal (R8) or correction (R9) that its rule does not allow."""


class InvalidReport(InvalidInput):
    """A partner's report of a block (自动反馈, R42) whose action or time is not one."""
