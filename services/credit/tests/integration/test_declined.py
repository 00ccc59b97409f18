"""不予纳入 through the application on SQLite: recorded once, refused when the day's decision
comes again with another rule or reason; a decision stored before `reason` still loads."""

from __future__ import annotations

import base64
from datetime import date

import pytest

from testkit.stored import stored_records
from zhixing.credit.application.listings import REASON_MAX, Declined
from zhixing.credit.domain.case_file import CaseCreditFile
from zhixing.credit.domain.errors import InvalidDecision
from zhixing.kernel.errors import AlreadyExists

from ..conftest import DEBTOR_ID
from ..unit.test_declined import CASE_ID

OLD_DECLINED = (b'{"timestamp":"2026-03-02T02:00:00Z","traceparent":"","identity_number":"'
                + DEBTOR_ID.encode() + b'","court_code":"\\u5ddd0104","decided_on":"2026-03-02",'
                b'"reason_rule":"R4"}')
"""A ListingDeclined as the code before `reason` stored it."""


class TestStoredBeforeTheReason:
    def test_the_decision_loads_with_no_reason_when_stored_without_one(self, app):
        file = CaseCreditFile(CASE_ID)
        [opened] = file.collect_events()
        stored = app.mapper.to_stored_event(opened)
        app.recorder.insert_events([stored, *stored_records(app, [{
            "originator_id": str(file.id), "originator_version": 2,
            "topic": stored.topic.replace(".Opened", ".ListingDeclined"),
            "state": base64.b64encode(OLD_DECLINED)}])])
        loaded = app.repository.get(file.id)
        assert loaded.declined == {DEBTOR_ID: "2026-03-02"}
        assert loaded.declined_because == {DEBTOR_ID: ["R4", ""]}


class TestDeclineCommand:
    """The application's 不予纳入: checked (R1, R5), recorded once, refused when the day's
    decision is sent again with another rule or reason."""

    def decline(self, app, case, rule: str = "R3", reason: str = "已提供充分有效担保"):
        return app.decline_listing(case, DEBTOR_ID, rule, reason, date(2026, 3, 2))

    def test_one_listing_declined_event_with_the_reason_when_the_court_declines(self, app, case):
        assert self.decline(app, case) == Declined(case.case_number, DEBTOR_ID, "2026-03-02",
                                                   "R3")
        file = app.repository.get(CaseCreditFile.create_id(case.case_id))
        assert file.declined_because == {DEBTOR_ID: ["R3", "已提供充分有效担保"]}
        assert declines(app, case) == 1

    def test_recorded_once_and_answered_the_same_when_sent_again(self, app, case):
        first = self.decline(app, case)
        assert self.decline(app, case) == first
        assert declines(app, case) == 1

    def test_already_exists_naming_decided_on_when_the_day_has_another_reason(self, app, case):
        self.decline(app, case)
        with pytest.raises(AlreadyExists) as refused:
            self.decline(app, case, reason="另有理由")
        assert refused.value.field == "decided_on"

    @pytest.mark.parametrize(("rule", "reason", "field", "bound"), [
        ("R8", "理由", "reason_rule", "R1, R3 or R4"),
        ("R3", "", "reason", f"1–{REASON_MAX}"),
        ("R3", "长" * (REASON_MAX + 1), "reason", f"1–{REASON_MAX}")],
        ids=["unknown-rule", "no-reason", "too-long"])
    def test_invalid_decision_naming_field_bound_and_r5_when_input_is_bad(
            self, app, case, rule, reason, field, bound):
        with pytest.raises(InvalidDecision) as refused:
            self.decline(app, case, rule=rule, reason=reason)
        assert (refused.value.field, refused.value.rule) == (field, "R5")
        assert bound in str(refused.value)

    def test_invalid_decision_naming_r1_when_the_debtor_is_not_a_respondent(self, app, case):
        with pytest.raises(InvalidDecision) as refused:
            app.decline_listing(case, DEBTOR_ID[:-5] + "99990", "R3", "理由", date(2026, 3, 2))
        assert (refused.value.field, refused.value.rule) == ("debtor_identity_number", "R1")


def declines(app, case) -> int:
    """How many ListingDeclined events the case's credit file has stored."""
    stored = app.recorder.select_events(CaseCreditFile.create_id(case.case_id))
    return sum(s.topic.endswith(".ListingDeclined") for s in stored)
