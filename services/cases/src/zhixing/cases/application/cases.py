"""CasesApplication — commands and queries of the enforcement case service."""

from __future__ import annotations

from typing import Any

from zhixing.cases.application.conclusion import ConclusionCommands
from zhixing.cases.application.facts import InboundFacts
from zhixing.cases.application.lifecycle import LifecycleCommands
from zhixing.cases.application.money import MoneyCommands
from zhixing.cases.application.parties import PartyMessageCommands
from zhixing.cases.application.timeline import TimelineQueries
from zhixing.cases.domain.account import CaseAccount
from zhixing.cases.domain.case import EnforcementCase
from zhixing.cases.domain.numbering import CaseNumberSequence
from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock, SystemClock


class CasesApplication(ConclusionCommands, LifecycleCommands, MoneyCommands, InboundFacts,
                       PartyMessageCommands, TimelineQueries):
    """Files enforcement cases, runs them to closure and answers questions about them."""

    name = "cases"
    service_name = "cases"
    # A sequence takes one event per filing: without snapshots each filing would replay
    # the whole year's serials. Cases and accounts of long-running matters grow too.
    snapshotting_intervals = {  # noqa: RUF012
        EnforcementCase: 100, CaseNumberSequence: 50, CaseAccount: 100}

    def __init__(self, settings: Settings, clock: Clock | None = None,
                 calendar: WorkingCalendar | None = None, **kwargs: Any) -> None:
        self.clock = clock or SystemClock()
        # The service's calendar knows the schedules it received (`calendar_over`).
        self.calendar = calendar or WorkingCalendar.default()
        super().__init__(settings, **kwargs)
