"""A repeated request changes nothing: each step sent again answers as the first time and
stores no new event (the API and the CLI retry on a lost answer)."""

from __future__ import annotations

from datetime import date

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
