"""终本 (R16–R19) and 恢复执行 (R18)."""

from __future__ import annotations

import pytest

from zhixing.cases.domain.errors import ConclusionRefused, WrongStage
from zhixing.contracts.events.cases.v1 import CaseConcluded, CaseFiled, CaseResumed

from ..cases_kit import beijing_morning, published

QUERIED = ["bank_deposit", "vehicle", "real_estate", "securities", "tax"]



def _ready_case(app, a_filing, *, interview=True, restrict=True, list_=True, inquiry=QUERIED,
                disposable=False):
    """Filed 2026-03-02, with every fact 终本 needs unless told otherwise."""
    case = app.file_case(a_filing())
    app.assign_case(case.id, "执行一组", "officer-1")
    app.serve_notice(case.id)
    debtor = case.respondents[0].identity_number
    if inquiry:
        app.apply_inquiry(case.id, "inq-1", debtor, "2026-03-20", inquiry, disposable, False)
    if restrict:
        app.apply_restriction(case.id, "res-1", debtor, "2026-03-20")
    if list_:
        app.apply_listing_decision(case.id, "lst-1", debtor, True, "2026-03-20")
    if interview:
        app.interview_applicant(case.id, "告知已采取措施及终本后果")
    return case



class TestMoreThanThreeMonths:
    """R16(4): more than 3 months since filing (R62, R63)."""

    def test_refused_at_two_months_and_twenty_nine_days(self, app, clock, a_filing):
        case = _ready_case(app, a_filing)
        clock.set(beijing_morning("2026-05-31"))
        with pytest.raises(ConclusionRefused) as refused:
            app.conclude_case(case.id)
        assert [rule for rule, _ in refused.value.unmet] == ["R16(4)"]
        assert app.get_case(case.id).status == "executing"

    def test_refused_on_the_day_three_months_end(self, app, clock, a_filing):
        case = _ready_case(app, a_filing)
        clock.set(beijing_morning("2026-06-02"))
        with pytest.raises(ConclusionRefused, match="R16\\(4\\)"):
            app.conclude_case(case.id)

    def test_accepted_at_three_months_and_a_day_with_every_condition(self, app, clock, a_filing):
        case = _ready_case(app, a_filing)
        clock.set(beijing_morning("2026-06-03"))
        concluded = app.conclude_case(case.id)
        assert (concluded.status, concluded.concluded_on) == ("concluded", "2026-06-03")


