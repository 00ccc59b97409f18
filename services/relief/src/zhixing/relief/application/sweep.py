"""The duty nobody asks for: find the steps of R31 past their limit and publish each once
(ReliefStepOverdue: a decision 10 working days after the complete application, a notice
2 working days after the funds arrived). Followed from the application's own log."""

from __future__ import annotations

from typing import Any

from zhixing.eventstore.watch import LogWatch, watch_of
from zhixing.relief.application.base import ReliefStore, Unit
from zhixing.relief.application.recovery import relief_events
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.values import ReliefStatus

DECISION, NOTIFICATION = "decision", "notification"
Due = tuple[str, str]
"""The step due next on a relief case and its last day (YYYY-MM-DD)."""


def next_due(found: Any) -> Due | None:
    """The open step of a relief case and its last day, or None when none is open or
    it was already flagged (once per step)."""
    if not isinstance(found, ReliefCase):
        return None
    if found.status in (ReliefStatus.APPLIED, ReliefStatus.REVIEWED):
        step, deadline = DECISION, found.decide_by
    elif found.status is ReliefStatus.DISBURSED and found.notify_by is not None:
        step, deadline = NOTIFICATION, found.notify_by
    else:
        return None
    return None if step in found.overdue_steps else (step, deadline.date.isoformat())


class SweepCommands(ReliefStore):
    def sweep(self) -> int:
        """Flag every step whose last day has passed (the day after it, R62) on the
        calendar as it is now; returns how many were flagged."""
        watch: LogWatch[Due] = watch_of(
            self, "_due_watch", lambda: LogWatch(self, relief_events(), next_due))
        today = self.today()
        flagged = 0
        for relief_id in watch.select(lambda due: due[1] < today.isoformat()):

            def command(unit: Unit, relief_id: Any = relief_id) -> bool:
                case = unit.relief_case(relief_id)
                due = next_due(case)
                if due is None or due[1] >= today.isoformat():
                    return False  # acted on or flagged meanwhile
                case.mark_overdue(step=due[0], detected_on=today)
                return True

            flagged += self.act(command, lock=[str(relief_id)])
            watch.refresh(relief_id)
        return flagged
