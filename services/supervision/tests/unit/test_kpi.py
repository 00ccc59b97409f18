"""The R33 figures, one definition a test (domain.kpi: pure arithmetic over dated facts)."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.domain.kpi import (
    ZHONGBEN,
    CaseRecord,
    NodeFact,
    Period,
    Timed,
    figures,
    first_closure,
    missing_requeries,
    nearest_rank_p90,
    selects,
)

MARCH = Period.of_months("2026-03", "2026-03")
COURT = "川0104"


def case(n: int, filed: date, closed: date | None = None, closure: str = "executed_in_full",
         **more) -> CaseRecord:
    return CaseRecord(case_id=f"c{n}", case_number=f"(2026)川0104执{n}号", court_code=COURT,
                      case_type=more.pop("case_type", "执"), filed_on=filed, closed_on=closed,
                      closure=closure if closed else "", **more)


class TestPeriod:
    def test_period_runs_from_the_first_to_the_last_day_when_given_months(self):
        period = Period.of_months("2026-01", "2026-02")
        assert (period.first, period.last) == (date(2026, 1, 1), date(2026, 2, 28))
        assert [m.from_month for m in period.months()] == ["2026-01", "2026-02"]

    @pytest.mark.parametrize("month", ["2026-13", "2026-1", "26-01", "2026-01-01", "２０２６-01"])
    def test_month_is_refused_naming_the_field_when_not_yyyy_mm(self, month):
        with pytest.raises(InvalidInput) as refused:
            Period.of_months(month, "2026-03")
        assert (refused.value.field, refused.value.rule) == ("from_month", "R33")

    def test_period_is_refused_when_longer_than_sixty_months(self):
        Period.of_months("2022-01", "2026-12")
        with pytest.raises(InvalidInput, match="at most 60 months"):
            Period.of_months("2021-12", "2026-12")

    def test_period_is_refused_when_it_ends_before_it_starts(self):
        with pytest.raises(InvalidInput) as refused:
            Period.of_months("2026-03", "2026-02")
        assert refused.value.field == "to_month"


class TestCaseload:
    def test_received_counts_every_case_type_when_filed_in_the_period(self):
        got = figures([case(1, date(2026, 3, 1)), case(2, date(2026, 3, 31), case_type="执恢"),
                       case(3, date(2026, 2, 28)), case(4, date(2026, 4, 1))], MARCH)
        assert got.received == 2

    def test_a_case_is_pending_at_start_when_filed_before_and_not_closed_before_the_period(self):
        got = figures([case(1, date(2026, 1, 5)),                        # open
                       case(2, date(2026, 1, 5), date(2026, 3, 1)),      # closed in March
                       case(3, date(2026, 1, 5), date(2026, 2, 28)),     # closed before
                       case(4, date(2026, 3, 1))], MARCH)                # filed in March
        assert got.pending_at_start == 2

    def test_closure_rate_is_closed_over_pending_at_start_and_received_when_cases_close(self):
        got = figures([case(1, date(2026, 1, 5), date(2026, 3, 2)), case(2, date(2026, 1, 5)),
                       case(3, date(2026, 3, 3)), case(4, date(2026, 3, 4))], MARCH)
        assert (got.closed, got.closure_rate) == (1, 1 / 4)

    def test_rates_are_none_when_there_is_nothing_to_divide_by(self):
        got = figures([], MARCH)
        assert (got.closure_rate, got.recovered_rate, got.avg_days, got.p90_days,
                got.zhongben_rate, got.zhongben_compliance) == (None,) * 6

    def test_a_case_closes_once_by_its_first_closure_when_concluded_then_closed(self):
        """终本 is a way of closing: a 终本 case closed later counts in the 终本's month."""
        assert first_closure((date(2026, 4, 2), "terminated"), date(2026, 3, 9)) == (
            date(2026, 3, 9), ZHONGBEN)
        assert first_closure((date(2026, 3, 2), "terminated"), date(2026, 3, 9)) == (
            date(2026, 3, 2), "terminated")
        assert first_closure(None, None) == (None, "")


class TestRecoveredAndDuration:
    def test_recovered_rate_is_received_over_claimed_when_cases_close(self):
        got = figures([case(1, date(2026, 1, 5), date(2026, 3, 2), claim_total_fen=100_00,
                            received_fen=100_00),
                       case(2, date(2026, 1, 5), date(2026, 3, 3), claim_total_fen=300_00,
                            received_fen=0),
                       case(3, date(2026, 1, 5), claim_total_fen=999_00, received_fen=999_00)],
                      MARCH)
        assert (got.claimed_fen, got.recovered_fen, got.recovered_rate) == (400_00, 100_00, 0.25)

    def test_average_days_run_from_filing_to_closure_when_cases_close(self):
        got = figures([case(1, date(2026, 3, 1), date(2026, 3, 11)),
                       case(2, date(2026, 3, 1), date(2026, 3, 21))], MARCH)
        assert got.avg_days == 15

    @pytest.mark.parametrize(("days", "p90"), [
        ([7], 7), (list(range(1, 11)), 9), (list(range(1, 12)), 10),
        (list(range(20, 0, -1)), 18), ([5, 1, 3], 5)])
    def test_p90_is_the_nearest_rank_when_days_are_given(self, days, p90):
        """The ⌈0.9·n⌉-th smallest — not interpolated (10 values: the 9th, not 9.1)."""
        assert nearest_rank_p90(days) == p90

    def test_p90_is_none_when_nothing_closed(self):
        assert nearest_rank_p90([]) is None


