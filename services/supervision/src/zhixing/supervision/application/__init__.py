"""The supervision application: the commands, each one load–act–save unit (DESIGN §2)."""

from zhixing.supervision.application.base import RequeryDue, RequeryLookup, Unit
from zhixing.supervision.application.supervision import SupervisionApplication

__all__ = ["RequeryDue", "RequeryLookup", "SupervisionApplication", "Unit"]