class TestChecklist:
    """Every unmet precondition is named by its rule."""

    def test_a_missing_interview_is_named_r17(self, app, clock, a_filing):
        case = _ready_case(app, a_filing, interview=False)
        clock.set(beijing_morning("2026-07-01"))
        with pytest.raises(ConclusionRefused) as refused:
            app.conclude_case(case.id)
        assert str(refused.value).startswith("R17")
        assert refused.value.unmet == [("R17", "applicant not interviewed (约谈)")]

    def test_all_gaps_are_listed_at_once(self, app, a_filing):
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")
        rules = [rule for rule, _ in app.check_conclusion(case.id)]
        assert rules == ["R16(1)", "R16(2)", "R16(2)", "R16(3)", "R16(4)", "R17"]

    def test_restriction_and_listing_are_required(self, app, clock, a_filing):
        """R16(2): consumption restriction issued and eligible debtors listed."""
        case = _ready_case(app, a_filing, restrict=False, list_=False)
        clock.set(beijing_morning("2026-07-01"))
        unmet = app.check_conclusion(case.id)
        assert unmet == [("R16(2)", "no consumption restriction for debtor #1"),
                         ("R16(2)", "listing not decided for debtor #1")]

    def test_a_debtor_decided_not_listable_satisfies_the_listing_condition(
            self, app, clock, a_filing):
        case = _ready_case(app, a_filing, list_=False)
        app.apply_listing_decision(case.id, "declined-1", case.respondents[0].identity_number,
                                   False, "2026-03-21")
        clock.set(beijing_morning("2026-07-01"))
        assert app.check_conclusion(case.id) == []

    def test_an_inquiry_without_vehicles_is_not_exhaustive(self, app, clock, a_filing):
        """R16(3): deposits, vehicles, real estate and securities at least."""
        case = _ready_case(app, a_filing, inquiry=["bank_deposit", "real_estate", "securities"])
        clock.set(beijing_morning("2026-07-01"))
        assert app.check_conclusion(case.id) == [("R16(3)", "inquiry for debtor #1 lacks vehicle")]

    def test_disposable_property_found_forbids_zhongben(self, app, clock, a_filing):
        case = _ready_case(app, a_filing, disposable=True)
        clock.set(beijing_morning("2026-07-01"))
        assert app.check_conclusion(case.id) == [
            ("R16(3)", "disposable property found for debtor #1")]

    def test_an_unverified_lead_is_an_unfinished_investigation(self, app, clock, a_filing):
        case = _ready_case(app, a_filing)
        _, lead = app.receive_lead(case.id)
        clock.set(beijing_morning("2026-07-01"))
        assert app.check_conclusion(case.id) == [("R16(3)", "1 property lead(s) not verified")]
        app.verify_lead(case.id, lead, found=False)
        assert app.check_conclusion(case.id) == []

    def test_a_missing_debtor_must_be_searched_for(self, app, clock, a_filing):
        """R16(5)."""
        case = _ready_case(app, a_filing)
        app.report_debtor_missing(case.id)
        clock.set(beijing_morning("2026-07-01"))
        assert app.check_conclusion(case.id) == [("R16(5)", "missing debtor not searched for")]
        app.record_debtor_search(case.id, located=False)
        assert app.check_conclusion(case.id) == []

    def test_the_execution_notice_must_have_been_served(self, app, clock, a_filing):
        """R16(1)."""
        case = app.file_case(a_filing())
        app.assign_case(case.id, "执行一组", "officer-1")
        clock.set(beijing_morning("2026-07-01"))
        assert ("R16(1)", "execution notice with property-report order not served") in \
            app.check_conclusion(case.id)

    def test_a_fact_delivered_twice_is_recorded_once(self, app, a_filing):
        case = _ready_case(app, a_filing)
        version = app.get_case(case.id).version
        debtor = case.respondents[0].identity_number
        app.apply_inquiry(case.id, "inq-1", debtor, "2026-03-20", QUERIED, False, False)
        app.apply_restriction(case.id, "res-1", debtor, "2026-03-20")
        assert app.get_case(case.id).version == version


class TestAfterZhongben:
    """R18 re-query schedule and resumption; R19 publication."""

    def test_requery_every_six_months_for_five_years_is_announced(self, app, clock, a_filing):
        case = _ready_case(app, a_filing)
        clock.set(beijing_morning("2026-07-01"))
        app.conclude_case(case.id)
        [concluded] = published(app, CaseConcluded)
        assert len(concluded.requery_dates) == 10
        assert concluded.requery_dates[0] == "2027-01-04"  # 2027-01-01 is a holiday (R64)
        assert concluded.requery_dates[-1] == "2031-07-01"
        assert concluded.unpaid_fen == 101_000_00
        assert concluded.respondents[0].role == "respondent"  # R19: restriction stays

    def test_resumption_opens_a_linked_zhihui_case_for_the_unpaid_claim(
            self, app, clock, a_filing):
        case = _ready_case(app, a_filing)
        clock.set(beijing_morning("2026-07-01"))
        app.conclude_case(case.id)
        clock.set(beijing_morning("2028-02-01"))  # not time-barred
        resumed = app.resume_case(case.id)
        assert resumed.case_number == "(2028)川0104执恢1号"
        assert (resumed.linked_case_id, resumed.link_kind) == (str(case.id), "resumes")
        assert resumed.claim_total_fen == 101_000_00
        assert app.get_case(case.id).resumed_as.case_number == resumed.case_number
        [filed] = [e for e in published(app, CaseFiled) if e.case_type == "执恢"]
        assert filed.linked_case_id == str(case.id)
        [event] = published(app, CaseResumed)
        assert event.new_case_number == resumed.case_number

    def test_a_case_is_resumed_only_once(self, app, clock, a_filing):
        case = _ready_case(app, a_filing)
        clock.set(beijing_morning("2026-07-01"))
        app.conclude_case(case.id)
        app.resume_case(case.id)
        with pytest.raises(WrongStage, match="R18"):
            app.resume_case(case.id)

    def test_a_case_under_enforcement_cannot_be_resumed(self, app, a_filing):
        case = _ready_case(app, a_filing)
        with pytest.raises(WrongStage, match="终结本次执行"):
            app.resume_case(case.id)
