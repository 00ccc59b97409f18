"""The relief application: one class made of its command groups (as credit and cases)."""

from __future__ import annotations

from typing import Any

from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock, SystemClock
from zhixing.relief.application.applications import ApplicationCommands
from zhixing.relief.application.base import CaseFactsLookup
from zhixing.relief.application.decisions import DecisionCommands
from zhixing.relief.application.ledger import LedgerCommands
from zhixing.relief.application.recovery import RecoveryCommands
from zhixing.relief.application.sweep import SweepCommands
from zhixing.relief.domain.docket import ReliefDocket
from zhixing.relief.domain.fund import Fund


class ReliefApplication(ApplicationCommands, DecisionCommands, RecoveryCommands,
                        LedgerCommands, SweepCommands):
    """Funds, applications, decisions, payments and recovery of judicial relief
    (国家司法救助 · 执行救助, R29–R32)."""

    service_name = "relief"
    # A fund takes an event per credit, reservation and payment, a docket one per
    # filing: snapshots keep their replay short over a busy year.
    snapshotting_intervals = {Fund: 100, ReliefDocket: 50}  # noqa: RUF012

    def __init__(self, settings: Settings, facts: CaseFactsLookup, clock: Clock | None = None,
                 calendar: WorkingCalendar | None = None, **kwargs: Any) -> None:
        self.clock = clock or SystemClock()
        # The service's calendar knows the schedules it received (`calendar_over`, R64).
        self.calendar = calendar or WorkingCalendar.default()
        self.facts = facts
        super().__init__(settings, **kwargs)
