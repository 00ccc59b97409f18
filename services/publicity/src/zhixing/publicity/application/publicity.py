"""The publicity application: one class made of its command groups (as supervision)."""

from __future__ import annotations

from typing import Any

from zhixing.eventstore.application import TraceparentGetter
from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock, SystemClock
from zhixing.publicity.application.leads import LeadCommands
from zhixing.publicity.application.parties import PartyCommands
from zhixing.publicity.application.typical import TypicalCaseCommands


class PublicityApplication(TypicalCaseCommands, LeadCommands, PartyCommands):
    """What the courts write for the public (typical cases, reward notices) and what the
    public and the parties send the courts (leads, messages)."""

    service_name = "publicity"

    def __init__(self, settings: Settings, *, clock: Clock | None = None,
                 calendar: WorkingCalendar | None = None,
                 traceparent: TraceparentGetter | None = None, **kwargs: Any) -> None:
        self.clock = clock or SystemClock()
        self.calendar = calendar or WorkingCalendar.default()
        if traceparent is not None:
            kwargs["traceparent"] = traceparent
        super().__init__(settings, **kwargs)
