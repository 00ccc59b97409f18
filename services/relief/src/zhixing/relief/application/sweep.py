"""The duty nobody asks for: find the steps of R31 past their limit and report each once
(ReliefStepOverdue: a decision 10 working days after the complete application, a notice
2 working days after the funds arrived). Followed from the application's own log."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from zhixing.eventstore.watch import LogWatch, watch_of
from zhixing.relief.application.base import ReliefStore, Unit
from zhixing.relief.application.ceiling import relief_events
from zhixing.relief.domain.deadlines import count_again
from zhixing.relief.domain.relief_case import ReliefCase
from zhixing.relief.domain.values import Step

Due = tuple[date, ...]
"""The last days of a relief case's running steps not yet reported overdue."""


def running(found: Any) -> Due | None:
    """What the sweep keeps of a relief case: its running limits, or None (stop
    watching it) when none runs."""
    if not isinstance(found, ReliefCase):
        return None
    dues = tuple(d.date for step in Step if step not in found.overdue
                 and (d := found.due(step)) is not None)
    return dues or None


def _provisional(found: Any) -> bool | None:
    """Whether a relief case has a running limit counted provisionally (None: stop
    watching it)."""
    return True if isinstance(found, ReliefCase) and found.provisional_steps() else None


class SweepCommands(ReliefStore):
    def sweep(self) -> int:
        """Report every step whose last day has passed (it is overdue the day after,
        R62) — the limits were counted on the statutory calendar when the step began;
        returns how many steps were reported. Each step is reported once."""
        watch: LogWatch[Due] = watch_of(
            self, "_due_watch", lambda: LogWatch(self, relief_events(), running))
        today = self.today()
        reported = 0
        for relief_id in watch.select(lambda dues: min(dues) < today):
            reported += self._report_overdue(relief_id, today)
            watch.refresh(relief_id)
        return reported

    def recount_provisional(self) -> int:
        """A holiday schedule was loaded (R64): count again the running limits that were
        counted provisionally (暂定) — they move to the official calendar and become
        final (a step reported overdue against an earlier day is open again when its
        day moved later). Returns how many relief cases changed."""
        watch: LogWatch[bool] = watch_of(
            self, "_provisional_watch", lambda: LogWatch(self, relief_events(), _provisional))
        changed = 0
        for relief_id in watch.select(bool):
            changed += self._count_again(relief_id)
            watch.refresh(relief_id)
        return changed

    def _count_again(self, relief_id: UUID) -> bool:
        def command(unit: Unit) -> bool:
            case = unit.relief_case(relief_id)
            counted = count_again(case.provisional_steps(), self.calendar)
            return sum(case.count_again(step, due) for step, due in counted.items()) > 0

        return self.act(command, lock=[str(relief_id)])

    def _report_overdue(self, relief_id: UUID, today: date) -> int:
        def command(unit: Unit) -> int:
            case = unit.relief_case(relief_id)
            # Acted on or reported meanwhile (another process): nothing is left.
            return sum(case.mark_overdue(step, today) for step in case.overdue_steps(today))

        return self.act(command, lock=[str(relief_id)])
