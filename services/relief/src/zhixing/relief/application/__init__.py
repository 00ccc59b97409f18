"""The relief application: the commands, each one load–act–save unit (DESIGN §2)."""

from zhixing.relief.application.base import CaseFactsLookup
from zhixing.relief.application.relief import ReliefApplication

__all__ = ["CaseFactsLookup", "ReliefApplication"]
