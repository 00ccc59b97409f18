"""The assets sweep: a periodic job (worker role, and the embedded process).

- open inquiries: send again what is due, report agencies past their deadline;
- R18 re-queries after 终本 whose date has come: start them;
- control measures (R20): reminders before expiry, lapse when not renewed, promotion of
  the next queued measure (R22); then the oldest term still unlapsed, for an alert.
Each step is idempotent, so two sweeps racing (two workers) do no harm, and one item that
fails is logged and retried at the next pass without holding up the others.
"""

from __future__ import annotations

import logging

from zhixing.assets.application import AssetsApplication
from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.assets.projections.cases_seen import CasesSeenQueries
from zhixing.observability.metrics import OLDEST_UNLAPSED_MEASURE_DAYS

log = logging.getLogger(__name__)


class AssetsSweep:
    def __init__(self, app: AssetsApplication, cases: CasesSeenQueries) -> None:
        self.app = app
        self.cases = cases

    def run(self) -> int:
        """One pass; returns how many things changed."""
        today = self.app.today()
        changed = (self.sweep_inquiries() + self.run_requeries()
                   + self.app.sweep_measures(today))
        OLDEST_UNLAPSED_MEASURE_DAYS.labels("assets").set(self.app.oldest_unlapsed_days(today))
        return changed

    def sweep_inquiries(self) -> int:
        return self.app.sweep_due_inquiries()

    def run_requeries(self) -> int:
        """R18: every 6 months for 5 years after 终本, the network inquiry again."""
        due = self.cases.requeries_due(self.app.today().isoformat())
        return sum(self._requery(case_id, due_on) for case_id, due_on in due)

    def _requery(self, case_id: str, due_on: str) -> int:
        case = self.cases.find(case_id)
        started = 0
        if case is not None:
            try:
                started = len(self.app.start_inquiries(case.ref, f"requery:{due_on}",
                                                       requery=True))
            except InvalidAssetInput:
                log.warning("re-query skipped: the case has no debtor on record")
        self.cases.requery_done(case_id, due_on)
        return started
