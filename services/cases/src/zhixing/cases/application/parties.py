"""当事人留言 — the parties' messages from the parties' window (issue 17) on the team's
worklist, and the team's answers.

The time to answer is the policy table's `node_limits.party_message_working_days`: a
local practice of the court, not a statutory limit, so it is never reported as
inaction (R36) — it only orders the worklist.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from zhixing.cases.application.base import CaseStore
from zhixing.cases.domain.case import EnforcementCase
from zhixing.kernel.clock import legal_date
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import excerpt

DETAIL_CHARS = 40
"""How much of a message the worklist shows (ID-like numbers masked, `excerpt`)."""
ROLES = ("applicant", "respondent")


class PartyMessageCommands(CaseStore):
    def receive_party_message(self, case_id: UUID, message_id: str, party_role: str,
                              text: str, left_at: str) -> EnforcementCase:
        """A party's message onto the worklist, once however often it is delivered."""
        if party_role not in ROLES:
            raise InvalidInput("party_role must be applicant or respondent", field="party_role")
        left_on = _day_of(left_at)

        def act(case: EnforcementCase) -> None:
            if message_id in case.party_messages:
                return  # delivered again
            due = self.node_clock(case.court_code).count("party_message", left_on)
            case.receive_party_message(message_id, party_role, excerpt(text, DETAIL_CHARS),
                                       left_at, due.date.isoformat(), due.provisional)

        return self.update_case(case_id, act)

    def answer_party_message(self, case_id: UUID, message_id: str,
                             answer: str) -> tuple[EnforcementCase, str]:
        """The team answers a party's message; the item leaves the worklist. Returns the
        case and the day it was answered."""
        today = self.today().isoformat()
        case = self.update_case(case_id, lambda case: case.answer_party_message(
            message_id, answer.strip(), today))
        return case, today


def _day_of(left_at: str) -> date:
    """China's day of the instant (the limit counts from it, R62)."""
    try:
        return legal_date(datetime.fromisoformat(left_at))
    except ValueError:
        raise InvalidInput("left_at must be an ISO 8601 instant with its offset",
                           field="left_at") from None