class TestZhongben:
    def test_a_zhongben_counts_as_non_compliant_when_a_precondition_was_unmet(self):
        got = figures([case(1, date(2025, 11, 1), date(2026, 3, 2), ZHONGBEN),
                       case(2, date(2025, 11, 1), date(2026, 3, 3), ZHONGBEN,
                            unmet=("R16(2)",)),
                       case(3, date(2025, 11, 1), date(2026, 3, 4)),
                       case(4, date(2025, 11, 1), date(2026, 3, 5))], MARCH)
        assert (got.zhongben, got.zhongben_rate) == (2, 0.5)
        assert (got.zhongben_compliant, got.zhongben_compliance) == (1, 0.5)

    def test_drill_selects_a_zhongben_case_when_it_was_non_compliant(self):
        bad = case(2, date(2025, 11, 1), date(2026, 3, 3), ZHONGBEN, unmet=("R16(1)",))
        good = case(1, date(2025, 11, 1), date(2026, 3, 2), ZHONGBEN)
        assert [selects("zhongben_noncompliant", r, MARCH) for r in (bad, good)] == [True, False]

    def test_drill_is_refused_when_the_figure_is_unknown(self):
        with pytest.raises(InvalidInput) as refused:
            selects("names", case(1, date(2026, 3, 1)), MARCH)
        assert refused.value.field == "figure"


class TestLimits:
    def test_overdue_nodes_count_each_case_and_node_once_when_overdue_again(self):
        nodes = [NodeFact("c1", "notice", date(2026, 3, 2)),
                 NodeFact("c1", "notice", date(2026, 3, 9)),
                 NodeFact("c1", "assign", date(2026, 3, 2)),
                 NodeFact("c2", "notice", date(2026, 2, 28))]
        assert figures([], MARCH, nodes=nodes).overdue_nodes == 2

    def test_a_first_enforcement_case_is_within_limit_when_closed_by_its_close_day(self):
        got = figures([case(1, date(2026, 1, 5), date(2026, 3, 2), close_by=date(2026, 3, 2)),
                       case(2, date(2026, 1, 5), date(2026, 3, 3), close_by=date(2026, 3, 2)),
                       case(3, date(2026, 1, 5), date(2026, 3, 3)),  # no limit known
                       case(4, date(2026, 1, 5), date(2026, 3, 3), case_type="执恢",
                            close_by=date(2026, 9, 1))], MARCH)
        assert (got.first_closed, got.first_closed_within_limit) == (3, 1)

    def test_removals_and_relief_are_in_time_when_done_by_their_deadline(self):
        removals = [Timed("L1", "c1", date(2026, 3, 3), date(2026, 3, 3)),
                    Timed("L2", "c1", date(2026, 3, 4), date(2026, 3, 3)),
                    Timed("L3", "c1", date(2026, 4, 1), date(2026, 4, 3))]
        reliefs = [Timed("A1", "c1", date(2026, 3, 3), None),  # its application not seen
                   Timed("A2", "c1", date(2026, 3, 3), date(2026, 3, 9))]
        got = figures([], MARCH, removals=removals, reliefs=reliefs)
        assert (got.removals, got.removals_within_limit) == (2, 1)
        assert (got.relief_decided, got.relief_within_limit) == (2, 1)


class TestRequeries:
    CONCLUDED = date(2026, 1, 10)
    DATES = (date(2026, 7, 10), date(2027, 1, 10))

    def test_a_requery_date_is_missing_when_no_requery_completed_since_the_one_before(self):
        assert missing_requeries(self.CONCLUDED, self.DATES, [], date(2027, 1, 10)) == list(self.DATES)
        assert missing_requeries(self.CONCLUDED, self.DATES, [date(2026, 7, 1)],
                                 date(2027, 1, 10)) == [date(2027, 1, 10)]

    def test_no_date_is_missing_when_it_has_not_fallen_due(self):
        assert missing_requeries(self.CONCLUDED, self.DATES, [], date(2026, 7, 9)) == []

    def test_a_date_is_not_missing_any_more_when_a_late_requery_was_completed_since(self):
        """R18: re-queried late is no longer missing — the watch closed every re-query
        alert of the case when the result came; a sweep raising one after it would leave
        an alert nothing ever closes."""
        late = [date(2026, 7, 20)]
        assert missing_requeries(self.CONCLUDED, self.DATES, late, date(2026, 7, 21)) == []
        assert missing_requeries(self.CONCLUDED, self.DATES, late,
                                 date(2027, 1, 11)) == []  # (2026-07-10, 2027-01-10] has one
        assert missing_requeries(self.CONCLUDED, self.DATES, [date(2026, 7, 10)],
                                 date(2027, 1, 11)) == [date(2027, 1, 10)]

    def test_a_requery_counts_for_no_date_when_made_before_the_zhongben(self):
        assert missing_requeries(self.CONCLUDED, self.DATES[:1], [date(2026, 1, 10)],
                                 date(2026, 8, 1)) == list(self.DATES[:1])

