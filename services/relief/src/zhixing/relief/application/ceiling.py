"""R30's ceiling across the parties of one enforcement case: relief is never above the
unpaid claim, so what the other relief cases of the case hold (approved, reserved) or
were paid and still owe the fund counts against it. Read from the application's own log
(a `LogWatch`), inside the command: a retried unit reads it again."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import DomainEvent

from zhixing.eventstore.watch import LogWatch, watch_of
from zhixing.relief.application.base import Unit
from zhixing.relief.domain.relief_case import PAID, ReliefCase
from zhixing.relief.domain.values import ReliefStatus


def relief_events() -> list[type]:
    """Every event class of a relief case (what the watches read from the log)."""
    return [v for v in vars(ReliefCase).values()
            if isinstance(v, type) and issubclass(v, DomainEvent)]


def _held(case: ReliefCase) -> int:
    """What a relief case holds against its enforcement case's claim."""
    if case.status is ReliefStatus.APPROVED:
        return case.amount_fen
    return case.outstanding_fen if case.status in PAID else 0


def _case_of(found: Any) -> str | None:
    """The enforcement case a relief case holds money against (None: stop watching it —
    its next event looks at it again)."""
    return found.case_id if isinstance(found, ReliefCase) and _held(found) else None


def held_by_others(app: Any, unit: Unit, case: ReliefCase) -> int:
    """Fen the other relief cases of `case`'s enforcement case hold against its claim:
    the approved amount until paid, then what was paid and not yet returned (R30, R32)."""
    watch: LogWatch[str] = watch_of(
        app, "_case_watch", lambda: LogWatch(app, relief_events(), _case_of))
    held = 0
    for other_id in watch.select(lambda case_id: case_id == case.case_id):
        if other_id == case.id:
            continue
        held += _held(unit.relief_case(other_id))
    return held
