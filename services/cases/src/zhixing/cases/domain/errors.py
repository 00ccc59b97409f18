"""Refusals of the cases domain, each naming its rule (STYLE 1)."""

from __future__ import annotations

from zhixing.kernel.errors import InvalidInput, NotFound, PreconditionFailed


class InvalidFiling(InvalidInput):
    """A filing request breaks a rule about its content (R38–R40, R4 identities, R28 money)."""


class CaseNotFound(NotFound):
    """No case with that id or number."""


class WrongStage(PreconditionFailed):
    """The case is not at a stage where this act is allowed."""


class ExtensionRefused(PreconditionFailed):
    """R26: an extension needs the president, and must come before expiry."""


class ConclusionRefused(PreconditionFailed):
    """R16/R17: 终本 refused; the message lists every unmet precondition by rule ID."""

    def __init__(self, unmet: list[tuple[str, str]]) -> None:
        self.unmet = unmet
        listed = "; ".join(f"{rule} {what}" for rule, what in unmet)
        super().__init__(f"终本 refused, unmet: {listed}", rule=unmet[0][0], field="case_id")


class MoneyRefused(PreconditionFailed):
    """R28: the case account never goes negative nor pays more than it received."""


class ClosureRefused(PreconditionFailed):
    """A closure whose conditions do not hold (R28 money left, R45 consent, ...)."""
