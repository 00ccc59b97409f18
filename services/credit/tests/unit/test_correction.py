"""Specification of correction (R9): a request of its own (`CorrectionRequest`) beside the
listing, which stays in force meanwhile."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.credit.domain.correction import CorrectionRequest, CorrectionStage
from zhixing.credit.domain.errors import RemovalRefused
from zhixing.credit.domain.terms import WRONGLY_LISTED

from .listing_fixtures import CALENDAR, decide


def request(listing=None, on: date = date(2026, 3, 2), last=None) -> CorrectionRequest:
    found = CorrectionRequest.request(listing or decide(), on, CALENDAR, last=last)
    assert found is not None
    return found


def replayed(aggregate):
    copy = None
    for domain_event in aggregate.collect_events():
        copy = domain_event.mutate(copy)
    return copy


class TestCorrection:
    """R9: decided in 15 days, fixed in 3 working days; reconsideration in 10 + 15 days;
    the listing stays in force meanwhile."""

    def test_decision_due_15_days_after_the_request(self):
        assert request().steps.decide_by == "2026-03-17"

    def test_decision_due_after_the_holiday_when_day_15_is_national_day(self):
        # R64: 15 days from 20 September end on 5 October, a holiday → 8 October.
        assert request(on=date(2026, 9, 20)).steps.decide_by == "2026-10-08"

    def test_still_listed_when_a_correction_is_pending(self):
        listing = decide()
        request(listing)
        assert listing.is_listed

    def test_overdue_when_the_court_has_not_decided_by_the_deadline(self):
        pending = request()
        assert pending.steps.missed(date(2026, 3, 17)) == []
        assert pending.steps.missed(date(2026, 3, 18)) == ["decide_by"]

    def test_fix_due_in_3_working_days_when_upheld(self):
        pending = request(on=date(2026, 9, 20))
        pending.decide(True, date(2026, 9, 30), CALENDAR)
        assert pending.steps.fix_by == "2026-10-10"

    def test_fix_overdue_when_not_corrected_in_time(self):
        pending = request(on=date(2026, 9, 20))
        pending.decide(True, date(2026, 9, 30), CALENDAR)
        assert pending.steps.missed(date(2026, 10, 11)) == ["fix_by"]

    def test_not_overdue_when_corrected_in_time(self):
        pending = request()
        pending.decide(True, date(2026, 3, 10), CALENDAR)
        pending.correct(date(2026, 3, 12))
        assert pending.steps.missed(date(2026, 4, 1)) == []

    def test_reconsideration_open_for_10_days_when_dismissed(self):
        pending = request()
        pending.decide(False, date(2026, 3, 10), CALENDAR)
        assert (pending.steps.reconsider_apply_by, pending.steps.fix_by) == ("2026-03-20", "")
        assert pending.stage is CorrectionStage.DISMISSED

    def test_reconsideration_decided_within_15_days_when_applied_for(self):
        pending = request()
        pending.decide(False, date(2026, 3, 10), CALENDAR)
        pending.apply_for_reconsideration(date(2026, 3, 20), CALENDAR)
        assert pending.steps.reconsider_decide_by == "2026-04-07"  # 4 Apr: 清明
        assert pending.steps.missed(date(2026, 4, 8)) == ["reconsider_decide_by"]

    def test_refused_naming_r9_when_reconsideration_is_applied_for_late(self):
        pending = request()
        pending.decide(False, date(2026, 3, 10), CALENDAR)
        with pytest.raises(RemovalRefused, match="R9"):
            pending.apply_for_reconsideration(date(2026, 3, 21), CALENDAR)

    def test_fix_due_when_the_higher_court_upholds(self):
        pending = request()
        pending.decide(False, date(2026, 3, 10), CALENDAR)
        pending.apply_for_reconsideration(date(2026, 3, 12), CALENDAR)
        pending.decide_reconsideration(True, date(2026, 3, 20), CALENDAR)
        assert pending.steps.fix_by == "2026-03-25"

    def test_refused_naming_r9_when_a_decided_request_is_decided_again(self):
        pending = request()
        pending.decide(True, date(2026, 3, 10), CALENDAR)
        with pytest.raises(RemovalRefused, match="R9"):
            pending.decide(True, date(2026, 3, 11), CALENDAR)

    def test_refused_naming_r9_when_correcting_a_dismissed_request(self):
        pending = request()
        pending.decide(False, date(2026, 3, 10), CALENDAR)
        with pytest.raises(RemovalRefused, match="R9"):
            pending.correct(date(2026, 3, 12))

    def test_nothing_changes_when_the_same_request_is_made_twice(self):
        listing = decide()
        first = request(listing)
        assert CorrectionRequest.request(listing, date(2026, 3, 5), CALENDAR, last=first) is None
        assert first.version == 1

    def test_state_is_the_same_when_rebuilt_from_its_events(self):
        pending = request()
        pending.decide(False, date(2026, 3, 10), CALENDAR)
        pending.apply_for_reconsideration(date(2026, 3, 12), CALENDAR)
        assert replayed(pending).__dict__ == pending.__dict__


class TestCorrectionAgain:
    """R9: a new request may not wipe out the duties of the last one."""

    def test_refused_while_an_upheld_correction_waits_to_be_made(self):
        listing = decide()
        first = request(listing, date(2026, 4, 1))
        first.decide(True, date(2026, 4, 10), CALENDAR)
        with pytest.raises(RemovalRefused, match="R9"):
            CorrectionRequest.request(listing, date(2026, 4, 11), CALENDAR, last=first)
        first.correct(date(2026, 4, 13))
        second = request(listing, date(2026, 4, 14), last=first)
        assert (second.number, second.id) == (2, CorrectionRequest.create_id(str(listing.id), 2))

    def test_a_wrongly_listed_debtor_is_removed_by_the_correction(self):
        listing = decide()
        listing.publish(date(2026, 4, 2))
        pending = request(listing, date(2026, 4, 3))
        pending.decide(True, date(2026, 4, 10), CALENDAR)
        assert pending.correct(date(2026, 4, 13), remove=True)
        assert listing.remove_as_corrected(date(2026, 4, 13))
        assert (listing.removal_reason, listing.removed_on) == (WRONGLY_LISTED, "2026-04-13")
