"""The node-limit sweep: node limits past their last day become events (R26–R28, R36).

It asks the case index which cases have a limit past due, then lets each case decide
(the aggregate flags a node once, so a sweep repeated or run by two workers is harmless).
"""

from __future__ import annotations

import logging
from datetime import date
from uuid import UUID

from zhixing.cases.application import CasesApplication
from zhixing.cases.projections.case_index import CaseIndexQueries
from zhixing.observability.metrics import OLDEST_OVERDUE_NODE_DAYS

log = logging.getLogger(__name__)


class NodeSweep:
    def __init__(self, app: CasesApplication, queries: CaseIndexQueries) -> None:
        self.app = app
        self.queries = queries

    def run(self) -> int:
        """Flag every overdue node of every case due for it; returns the number flagged."""
        flagged, today = 0, self.app.today()
        OLDEST_OVERDUE_NODE_DAYS.labels("cases").set(self._oldest_overdue_days(today))
        for case_id in self.queries.due_for_sweep(today):
            flagged += len(self.app.flag_overdue(UUID(case_id)))
        if flagged:
            log.info("node limits overdue", extra={"flagged": flagged})
        return flagged

    def _oldest_overdue_days(self, today: date) -> int:
        """Days past its last day of the oldest limit not yet reported (0: none): how
        late the sweep is, for an alert when it stops keeping up (DESIGN §9)."""
        with self.queries.store.transaction(read_only=True) as cur:
            cur.execute("SELECT MIN(next_due) FROM case_index WHERE next_due <> '' "
                        "AND next_due < %s", (today.isoformat(),))
            row = cur.fetchone()
        oldest = row[0] if row else None
        return (today - date.fromisoformat(oldest)).days if oldest else 0
