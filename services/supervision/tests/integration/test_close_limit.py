"""R26's closing limit behind `first_closed_within_limit` (R33): the cases topic tells a
case's "close" deadline only when it was counted provisionally (DeadlinesCounted, R64)
or extended (DeadlineExtended), so the figures count it from the filing as the cases
service does — 6 months, 3 for a non-litigation basis — and a told count or extension
wins. Found by tests/e2e/test_supervision_life: every 2026 case counted as beyond."""

from __future__ import annotations

import pytest

from zhixing.contracts.events.cases.v1 import DeadlineExtended, DeadlinesCounted
from zhixing.supervision.projections.case_kpis import CaseKpiView, close_limit
from zhixing.supervision.projections.kpi_queries import KpiQueries

from .read_support import BACKENDS, COURT, cipher, closed, feed, filed, head, kpi_store


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


def _within(backend: str, tmp_path, events) -> tuple[int, int]:
    store = kpi_store(backend, tmp_path)
    try:
        feed(store, CaseKpiView(cipher()), events)
        march = KpiQueries(store).court_months(COURT, "2026-03", "2026-03")[0]
        return march.first_closed, march.first_closed_within_limit
    finally:
        store.close()


class TestCloseLimit:
    def test_limit_is_six_months_after_filing_moved_off_a_rest_day_when_a_judgment(self):
        # 2025-09-06 + 6 months = 2026-03-06, a Friday; 2025-09-01 + 6 = 2026-03-01, a Sunday
        assert close_limit(COURT, "judgment", "2025-09-06") == "2026-03-06"
        assert close_limit(COURT, "judgment", "2025-09-01") == "2026-03-02"

    def test_limit_is_three_months_when_the_basis_is_not_a_courts(self):
        assert close_limit(COURT, "arbitral_award", "2025-12-10") == "2026-03-10"
        assert close_limit(COURT, "notarised_debt", "2025-12-10") == "2026-03-10"

    def test_no_limit_is_known_when_the_court_is_of_no_province(self):
        # A fuzzed or foreign court code must not park the filing (the case still counts).
        assert close_limit("Z0101", "judgment", "2026-03-02") == ""

    def test_cases_count_within_by_the_filing_when_the_topic_tells_no_count(
            self, backend, tmp_path):
        events = [filed(1, "2025-09-15"), closed(1, "2026-03-10"),   # within (03-16)
                  filed(2, "2025-08-20"), closed(2, "2026-03-10")]   # beyond (02-24)
        assert _within(backend, tmp_path, events) == (2, 1)

    def test_a_told_count_or_extension_wins_over_the_filing_when_one_arrives(
            self, backend, tmp_path):
        counted = DeadlinesCounted(**head(1), deadlines=[
            {"node": "close", "due_on": "2026-03-05", "provisional": True}],
            counted_on="2025-09-15")
        extended = DeadlineExtended(**head(2), node="close", due_on="2026-03-31",
                                    approved_by="president-1")
        events = [filed(1, "2025-09-15"), counted, closed(1, "2026-03-10"),  # beyond 03-05
                  filed(2, "2025-08-20"), extended, closed(2, "2026-03-10")]  # within 03-31
        assert _within(backend, tmp_path, events) == (2, 1)
