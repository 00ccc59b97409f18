"""Helpers for the cases service's own tests: a case under enforcement, what was published."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from zhixing.cases.outbound import CaseOutbound

T = TypeVar("T")


def executing_case(app: Any, a_filing: Any, **changes: object) -> Any:
    """Filed, assigned to 执行一组 and served its execution notice, all on the app's today."""
    case = app.file_case(a_filing(**changes))
    app.assign_case(case.id, "执行一组", "officer-1")
    app.serve_notice(case.id)
    return case


def published(app: Any, kind: type[T]) -> list[T]:
    """The integration events of `kind` the app's notification log maps to, in order."""
    outbound = CaseOutbound(app)
    return [e for _, d in app.read_notifications(0) for e in outbound(d) if isinstance(e, kind)]


def beijing_morning(iso_day: str) -> datetime:
    """10:00 in Beijing on that date, as an aware instant for a FixedClock."""
    return datetime.fromisoformat(f"{iso_day}T02:00:00").replace(tzinfo=UTC)
