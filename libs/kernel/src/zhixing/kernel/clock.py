"""Injectable clocks (DESIGN §10): timestamps in UTC, legal dates in Asia/Shanghai."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo


@cache
def china_tz() -> ZoneInfo:
    """China Standard Time; loaded on first use, not at import."""
    return ZoneInfo("Asia/Shanghai")


def aware_instant(text: str) -> datetime | None:
    """`text` as an ISO 8601 / RFC 3339 instant with its offset; None when it is not one
    (a time without an offset names no instant: the caller refuses it under its rule)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def legal_date(moment: datetime) -> date:
    """The calendar date in China of an aware instant (07:00 1 Jan Beijing is 1 Jan)."""
    if moment.tzinfo is None:
        raise ValueError("legal_date needs an aware datetime")
    return moment.astimezone(china_tz()).date()


class Clock(Protocol):
    """Where every "now" and "today" comes from."""

    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        ...

    def today(self) -> date:
        """Today's date in China Standard Time."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current instant in UTC."""
        return datetime.now(UTC)

    def today(self) -> date:
        """Today in Asia/Shanghai."""
        return legal_date(self.now())


class FixedClock:
    """A clock that only moves when told to, for tests."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._moment = moment.astimezone(UTC)

    def now(self) -> datetime:
        """The fixed instant in UTC."""
        return self._moment

    def today(self) -> date:
        """The fixed instant's date in Asia/Shanghai."""
        return legal_date(self._moment)

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward (or back, with a negative delta)."""
        self._moment += delta

    def set(self, moment: datetime) -> None:
        """Jump to an aware instant."""
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._moment = moment.astimezone(UTC)


class FileClock:
    """The instant written in a file (ISO 8601, aware), else the system clock.

    For demos and end-to-end tests that run the suite as separate processes and must
    travel through months: every process reads the same file (`ZHIXING_CLOCK_FILE`).
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def now(self) -> datetime:
        """The file's instant in UTC, or the system's when the file is absent or empty."""
        try:
            text = self.path.read_text("utf-8").strip()
        except FileNotFoundError:
            text = ""
        if not text:
            return datetime.now(UTC)
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            raise ValueError(f"{self.path}: the clock file needs an aware instant, e.g. "
                             "2026-03-02T10:00:00+08:00")
        return moment.astimezone(UTC)

    def today(self) -> date:
        """The instant's date in Asia/Shanghai."""
        return legal_date(self.now())
