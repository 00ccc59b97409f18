"""Specification of removal (R8) and credit repair (R11); correction (R9) is in
`test_correction.py`."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.credit.domain.errors import InvalidDecision, RemovalRefused
from zhixing.credit.domain.terms import TERM_EXPIRED

from .listing_fixtures import CALENDAR, decide, refusing_to_perform, replayed

PERFORMED, NOTHING_FOUND = 1, 4


class TestRemovalDeadline:
    """R8: removal within 3 working days of the event, on the statutory calendar."""

    def test_due_on_the_third_working_day_when_no_holiday_intervenes(self):
        listing = decide()
        listing.trigger_removal(PERFORMED, date(2026, 3, 4), CALENDAR)  # a Wednesday
        assert listing.remove_by == "2026-03-09"

    def test_due_on_the_make_up_saturday_when_national_day_intervenes(self):
        # 1–7 October 2026 are holidays; Saturday 10 October is a make-up working day.
        listing = decide()
        listing.trigger_removal(PERFORMED, date(2026, 9, 30), CALENDAR)
        assert listing.remove_by == "2026-10-10"

    def test_overdue_when_the_day_after_the_deadline_comes(self):
        listing = decide()
        listing.trigger_removal(PERFORMED, date(2026, 9, 30), CALENDAR)
        assert not listing.removal_overdue(date(2026, 10, 10))
        assert listing.removal_overdue(date(2026, 10, 11))

    def test_not_overdue_when_removed_in_time(self):
        listing = decide()
        listing.trigger_removal(PERFORMED, date(2026, 9, 30), CALENDAR)
        listing.remove(PERFORMED, date(2026, 10, 9))
        assert not listing.removal_overdue(date(2026, 10, 12))

    def test_nothing_changes_when_a_removal_is_triggered_twice(self):
        listing = decide()
        listing.trigger_removal(PERFORMED, date(2026, 9, 30), CALENDAR)
        version = listing.version
        assert not listing.trigger_removal(7, date(2026, 10, 20), CALENDAR)
        assert (listing.version, listing.remove_by) == (version, "2026-10-10")

    def test_refused_naming_r8_4_when_the_listing_has_a_fixed_term(self):
        with pytest.raises(RemovalRefused, match=r"R8\(4\)"):
            decide(grounds=[2]).trigger_removal(NOTHING_FOUND, date(2026, 9, 30), CALENDAR)

    def test_triggered_by_an_empty_search_when_ground_one_is_alone(self):
        listing = refusing_to_perform()
        assert listing.trigger_removal(NOTHING_FOUND, date(2026, 9, 30), CALENDAR)

    @pytest.mark.parametrize("reason", [0, 8])
    def test_refused_naming_r8_when_the_reason_is_unknown(self, reason):
        with pytest.raises(InvalidDecision, match="R8"):
            decide().trigger_removal(reason, date(2026, 9, 30), CALENDAR)


class TestRemoval:
    """R8 removes the listing; R11 reports the debtor as repaired."""

    def test_no_longer_listed_when_removed(self):
        listing = decide()
        listing.remove(PERFORMED, date(2026, 5, 6))
        assert not listing.is_listed
        assert listing.removed_on == "2026-05-06"

    def test_debtor_reported_repaired_when_removed(self):
        """R11: the partners that received the listing are told."""
        listing = decide()
        listing.publish(date(2026, 4, 2))
        listing.remove(PERFORMED, date(2026, 5, 6))
        names = [type(e).__name__ for e in listing.collect_events()]
        assert names[-2:] == ["Removed", "Repaired"]

    def test_nobody_is_told_of_a_removal_before_publication(self):
        """R10/R11: a listing removed in its grace period was never received by anyone."""
        listing = decide()
        listing.remove(PERFORMED, date(2026, 3, 10))
        names = [type(e).__name__ for e in listing.collect_events()]
        assert names[-1] == "Removed" and "Repaired" not in names

    def test_nothing_changes_when_removed_twice(self):
        listing = decide()
        listing.remove(PERFORMED, date(2026, 5, 6))
        version = listing.version
        assert not listing.remove(3, date(2026, 5, 7))
        assert (listing.version, listing.removed_on) == (version, "2026-05-06")

    def test_refused_naming_r8_4_when_removing_a_fixed_term_listing(self):
        with pytest.raises(RemovalRefused, match=r"R8\(4\)"):
            decide().remove(NOTHING_FOUND, date(2026, 5, 6))

    def test_removed_when_the_fixed_term_has_run_out(self):
        listing = decide()  # expires on 2028-03-02
        assert listing.expire(date(2028, 3, 3))
        assert not listing.is_listed
        assert listing.removal_reason == TERM_EXPIRED

    def test_still_listed_on_the_last_day_of_the_term(self):
        listing = decide()
        assert not listing.expire(date(2028, 3, 2))
        assert listing.is_listed

    def test_never_expires_when_ground_one_is_alone(self):
        listing = refusing_to_perform()
        assert not listing.expire(date(2040, 1, 1))
        assert listing.is_listed

    def test_state_is_the_same_when_rebuilt_from_its_events(self):
        listing = decide()
        listing.trigger_removal(PERFORMED, date(2026, 9, 30), CALENDAR)
        listing.remove(PERFORMED, date(2026, 10, 9))
        assert replayed(listing).__dict__ == listing.__dict__
