"""The node-limit sweep: node limits past their last day become events (R26–R28, R36).

It asks the case index which cases have a limit past due, then lets each case decide
(the aggregate flags a node once, so a sweep repeated or run by two workers is harmless).
"""

from __future__ import annotations

import logging
from uuid import UUID

from zhixing.cases.application import CasesApplication
from zhixing.cases.projections.case_index import CaseIndexQueries

log = logging.getLogger(__name__)


class NodeSweep:
    def __init__(self, app: CasesApplication, queries: CaseIndexQueries) -> None:
        self.app = app
        self.queries = queries

    def run(self) -> int:
        """Flag every overdue node of every case due for it; returns the number flagged."""
        flagged = 0
        for case_id in self.queries.due_for_sweep(self.app.today()):
            flagged += len(self.app.flag_overdue(UUID(case_id)))
        if flagged:
            log.info("node limits overdue", extra={"flagged": flagged})
        return flagged
