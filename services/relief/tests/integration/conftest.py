"""The relief application on SQLite (a file in the test's folder) with the fixed clock, the
bundled calendar, and case facts from a plain in-memory lookup (the read model's place)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest

from zhixing.eventstore.settings import Settings
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.clock import FixedClock
from zhixing.relief.application import ReliefApplication
from zhixing.relief.domain.values import FundEntryKind

from .app_kit import COURT, MONTHLY_WAGE_FEN, FakeFacts, zhongben_case


@pytest.fixture
def clock() -> FixedClock:
    # 10:00 in Beijing, late enough that the tests' decisions and payments of March are
    # not in the future (R31).
    return FixedClock(datetime(2026, 3, 31, 2, 0, tzinfo=UTC))


@pytest.fixture
def facts() -> FakeFacts:
    found = FakeFacts()
    found.put(zhongben_case())
    return found


@pytest.fixture
def calendar() -> WorkingCalendar:
    return WorkingCalendar()


@pytest.fixture
def make_app(tmp_path, facts, clock, calendar) -> Iterator[Callable[[], ReliefApplication]]:
    """Relief applications on one SQLite file: each call is another 'process'."""
    made: list[ReliefApplication] = []

    def make() -> ReliefApplication:
        made.append(ReliefApplication(Settings(var_dir=tmp_path), facts=facts, clock=clock,
                                      calendar=calendar))
        return made[-1]

    yield make
    for app in made:
        app.close()


@pytest.fixture
def app(make_app) -> ReliefApplication:
    return make_app()


@pytest.fixture
def funded(app) -> ReliefApplication:
    """川's 2025 wage entered and 川0104's 2026 fund credited with ¥1,000,000."""
    app.enter_wage("川", 2025, MONTHLY_WAGE_FEN, "四川省统计局 2025 年统计公报", "admin-1")
    app.credit_fund(COURT, 2026, FundEntryKind.APPROPRIATION, "appr-1", "川财预〔2026〕1号",
                    date(2026, 1, 10), 1_000_000_00)
    return app


