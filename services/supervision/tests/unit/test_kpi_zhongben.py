"""终本 compliance (R16 at the decision, R33): a 终本 decided with a precondition missing on
its day is non-compliant — each precondition judged from the facts dated on or before it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from zhixing.kernel.calendar import WorkingCalendar
from zhixing.supervision.domain.kpi import ConclusionFacts, InquiryFact, unmet_at_conclusion

FILED, CONCLUDED = date(2026, 1, 5), date(2026, 5, 6)
ALL_KINDS = frozenset({"bank_deposit", "vehicle", "real_estate", "securities", "insurance"})
CALENDAR = WorkingCalendar.default()


def inquiry(kinds=ALL_KINDS, found=False, on=date(2026, 2, 10), revision=0, requery=False,
            inquiry_id="q1") -> InquiryFact:
    return InquiryFact(inquiry_id, revision, on, frozenset(kinds), found, requery)


COMPLIANT = ConclusionFacts(
    filed_on=FILED, concluded_on=CONCLUDED, notice_served_on=date(2026, 1, 9),
    respondents=frozenset({"b1:debtor-a", "b1:debtor-b"}),
    restricted={"b1:debtor-a": date(2026, 2, 1), "b1:debtor-b": date(2026, 2, 1)},
    listing_decided={"b1:debtor-a": date(2026, 2, 1), "b1:debtor-b": CONCLUDED},
    inquiries=(inquiry(),))


def unmet(facts: ConclusionFacts) -> list[str]:
    return unmet_at_conclusion(facts, CALENDAR)


class TestCompliant:
    def test_nothing_is_unmet_when_every_visible_precondition_held_on_the_day(self):
        assert unmet(COMPLIANT) == []

    def test_every_unmet_rule_is_named_when_nothing_was_done(self):
        bare = ConclusionFacts(filed_on=FILED, concluded_on=date(2026, 3, 1),
                               respondents=frozenset({"b1:debtor-a"}))
        assert unmet(bare) == ["R16(1)", "R16(2)", "R16(3)", "R16(4)"]


class TestNotice:
    def test_r16_1_is_unmet_when_no_execution_notice_was_served(self):
        assert unmet(replace(COMPLIANT, notice_served_on=None)) == ["R16(1)"]

    def test_r16_1_is_unmet_when_the_notice_was_served_after_the_decision(self):
        assert unmet(replace(COMPLIANT, notice_served_on=date(2026, 5, 7))) == ["R16(1)"]


class TestCredit:
    def test_r16_2_is_unmet_when_a_respondent_has_no_consumption_restriction(self):
        assert unmet(replace(COMPLIANT, restricted={"b1:debtor-a": date(2026, 2, 1)})) == [
            "R16(2)"]

    def test_r16_2_is_unmet_when_a_respondents_listing_was_not_decided(self):
        assert unmet(replace(COMPLIANT, listing_decided={"b1:debtor-b": date(2026, 2, 1)})) == [
            "R16(2)"]

    def test_r16_2_is_unmet_when_a_decision_came_after_the_zhongben(self):
        late = {**COMPLIANT.restricted, "b1:debtor-b": date(2026, 5, 7)}
        assert unmet(replace(COMPLIANT, restricted=late)) == ["R16(2)"]


class TestInvestigation:
    def test_r16_3_is_unmet_when_a_required_agency_kind_was_not_asked(self):
        assert unmet(replace(COMPLIANT, inquiries=(inquiry(ALL_KINDS - {"securities"}),))) == [
            "R16(3)"]

    def test_r16_3_is_unmet_when_the_inquiry_found_disposable_property(self):
        assert unmet(replace(COMPLIANT, inquiries=(inquiry(found=True),))) == ["R16(3)"]

    def test_r16_3_is_unmet_when_only_a_requery_was_made(self):
        assert unmet(replace(COMPLIANT, inquiries=(inquiry(requery=True),))) == ["R16(3)"]

    def test_r16_3_is_unmet_when_the_inquiry_completed_after_the_decision(self):
        assert unmet(replace(COMPLIANT, inquiries=(inquiry(on=date(2026, 5, 7)),))) == ["R16(3)"]

    def test_r16_3_is_unmet_when_a_revision_before_the_decision_found_property(self):
        """A late agency answer revises the inquiry from its own day on."""
        revised = (inquiry(), inquiry(found=True, on=date(2026, 4, 1), revision=1))
        assert unmet(replace(COMPLIANT, inquiries=revised)) == ["R16(3)"]

    def test_r16_3_holds_when_the_revision_finding_property_came_after_the_decision(self):
        revised = (inquiry(found=True, on=date(2026, 6, 1), revision=1), inquiry())
        assert unmet(replace(COMPLIANT, inquiries=revised)) == []


EARLY = replace(COMPLIANT, listing_decided={"b1:debtor-a": date(2026, 2, 1),
                                            "b1:debtor-b": date(2026, 2, 1)})


class TestThreeMonths:
    def test_r16_4_is_unmet_when_decided_on_the_last_day_of_the_three_months(self):
        """Filed 2026-01-05: three months end 2026-04-05 (R62, R63). 'More than' three
        months: not on that day."""
        assert unmet(replace(EARLY, concluded_on=date(2026, 4, 5))) == ["R16(4)"]

    def test_r16_4_holds_when_decided_the_day_after_the_three_months(self):
        assert unmet(replace(EARLY, concluded_on=date(2026, 4, 6))) == []

    def test_r16_4_holds_on_the_first_working_day_when_the_three_months_end_on_a_rest_day(
            self):
        """04-05 is a Sunday of the 清明 holiday: R64 moves the last day of a period for an
        act, not 'more than 3 months have passed' — the cases service lets the 终本 be
        ruled from 04-06, so one ruled on the first working day (04-07) is compliant."""
        assert unmet(replace(EARLY, concluded_on=date(2026, 4, 7))) == []

    def test_r16_4_reads_the_three_months_end_when_the_caller_counted_it(self):
        """The queries count one end per filing day and hand it in."""
        counted = replace(EARLY, concluded_on=date(2026, 4, 8),
                          three_months_end=date(2026, 4, 8))
        assert unmet(counted) == ["R16(4)"]
