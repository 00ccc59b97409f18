"""The property picture of a debtor named canonically includes the inquiries an earlier
release started under the ID as typed (issue 12 item 5)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from stdnum.cn import ric

from zhixing.assets.domain.inquiry import Deadlines, Inquiry
from zhixing.assets.property import picture_of

BODY = "51010419800312009"
ENDS_IN_X = BODY + ric.calc_check_digit(BODY + "0")
"""A resident ID whose check character is X."""
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
DEADLINES = Deadlines(reply=timedelta(days=1), resend_after=timedelta(hours=1),
                      max_attempts=1)


def test_earlier_inquiry_in_the_picture_when_it_kept_the_id_as_typed():
    inquiry = Inquiry.start(case_id="c-1", case_number="(2025)川0104执9号", court_code="川0104",
                            debtor_identity_number=ENDS_IN_X.lower(), debtor_name="王五",
                            occasion="filing", requery=False, agencies=[("bank.icbc", "bank")],
                            now=NOW, deadlines=DEADLINES)
    inquiry.sweep(NOW + timedelta(days=2), DEADLINES)  # the bank is overdue
    assert ENDS_IN_X.endswith("X")
    assert picture_of([inquiry], ENDS_IN_X).overdue_agency_ids == ["bank.icbc"]
