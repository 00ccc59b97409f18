"""Imports every versioned event module, so each model registers its type.

Add a line here when a context publishes a new module (e.g. `credit.v1`).
"""

from zhixing.contracts.events.cases import v1 as cases_v1

__all__ = ["cases_v1"]
