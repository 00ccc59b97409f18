"""Refusals of the cases domain, each naming its rule."""

from __future__ import annotations

from zhixing.kernel.errors import InvalidInput, NotFound


class InvalidFiling(InvalidInput):
    """A filing request breaks a rule about its content (R38–R40, R4 identities, R28 money)."""


class CaseNotFound(NotFound):
    """No case with that id or number."""
