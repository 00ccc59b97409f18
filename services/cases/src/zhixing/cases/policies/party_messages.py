"""当事人留言 — a party's message left in the public parties' window (publicity's
`PartyMessageLeft`, issue 17) onto the case team's worklist.

The message's id keys it on the case, so a redelivery changes nothing. A message about
a case this deployment does not hold (another region's) is not ours.
"""

from __future__ import annotations

import logging

from zhixing.cases.application import CasesApplication
from zhixing.cases.application.base import case_uuid
from zhixing.cases.domain.errors import CaseNotFound
from zhixing.contracts.events.publicity.v1 import PartyMessageLeft
from zhixing.messaging.typed import Context, TypedHandler, on

log = logging.getLogger(__name__)


class PartyMessagePolicy(TypedHandler):
    """Puts each party's message on the worklist (node `party_message:<id>`)."""

    effect_elsewhere = True  # its commands go to the event store, keyed: idempotent

    def __init__(self, app: CasesApplication) -> None:
        self.app = app

    @on(PartyMessageLeft)
    def left(self, p: PartyMessageLeft, ctx: Context) -> None:
        try:
            self.app.receive_party_message(case_uuid(p.case_id), p.message_id, p.party_role,
                                           p.text, p.left_at)
        except CaseNotFound:
            # Ids only: the text is the party's own words (R60).
            log.info("party message for a case not held here",
                     extra={"message_id": p.message_id})
