"""R32: a fund never goes negative — approvals racing in two applications on one store (two
'processes' on one SQLite file, or on one PostgreSQL schema in the connected run, several
threads each) against a fund that affords only some of them: exactly the affordable ones
succeed, the others are refused naming R32."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from testkit.stack import stack_settings
from zhixing.eventstore.settings import Settings
from zhixing.relief.application import ReliefApplication
from zhixing.relief.domain.errors import FundInsufficient
from zhixing.relief.domain.values import FundEntryKind

from .app_kit import COURT, MONTHLY_WAGE_FEN, reviewed, zhongben_case

APPLICATIONS = 8
AMOUNT_FEN = 30_000_00
FUND_FEN = 100_000_00  # affords 3 of the 8 (¥90,000), leaving ¥10,000


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


class TestFundRace:
    """Approvals racing on one fund (R32)."""

    def test_exactly_the_affordable_approvals_succeed_when_two_processes_race(self, make_app, facts):
        first, second = make_app(), make_app()
        facts.put(zhongben_case(applicants=APPLICATIONS))
        first.enter_wage("川", 2025, MONTHLY_WAGE_FEN, "bulletin", "admin-1")
        first.credit_fund(COURT, 2026, FundEntryKind.APPROPRIATION, "appr-1", "川财 1",
                          date(2026, 1, 10), FUND_FEN)
        ids = [reviewed(first, party_index=i, requested_fen=AMOUNT_FEN) for i in range(APPLICATIONS)]
        approved: list[str] = []
        refused: list[FundInsufficient] = []
        failed: list[BaseException] = []
        start = threading.Barrier(APPLICATIONS)

        def approve(index: int) -> None:
            app = (first, second)[index % 2]
            start.wait()
            try:
                app.approve(ids[index], AMOUNT_FEN, date(2026, 3, 6), "president-1", None)
                approved.append(ids[index])
            except FundInsufficient as error:
                refused.append(error)
            except BaseException as error:
                failed.append(error)

        threads = [threading.Thread(target=approve, args=(i,)) for i in range(APPLICATIONS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert failed == []
        assert len(approved) == FUND_FEN // AMOUNT_FEN
        assert len(refused) == APPLICATIONS - len(approved)
        assert all(error.rule == "R32" for error in refused)
        fund = make_app().fund_of(COURT, 2026)  # read fresh, as a third process would
        spent = len(approved) * AMOUNT_FEN
        assert (fund.reserved_fen, fund.available_fen) == (spent, FUND_FEN - spent)
        assert fund.available_fen >= 0
        # The ledger: one appropriation, then exactly one reservation per approval, each line's
        # figures adding up to the fund's.
        reserved = [m for m in fund.ledger if m.kind == "reserved"]
        assert sorted(m.ref for m in reserved) == sorted(approved)
        assert sum(m.amount_fen for m in reserved) == spent
        assert [m.available_fen for m in fund.ledger] == [
            FUND_FEN - i * AMOUNT_FEN for i in range(len(fund.ledger))]
        assert {first.relief_case(i).status for i in approved} == {"approved"}
        assert {first.relief_case(i).status for i in ids if i not in approved} == {"reviewed"}
