"""The credit application: one class made of its command groups (as the cases service)."""

from __future__ import annotations

from typing import Any

from zhixing.credit.application.reactions import CaseReactions
from zhixing.credit.application.sweep import SweepCommands
from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock, SystemClock


class CreditApplication(SweepCommands, CaseReactions):
    service_name = "credit"

    def __init__(self, settings: Settings, clock: Clock | None = None,
                 calendar: WorkingCalendar | None = None, **kwargs: Any) -> None:
        super().__init__(settings, **kwargs)
        self.clock = clock or SystemClock()
        # The service's calendar knows the schedules it received (`calendar_over`, R64).
        self.calendar = calendar or WorkingCalendar.default()
