"""The node-limit sweep: node limits past their last day become events (R26–R28, R36).

It asks the case index which cases have a limit past due, then lets each case decide
(the aggregate flags a node once, so a sweep repeated or run by two workers is harmless).
"""

from __future__ import annotations

import json
import logging
from datetime import date
from uuid import UUID

from zhixing.cases.application import CasesApplication
from zhixing.cases.domain.case import OPEN
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
        """Days past its last day of the oldest node limit of an open case still not met,
        reported or not (0: none): the officers' backlog, for an alert when it grows
        (DESIGN §9). Read from the case index, whose `nodes` are the running limits."""
        open_statuses = ", ".join(["%s"] * len(OPEN))
        with self.queries.store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT nodes FROM case_index WHERE status IN ({open_statuses}) "
                        "AND nodes <> '{}'", tuple(str(s) for s in sorted(OPEN)))
            rows = cur.fetchall()
        past = [node["due"] for (nodes,) in rows for node in json.loads(nodes).values()
                if node["due"] < today.isoformat()]
        return (today - date.fromisoformat(min(past))).days if past else 0
