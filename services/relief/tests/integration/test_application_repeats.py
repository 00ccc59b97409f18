"""A repeated request changes nothing: each step sent again answers as the first time and
stores no new event (the API and the CLI retry on a lost answer)."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.relief.domain.errors import WrongStep

from .app_kit import applied, approved, paid, reviewed

ON = date(2026, 3, 9)


def _stores_nothing_again(app, act) -> None:
    first = act()
    stored = app.max_notification_id()
    again = act()
    assert app.max_notification_id() == stored
    assert (again.id, again.status) == (first.id, first.status)


class TestRepeats:
    """Repeated requests."""

    def test_nothing_is_stored_when_a_review_is_sent_again(self, funded):
        application_id = applied(funded)
        _stores_nothing_again(funded, lambda: funded.review(application_id, 1_00, "建议", "o-1"))


    def test_nothing_is_stored_when_a_rejection_is_sent_again(self, funded):
        application_id = reviewed(funded)
        _stores_nothing_again(funded, lambda: funded.reject(application_id, "R29", "理由", ON, "p-1"))


    def test_nothing_is_stored_when_a_withdrawal_is_sent_again(self, funded):
        application_id = approved(funded)
        _stores_nothing_again(funded, lambda: funded.withdraw(application_id, ON, "o-1"))


    def test_nothing_is_stored_when_a_notice_of_arrival_is_sent_again(self, funded):
        application_id = paid(funded)
        _stores_nothing_again(funded, lambda: funded.record_notified(application_id, date(2026, 3, 11),
                                                                     "f-1"))


    def test_nothing_is_stored_when_a_revocation_is_sent_again(self, funded):
        application_id = paid(funded)
        _stores_nothing_again(
            funded, lambda: funded.revoke(application_id, "虚构", date(2026, 4, 1), "p-1"))


class TestAnotherRequestAfterTheStep:
    """The step sent again with other content is another request: refused naming R31,
    not answered with the first (its sender would believe their figures were kept)."""

    @pytest.mark.parametrize("again", [
        lambda app, i: app.reject(i, "R29", "另一理由", ON, "p-1"),
        lambda app, i: app.reject(i, "R30", "理由", ON, "p-1"),
        lambda app, i: app.reject(i, "R29", "理由", date(2026, 3, 10), "p-1"),
    ])
    def test_wrong_step_when_a_rejection_is_sent_again_with_other_content(self, funded, again):
        application_id = reviewed(funded)
        funded.reject(application_id, "R29", "理由", ON, "p-1")
        with pytest.raises(WrongStep) as refused:
            again(funded, application_id)
        assert refused.value.rule == "R31"
        assert funded.relief_case(application_id).rejection_reason == "理由"


    @pytest.mark.parametrize("again", [
        lambda app, i: app.revoke(i, "另一理由", date(2026, 4, 1), "p-1"),
        lambda app, i: app.revoke(i, "虚构", date(2026, 4, 2), "p-1"),
    ])
    def test_wrong_step_when_a_revocation_is_sent_again_with_other_content(self, funded, again):
        application_id = paid(funded)
        funded.revoke(application_id, "虚构", date(2026, 4, 1), "p-1")
        with pytest.raises(WrongStep):
            again(funded, application_id)


    def test_wrong_step_when_a_notice_of_arrival_is_sent_again_for_another_day(self, funded):
        application_id = paid(funded)
        funded.record_notified(application_id, date(2026, 3, 11), "f-1")
        with pytest.raises(WrongStep):
            funded.record_notified(application_id, date(2026, 3, 12), "f-1")
        assert funded.relief_case(application_id).notified_on == date(2026, 3, 11)


    def test_wrong_step_when_a_withdrawal_is_sent_again_for_another_day(self, funded):
        application_id = approved(funded)
        funded.withdraw(application_id, ON, "o-1")
        with pytest.raises(WrongStep):
            funded.withdraw(application_id, date(2026, 3, 10), "o-1")
