"""当事人留言 — a message a party of a case left for the case's team in the parties'
window (issue 17). It names the party by its role and position in the filing, never by
name; the text is the party's own words (sealed at rest, R60)."""

from __future__ import annotations

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.errors import InvalidInput

TEXT_MAX = 1000
"""Characters of a message (the contract's bound of LeaveMessageRequest.text)."""


class PartyMessage(Aggregate):
    """One message, left once; the team's answer lives with the case (cases service)."""

    @event("Left")
    def __init__(self, case_id: str, case_number: str, court_code: str, party_index: int,
                 party_role: str, text: str, left_at: str) -> None:
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.party_index = party_index
        self.party_role = party_role
        self.text = text
        self.left_at = left_at

    @classmethod
    def leave(cls, case_id: str, case_number: str, court_code: str, party_index: int,
              party_role: str, text: str, left_at: str) -> PartyMessage:
        """留言 — a non-empty message of at most `TEXT_MAX` characters."""
        text = text.strip()
        if not text:
            raise InvalidInput("the message must not be empty", field="text")
        if len(text) > TEXT_MAX:
            raise InvalidInput(f"at most {TEXT_MAX} characters", field="text")
        return cls(case_id=case_id, case_number=case_number, court_code=court_code,
                   party_index=party_index, party_role=party_role, text=text,
                   left_at=left_at)
