"""Applying for relief (R29, R31, R38): the 司救执 number, the decision deadline, the
eligibility checks with their figures, and idempotency by application id."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from zhixing.kernel.errors import AlreadyExists
from zhixing.relief.domain.errors import ApplicationOpen, NotEligible, OtherOrganPaid
from zhixing.relief.domain.facts import CaseStage

from .app_kit import CASE_ID, NARRATIVE, applied, hardship, zhongben_case


class TestApply:
    """Applying: the number, the deadline, the R29 checks, the idempotency key."""

    def test_serials_of_the_court_run_from_one_when_applications_are_filed(self, app, facts):
        facts.put(zhongben_case(applicants=2))
        first = app.relief_case(applied(app, party_index=0))
        second = app.relief_case(applied(app, party_index=1))
        assert (first.relief_case_number, second.relief_case_number) == (
            "(2026)川0104司救执1号", "(2026)川0104司救执2号")
        assert first.case_number == "(2026)川0104执100号"


    def test_decision_is_due_on_the_tenth_working_day_when_an_application_is_complete(self, app):
        case = app.relief_case(applied(app, applied_on=date(2026, 9, 28)))
        # R31/R62: 29, 30 Sep; 1–8 Oct National Day; 9 Oct, 10 Oct (调休 Saturday), 12–16 Oct.
        assert case.decide_by.date == date(2026, 10, 16)


    def test_not_eligible_naming_r29_when_the_case_is_enforced_and_property_was_found(self, app, facts):
        facts.put(replace(zhongben_case(stage=CaseStage.UNDER_ENFORCEMENT),
                          inquiries_completed=1, property_found=True))
        with pytest.raises(NotEligible) as refused:
            applied(app)
        assert refused.value.rule == "R29"
        assert app.max_notification_id() == 0


    def test_refused_naming_r29_when_another_organ_already_paid(self, app):
        with pytest.raises(OtherOrganPaid) as refused:
            app.apply(CASE_ID, 0, 10_000_00, hardship(), True, date(2026, 3, 2), "officer-1")
        assert refused.value.rule == "R29"
        assert NARRATIVE not in str(refused.value)


    def test_no_serial_is_taken_when_an_application_is_refused(self, app):
        with pytest.raises(NotEligible) as refused:
            applied(app, party_index=1)  # the case's respondent
        assert (refused.value.rule, refused.value.field) == ("R29", "party_index")
        assert app.max_notification_id() == 0
        assert app.relief_case(applied(app)).relief_case_number == "(2026)川0104司救执1号"


    def test_not_eligible_naming_r29_when_no_cases_event_told_of_the_case(self, app):
        with pytest.raises(NotEligible) as refused:
            applied(app, case_id="7f1c2a9e-0000-4000-8000-0000000000ff")
        assert refused.value.rule == "R29"


    def test_application_open_when_the_party_applies_twice_before_a_decision(self, app):
        applied(app)
        with pytest.raises(ApplicationOpen) as refused:
            applied(app)
        assert refused.value.rule == "R29"


    def test_right_to_apply_is_recorded_once_when_the_party_is_notified(self, app):
        first = app.notify_right(CASE_ID, 0, date(2026, 3, 1), "officer-1")
        again = app.notify_right(CASE_ID, 0, date(2026, 3, 5), "officer-1")
        assert (first.notified_on, again.notified_on) == (date(2026, 3, 1), date(2026, 3, 1))


    def test_same_case_and_nothing_stored_when_an_application_id_is_repeated(self, app):
        first = applied(app, application_id="2f8e0c1a-0000-4000-8000-0000000000a1")
        stored = app.max_notification_id()
        again = applied(app, application_id="2f8e0c1a-0000-4000-8000-0000000000a1")
        assert again == first
        assert app.max_notification_id() == stored


    def test_already_exists_naming_application_id_when_it_is_reused_for_another_request(self, app):
        applied(app, application_id="req-1")
        with pytest.raises(AlreadyExists) as refused:
            applied(app, application_id="req-1", requested_fen=1)
        assert refused.value.field == "application_id"


    def test_hardship_is_read_back_only_through_hardship_of_when_an_application_is_filed(self, app):
        application_id = applied(app)
        assert app.hardship_of(application_id).narrative == NARRATIVE
