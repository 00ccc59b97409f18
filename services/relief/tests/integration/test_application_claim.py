"""R30: the unpaid claim is the ceiling of ALL the relief of an enforcement case, whatever
the year of the fund each approval is charged to. Two approvals around New Year (one on
the 2026 fund, one on the 2027 fund) in two 'processes' on one store: the one saved
second is checked again against the first and refused — they cannot both pass."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest

from testkit.stack import stack_settings
from zhixing.eventstore.settings import Settings
from zhixing.relief.application import ReliefApplication
from zhixing.relief.domain.errors import AboveUnpaidClaim
from zhixing.relief.domain.values import FundEntryKind

from .app_kit import COURT, MONTHLY_WAGE_FEN, at_beijing_morning, reviewed, zhongben_case

OLD_YEAR, NEW_YEAR = date(2026, 12, 31), date(2027, 1, 4)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.connected)])
def make_app(request, tmp_path, facts, clock,
             calendar) -> Iterator[Callable[[], ReliefApplication]]:
    """Relief applications on one store (SQLite file, or the stack's PostgreSQL): each
    call is another 'process'."""
    settings = (Settings(var_dir=tmp_path) if request.param == "sqlite"
                else stack_settings(tmp_path))
    made: list[ReliefApplication] = []

    def make() -> ReliefApplication:
        made.append(ReliefApplication(settings, facts=facts, clock=clock, calendar=calendar))
        return made[-1]

    yield make
    for app in made:
        app.close()


@pytest.fixture
def across_new_year(make_app, facts, clock):
    """Two applications of a ¥300,000 claim's two creditors, each asking ¥200,000; the
    2026 and 2027 funds and the 2025 and 2026 wages (caps ¥288,000) in place."""
    at_beijing_morning(clock, NEW_YEAR)
    first, second = make_app(), make_app()
    facts.put(zhongben_case(applicants=2, claim_fen=300_000_00))
    for year in (2025, 2026):
        first.enter_wage("川", year, MONTHLY_WAGE_FEN, f"四川省统计局 {year} 年统计公报", "admin-1")
    for year in (2026, 2027):
        first.credit_fund(COURT, year, FundEntryKind.APPROPRIATION, f"appr-{year}",
                          f"川财预〔{year}〕1号", date(year, 1, 10) if year == 2026 else NEW_YEAR,
                          1_000_000_00)
    return first, second, reviewed(first, 0, 200_000_00), reviewed(first, 1, 200_000_00)


class TestCeilingAcrossFundYears:
    def test_the_second_approval_is_refused_naming_r30_when_it_races_the_first_across_fund_years(
            self, across_new_year, facts):
        first, second, old_year_id, new_year_id = across_new_year
        # The second process has read what the case's other relief holds (nothing yet)
        # and reads the case's facts next: the first process's approval is saved then,
        # before the second one's save.
        facts.on_next_read(
            lambda: first.approve(old_year_id, 200_000_00, OLD_YEAR, "president-1", None))
        with pytest.raises(AboveUnpaidClaim) as refused:
            second.approve(new_year_id, 200_000_00, NEW_YEAR, "president-1", None)
        assert refused.value.rule == "R30"
        assert "¥300,000.00 less ¥200,000.00" in str(refused.value)
        assert first.relief_case(old_year_id).status == "approved"
        assert first.relief_case(new_year_id).status == "reviewed"
        assert first.fund_of(COURT, 2027).reserved_fen == 0
