from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from zhixing.kernel.clock import Clock, FixedClock, SystemClock, legal_date


class TestLegalDate:
    def test_new_year_in_beijing_when_still_old_year_in_utc(self) -> None:
        clock = FixedClock(datetime(2025, 12, 31, 23, 30, tzinfo=UTC))
        assert clock.today() == date(2026, 1, 1)

    def test_same_date_when_before_utc_16_00(self) -> None:
        assert legal_date(datetime(2025, 12, 31, 15, 59, tzinfo=UTC)) == date(2025, 12, 31)

    def test_refused_when_naive_datetime(self) -> None:
        with pytest.raises(ValueError):
            FixedClock(datetime(2026, 1, 1))


class TestFixedClock:
    def test_moves_when_advanced(self) -> None:
        clock = FixedClock(datetime(2026, 1, 31, 2, 0, tzinfo=UTC))
        clock.advance(timedelta(days=30))
        assert clock.today() == date(2026, 3, 2)

    def test_now_in_utc_when_built_from_beijing_time(self) -> None:
        clock = FixedClock(datetime(2026, 1, 1, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
        assert clock.now() == datetime(2025, 12, 31, 23, 0, tzinfo=UTC)
        assert clock.now().tzinfo is UTC


class TestSystemClock:
    def test_aware_utc_when_asked_for_now(self) -> None:
        clock: Clock = SystemClock()
        assert clock.now().utcoffset() == timedelta(0)
