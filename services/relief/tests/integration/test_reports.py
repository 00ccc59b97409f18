"""Fund use per court and year (R32) from the relief service's own events: figures exact
against a year computed by hand (relief_events.YEAR), the CSV annex, repeats and
rebuilds."""

from __future__ import annotations

import copy
import csv
import io
import random

import pytest

from zhixing.kernel.errors import InvalidInput
from zhixing.relief.projections.report_figures import BOM, CSV_HEADER, Days, Outcomes
from zhixing.relief.projections.reports import TABLES, FundReport, FundReportQueries

from .read_support import BACKENDS, deliver, feed, rows, settings_for
from .relief_events import COURT, YEAR, credited

VIEWS = ("relief_report_credits", "relief_report_applications", "relief_report_recoveries")

EXPECTED_2026 = {
    "appropriated_fen": 500_000_00, "donated_fen": 80_000_00,
    "disbursed_fen": 30_000_00 + 20_000_00 + 12_000_00,           # 1, 3 and 6
    "recovered_fen": 10_000_00 + 2_000_00 + 3_000_00 + 5_000_00,  # d-1, d-9 (twice), f-1
    "recovered_from_cases_fen": 15_000_00, "recovered_after_fraud_fen": 5_000_00,
    "balance_fen": 500_000_00 + 80_000_00 + 20_000_00 - 62_000_00,
}
"""By hand: the 2026 fund of 川0104 (application 4 is paid from 2027's, 6 from 2026's)."""
EXPECTED_OUTCOMES = Outcomes(applied=7, approved=4, rejected=1, withdrawn=2, disbursed=3,
                             revoked=1, withdrawn_after_approval=1)
"""Applied in 2026: 1–5, 8, 9 (6 was applied in 2025, 7 at another court); 8 withdrawn
undecided, 9 approved then withdrawn."""
EXPECTED_TO_DECISION = Days(count=5, median=7.0, max=14)  # 8, 14, 2, 7, 4 days
EXPECTED_TO_PAYMENT = Days(count=3, median=9.0, max=11)   # 11, 9, 9 days


@pytest.fixture(params=[BACKENDS[0], pytest.param(BACKENDS[1], marks=pytest.mark.connected)])
def store(request, tmp_path):
    store = settings_for(request.param, tmp_path).sql_store("relief")
    FundReport.migrate(store)
    yield store
    store.close()


def _counted(outcomes: Outcomes) -> dict[str, int]:
    """The counts the annex shows (the withdrawn-after-approval figure only corrects
    `pending`)."""
    return {k: v for k, v in vars(outcomes).items() if k != "withdrawn_after_approval"}


def money(report) -> dict[str, int]:
    return {key: getattr(report, key) for key in EXPECTED_2026}


class TestFigures:
    def test_figures_are_exact_when_the_year_is_computed_by_hand(self, store):
        feed(store, FundReport(), YEAR)
        report = FundReportQueries(store).report(COURT, 2026)
        assert money(report) == EXPECTED_2026
        assert report.applications == EXPECTED_OUTCOMES
        assert report.applications.pending == 1
        assert (report.to_decision, report.to_payment) == (EXPECTED_TO_DECISION,
                                                           EXPECTED_TO_PAYMENT)

    def test_the_next_year_holds_what_its_fund_paid_when_decided_across_new_year(self, store):
        feed(store, FundReport(), YEAR)
        report = FundReportQueries(store).report(COURT, 2027)
        assert (report.disbursed_fen, report.balance_fen) == (15_000_00, -15_000_00)
        assert report.applications == Outcomes()

    def test_a_year_without_movement_reports_zeros(self, store):
        report = FundReportQueries(store).report(COURT, 2024)
        assert (report.balance_fen, report.applications.applied, report.to_decision.median) \
            == (0, 0, None)

    def test_a_year_out_of_range_is_refused_naming_the_field(self, store):
        with pytest.raises(InvalidInput, match=r"\[year\]"):
            FundReportQueries(store).report(COURT, 20260)


class TestRepeatsAndRebuilds:
    def test_a_repeated_event_changes_nothing_when_delivered_again(self, store):
        feed(store, FundReport(), YEAR)
        before = rows(store, *VIEWS)
        for position, event in enumerate(YEAR, 1):  # every notification once more
            deliver(store, FundReport(), event, position)
        deliver(store, FundReport(), credited("e-1", "appropriation", 500_000_00), 999)
        assert rows(store, *VIEWS) == before
        assert money(FundReportQueries(store).report(COURT, 2026)) == EXPECTED_2026

    def test_a_rebuild_gives_the_same_rows_when_replayed_in_another_order(self, store):
        feed(store, FundReport(), YEAR)
        replica = copy.copy(FundReport())
        replica.tables = TABLES.at(2)
        with store.transaction() as cur:
            TABLES.create(cur, 2)
        shuffled = YEAR[:]
        random.Random(14).shuffle(shuffled)
        feed(store, replica, shuffled, first=1000)
        rebuilt = rows(store, *(f"{v}__v2" for v in VIEWS))
        live = rows(store, *(f"{v}__v1" for v in VIEWS))
        assert list(rebuilt.values()) == list(live.values()) and all(live.values())


class TestCsvAnnex:
    def test_the_annex_parses_back_to_the_same_figures_when_read_with_csv(self, store):
        feed(store, FundReport(), YEAR)
        text = FundReportQueries(store).csv(COURT, 2026)
        assert text.startswith(BOM)
        header, *lines = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
        assert tuple(header) == CSV_HEADER
        assert {line[0] for line in lines} == {COURT} and {line[1] for line in lines} == {"2026"}
        shown = {line[2]: line[4] for line in lines}
        assert {key: shown[key] for key in EXPECTED_2026} == {
            key: f"{fen // 100}.{fen % 100:02d}" for key, fen in EXPECTED_2026.items()}
        assert {key: int(shown[f"applications_{key}"]) for key in
                ("applied", "approved", "rejected", "withdrawn", "disbursed", "revoked",
                 "pending")} == {**_counted(EXPECTED_OUTCOMES), "pending": 1}
        assert [shown[k] for k in ("to_decision_median", "to_decision_max",
                                   "to_payment_median", "to_payment_max")] == [
            "7.0", "14", "9.0", "11"]

    def test_the_annex_opens_as_utf8_with_its_chinese_labels(self, store):
        feed(store, FundReport(), YEAR)
        data = FundReportQueries(store).csv(COURT, 2026).encode("utf-8")
        header, first, *_ = csv.reader(io.StringIO(data.decode("utf-8-sig")))
        assert header[0] == "法院 court_code"
        assert (first[2], first[3], first[4], first[5]) == (
            "appropriated_fen", "财政拨款", "500000.00", "元 yuan")

    def test_a_step_no_application_reached_is_left_empty(self, store):
        text = FundReportQueries(store).csv(COURT, 2024)
        shown = {line[2]: line[4] for line in csv.reader(io.StringIO(text.removeprefix(BOM)))}
        assert (shown["to_payment_median"], shown["balance_fen"]) == ("", "0.00")

    @pytest.mark.parametrize("court", ['=HYPERLINK("http://x","川0104")', "+1", "-1", "@SUM(1)"])
    def test_a_court_code_shaped_like_a_formula_is_shown_as_text_in_the_annex(
            self, store, court):
        text = FundReportQueries(store).csv(court, 2026)
        cells = {line[0] for line in csv.reader(io.StringIO(text.removeprefix(BOM)))}
        assert cells == {"法院 court_code", f"'{court}"}
