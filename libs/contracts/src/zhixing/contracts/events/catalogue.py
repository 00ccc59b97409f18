"""Imports every versioned event module, so each model registers its type.

Add a line here when a context publishes a new module (e.g. `supervision.v1`).
"""

from zhixing.contracts.events.assets import v1 as assets_v1
from zhixing.contracts.events.calendar import v1 as calendar_v1
from zhixing.contracts.events.cases import v1 as cases_v1
from zhixing.contracts.events.credit import v1 as credit_v1
from zhixing.contracts.events.publicity import v1 as publicity_v1
from zhixing.contracts.events.relief import v1 as relief_v1
from zhixing.contracts.events.supervision import v1 as supervision_v1

__all__ = ["assets_v1", "calendar_v1", "cases_v1", "credit_v1", "publicity_v1", "relief_v1",
           "supervision_v1"]
