"""The fund report's arithmetic and its CSV annex, on values alone (R32)."""

from __future__ import annotations

import csv
import io

from zhixing.relief.projections.report_figures import (
    BOM,
    Days,
    Outcomes,
    Report,
    days_between,
    figures,
    to_csv,
    yuan,
)


class TestDays:
    def test_median_is_the_mean_of_the_middle_two_when_the_count_is_even(self):
        assert Days.of([14, 2, 8, 7]) == Days(count=4, median=7.5, max=14)

    def test_median_is_the_middle_one_when_the_count_is_odd(self):
        assert Days.of([11, 9, 9]) == Days(count=3, median=9.0, max=11)

    def test_nothing_is_invented_when_no_application_reached_the_step(self):
        assert Days.of([]) == Days(count=0, median=None, max=None)

    def test_days_are_calendar_days_when_counted_across_new_year(self):
        assert days_between("2026-12-28", "2027-01-04") == 7
        assert days_between("2026-12-28", "") is None


class TestBalance:
    def test_balance_is_income_and_recoveries_less_payments(self):
        report = Report("川0104", 2026, appropriated_fen=100_00, donated_fen=20_00,
                        disbursed_fen=150_00, recovered_from_cases_fen=5_00,
                        recovered_after_fraud_fen=1)
        assert (report.recovered_fen, report.balance_fen) == (5_01, -24_99)

    def test_pending_is_what_was_applied_and_not_yet_decided(self):
        assert Outcomes(applied=5, approved=3, rejected=1, disbursed=3).pending == 1


class TestAnnex:
    def test_yuan_have_two_decimals_and_no_grouping(self):
        assert [yuan(0), yuan(5), yuan(123_456_78), yuan(-24_99)] == [
            "0.00", "0.05", "123456.78", "-24.99"]

    def test_one_row_per_figure_when_written(self):
        report = Report("川0104", 2026, appropriated_fen=1_00,
                        to_decision=Days(count=1, median=3.0, max=3))
        lines = list(csv.reader(io.StringIO(to_csv(report).removeprefix(BOM))))
        assert len(lines) == 1 + len(figures(report))
        assert len({line[2] for line in lines[1:]}) == len(figures(report))
        shown = {line[2]: line[4] for line in lines[1:]}
        assert (shown["appropriated_fen"], shown["to_decision_median"],
                shown["to_decision_max"]) == ("1.00", "3.0", "3")
