"""AssetsApplication — commands and queries of the assets service (网络执行查控)."""

from __future__ import annotations

from typing import Any

from zhixing.assets.agencies import AgencyRegistry
from zhixing.assets.application.control import ControlCommands
from zhixing.assets.application.disposal import DisposalCommands
from zhixing.assets.application.inquiries import InquiryCommands
from zhixing.assets.application.leads import LeadCommands
from zhixing.assets.domain.control import ControlMeasure
from zhixing.assets.domain.disposal import Disposal
from zhixing.assets.domain.inquiry import Inquiry
from zhixing.assets.domain.lead import InvestigationLead
from zhixing.assets.domain.over_seizure import CaseControl
from zhixing.assets.domain.queue import AssetQueue
from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock, SystemClock


class AssetsApplication(InquiryCommands, ControlCommands, DisposalCommands, LeadCommands):
    """Finds the debtor's property through the agencies, controls it and disposes of it."""

    name = "assets"
    service_name = "assets"
    snapshotting_intervals = {Inquiry: 100, Disposal: 50, ControlMeasure: 50,  # noqa: RUF012
                              AssetQueue: 50, CaseControl: 50, InvestigationLead: 50}

    def __init__(self, settings: Settings, clock: Clock | None = None,
                 agencies: AgencyRegistry | None = None, calendar: WorkingCalendar | None = None,
                 **kwargs: Any) -> None:
        self.clock = clock or SystemClock()
        self.agencies = agencies or AgencyRegistry.load()
        # The service's calendar knows the schedules it received (`calendar_over`, R64).
        self.calendar = calendar or WorkingCalendar.default()
        super().__init__(settings, **kwargs)
