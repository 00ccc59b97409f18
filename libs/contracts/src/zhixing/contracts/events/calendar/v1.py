"""Calendar integration events, version 1 (topic `zhixing.calendar.events.v1`).

Published by the operator (`zhixing calendar load <file>`) when the State Council's
holiday schedule for a year is loaded; every service that stores working-day deadlines
keeps the schedule and recounts its provisional deadlines (R64). A v1 model only gains
optional fields.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from zhixing.contracts.events.base import IntegrationEvent
from zhixing.contracts.topics import CALENDAR_EVENTS


class HolidayScheduleLoaded(IntegrationEvent):
    """放假安排 — one year's official holiday schedule was loaded; deadlines counted
    provisionally in that year are counted again with it (R64)."""

    event_type = "cn.zhixing.calendar.v1.HolidayScheduleLoaded"
    topic = CALENDAR_EVENTS

    year: int = Field(ge=2004, le=2099)
    """The year the schedule covers, 2004–2099."""
    holidays: list[date] = Field(max_length=60)
    """Statutory rest days (法定节假日) of that year, YYYY-MM-DD; at most 60."""
    workdays: list[date] = Field(default_factory=list, max_length=20)
    """Make-up working days (调休) on a Saturday or Sunday, YYYY-MM-DD; at most 20."""

    def key(self) -> str | None:
        """One key per year: a schedule loaded again for a year stays in order."""
        return str(self.year)
