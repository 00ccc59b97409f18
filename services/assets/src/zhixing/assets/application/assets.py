"""AssetsApplication — commands and queries of the assets service (网络执行查控)."""

from __future__ import annotations

from typing import Any

from zhixing.assets.agencies import AgencyRegistry
from zhixing.assets.application.inquiries import InquiryCommands
from zhixing.assets.domain.inquiry import Inquiry
from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import Clock, SystemClock


class AssetsApplication(InquiryCommands):
    """Finds the debtor's property through the agencies, controls it and disposes of it."""

    name = "assets"
    service_name = "assets"
    snapshotting_intervals = {Inquiry: 100}  # noqa: RUF012

    def __init__(self, settings: Settings, clock: Clock | None = None,
                 agencies: AgencyRegistry | None = None, **kwargs: Any) -> None:
        self.clock = clock or SystemClock()
        self.agencies = agencies or AgencyRegistry.load()
        self.calendar = WorkingCalendar.default()
        super().__init__(settings, **kwargs)
