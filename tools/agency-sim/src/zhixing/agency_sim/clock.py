"""The simulator's clock: what it needs of one, and the real one. Its own, so that a
stand-in for outside parties depends on the public contracts only (DESIGN §11)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo


def china_tz() -> tzinfo:
    """China Standard Time: the agencies write their answers' times in it."""
    return ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    """Anything with `now()`, an aware instant (tests pass a fixed one)."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)
