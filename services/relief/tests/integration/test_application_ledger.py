"""The R30 wage table and the funds' credits (R32): entered once, corrected with history,
credited once per entry id."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.kernel.errors import AlreadyExists
from zhixing.relief.domain.values import FundEntryKind

from .app_kit import COURT


class TestWagesAndFunds:
    """The wage table (R30) and the funds' credits (R32)."""

    def test_same_entry_and_nothing_stored_when_a_wage_is_entered_again(self, app):
        app.enter_wage("川", 2025, 8_000_00, "四川省统计公报 2025", "admin-1")
        stored = app.max_notification_id()
        entry = app.enter_wage("川", 2025, 8_000_00, "四川省统计公报 2025", "admin-1")
        assert app.max_notification_id() == stored
        assert entry.cap_fen == 36 * 8_000_00


    def test_new_figure_is_kept_with_its_history_when_a_wage_is_corrected(self, app):
        app.enter_wage("川", 2025, 8_000_00, "bulletin", "admin-1", demonstration=True)
        entry = app.enter_wage("川", 2025, 8_100_00, "corrected bulletin", "admin-2")
        assert (entry.monthly_wage_fen, entry.demonstration, len(entry.history)) == (8_100_00, False, 2)
        assert app.wage_of("川", 2025).monthly_wage_fen == 8_100_00
        assert app.wage_of("渝", 2025) is None


    def test_balance_grows_once_when_a_credit_is_sent_again_with_its_entry_id(self, app):
        for _ in range(2):
            app.credit_fund(COURT, 2026, "donation", "don-1", "捐赠协议 1", date(2026, 2, 1),
                            5_000_00)
        fund = app.fund_of(COURT, 2026)
        assert (fund.donated_fen, fund.balance_fen, len(fund.ledger)) == (5_000_00, 5_000_00, 1)


    def test_already_exists_naming_entry_id_when_it_is_reused_for_another_credit(self, app):
        app.credit_fund(COURT, 2026, FundEntryKind.DONATION, "don-1", "捐赠协议 1",
                        date(2026, 2, 1), 5_000_00)
        with pytest.raises(AlreadyExists) as refused:
            app.credit_fund(COURT, 2026, FundEntryKind.DONATION, "don-1", "捐赠协议 1",
                            date(2026, 2, 1), 6_000_00)
        assert refused.value.field == "entry_id"
        assert app.fund_of(COURT, 2026).balance_fen == 5_000_00


    def test_already_exists_naming_entry_id_when_it_is_sent_again_under_another_document(
            self, app):
        app.credit_fund(COURT, 2026, FundEntryKind.DONATION, "don-1", "捐赠协议 1",
                        date(2026, 2, 1), 5_000_00)
        with pytest.raises(AlreadyExists) as refused:
            app.credit_fund(COURT, 2026, FundEntryKind.DONATION, "don-1", "捐赠协议 2",
                            date(2026, 2, 1), 5_000_00)
        assert refused.value.field == "entry_id"
        assert "捐赠协议" not in str(refused.value)
        app.credit_fund(COURT, 2026, FundEntryKind.DONATION, " don-1 ", " 捐赠协议 1 ",
                        date(2026, 2, 1), 5_000_00)  # the same entry re-sent: no refusal
        assert app.fund_of(COURT, 2026).balance_fen == 5_000_00


    def test_no_fund_when_nothing_was_ever_credited(self, app):
        assert app.fund_of(COURT, 2026) is None

    def test_figures_read_back_exact_when_the_fund_is_read_from_its_snapshot(self, app):
        credits = 105  # past the fund's snapshot interval (100)
        for n in range(credits):
            app.credit_fund(COURT, 2026, "donation", f"don-{n}", f"捐赠 {n}", date(2026, 2, 1),
                            1_00 + n)
        fund_id = app.fund_of(COURT, 2026).id
        assert app.snapshots is not None and list(app.snapshots.get(fund_id, desc=True, limit=1))
        fund = app.fund_of(COURT, 2026)
        total = sum(1_00 + n for n in range(credits))
        assert (fund.donated_fen, fund.balance_fen, len(fund.ledger)) == (total, total, credits)
        assert fund.ledger[-1].balance_fen == total
