"""Issue 12 item 5: a party's identity is stored, compared and shown in one canonical form
(GB 11643 check character upper-case, credit codes upper-case), whatever the caller typed."""

from __future__ import annotations

from zhixing.cases.api.translate import case_message
from zhixing.cases.demo import resident_id
from zhixing.cases.domain.filing import Party
from zhixing.cases.outbound import CaseOutbound
from zhixing.contracts.events.cases.v1 import CaseFiled

DEBTOR = resident_id("510104", "19800101", "105")
"""A debtor whose check character is X."""
TYPED = f"  {DEBTOR.lower()} "


def _filed_with(app, a_filing, typed: str):
    debtor = Party("respondent", "natural_person", "李四", typed)
    case = app.file_case(a_filing(respondents=[debtor]))
    [event] = [e for _, e in app.read_notifications(0) if type(e).__name__ == "Filed"]
    return case, event


class TestCanonicalIdentity:
    def test_stored_event_holds_upper_case_x_when_filed_with_lower_case_x(self, app, a_filing):
        assert DEBTOR.endswith("X")
        _, event = _filed_with(app, a_filing, TYPED)
        [public] = CaseOutbound(app)(event)
        assert isinstance(public, CaseFiled)
        assert [p.identity_number for p in public.parties if p.role == "respondent"] == [DEBTOR]

    def test_shown_in_canonical_form_when_filed_with_full_width_digits(self, app, a_filing):
        full_width = "".join(chr(ord(c) + 0xFEE0) for c in DEBTOR.lower())
        case, _ = _filed_with(app, a_filing, full_width)
        shown = case_message(app.get_case(case.id))
        assert [p.identity_number for p in shown.respondents] == [DEBTOR]

    def test_same_debtor_found_when_filed_with_x_and_a_fact_names_upper_case_x(
            self, app, a_filing):
        case, _ = _filed_with(app, a_filing, TYPED)
        app.apply_restriction(case.id, "r-1", DEBTOR, "2026-03-05")
        [progress] = case_message(app.get_case(case.id)).respondent_progress
        assert progress.restricted
