"""The parties' window (当事人查询, issue 17): a party's message to the case's team."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from zhixing.publicity.application.base import PublicityStore
from zhixing.publicity.domain.party_message import PartyMessage

if TYPE_CHECKING:
    from zhixing.publicity.projections.party_window import PartyWindowQueries


@dataclass(frozen=True)
class MessageReceipt:
    """A message left: its id and when (ISO 8601 with offset)."""

    message_id: str
    left_at: str


class PartyCommands(PublicityStore):
    """The parties' window (当事人查询): messages left with an access code."""

    party_window: PartyWindowQueries | None = None
    """Where access codes are checked (attached by `Portal.over`)."""

    def attach_party_window(self, queries: PartyWindowQueries) -> None:
        """Check access codes against `queries` (the read model holding their hashes)."""
        self.party_window = queries

    def leave_message(self, case_number: str, access_code: str, text: str,
                      client: str = "") -> MessageReceipt:
        """Leave a message for the case's team (checked like `PartyWindowQueries.open`:
        a wrong code or unknown case is NotFound, too many wrong codes TooManyAttempts);
        the team reads it on its worklist (PartyMessageLeft)."""
        if self.party_window is None:
            raise RuntimeError("no party window attached (Portal.over attaches it)")
        access = self.party_window.access(case_number, access_code, client)
        left_at = self.clock.now().isoformat(timespec="seconds")
        message = self.act(lambda work: work.add(PartyMessage.leave(
            access.case_id, access.case_number, access.court_code, access.party_index,
            access.party_role, text, left_at)))
        return MessageReceipt(str(message.id), message.left_at)
