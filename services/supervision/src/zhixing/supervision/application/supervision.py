"""The supervision application: one class made of its command groups (as relief)."""

from __future__ import annotations

from typing import Any

from zhixing.eventstore.application import TraceparentGetter
from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock, SystemClock
from zhixing.supervision.application.alerts import AlertCommands
from zhixing.supervision.application.base import RequeryLookup
from zhixing.supervision.application.interference import InterferenceCommands
from zhixing.supervision.application.matters import MatterCommands
from zhixing.supervision.application.suggestions import SuggestionCommands
from zhixing.supervision.application.sweep import SweepCommands
from zhixing.supervision.domain.case_alerts import CaseAlerts
from zhixing.supervision.domain.chain import ChainKeys
from zhixing.supervision.domain.interference import InterferenceRegister


class SupervisionApplication(AlertCommands, MatterCommands, InterferenceCommands,
                             SuggestionCommands, SweepCommands):
    """Alerts (R36), procuratorial supervision (R34), the interference register (R35) and
    judicial suggestions (R37) of 执行监督."""

    service_name = "supervision"
    # A register takes an event per record, a busy case's alerts one per raise and close:
    # snapshots keep their replay short.
    snapshotting_intervals = {InterferenceRegister: 100, CaseAlerts: 100}  # noqa: RUF012

    def __init__(self, settings: Settings, *, clock: Clock | None = None,
                 calendar: WorkingCalendar | None = None, chain_keys: ChainKeys,
                 requeries: RequeryLookup, traceparent: TraceparentGetter | None = None,
                 **kwargs: Any) -> None:
        self.clock = clock or SystemClock()
        # The service's calendar knows the schedules it received (`calendar_over`, R64).
        self.calendar = calendar or WorkingCalendar.default()
        self.chain_keys = chain_keys
        self.requeries = requeries
        if traceparent is not None:
            kwargs["traceparent"] = traceparent
        super().__init__(settings, **kwargs)
