"""Agencies' answers from `zhixing.assets.replies.v1`, applied in batches (DESIGN §13).

A poll's answers are gathered and written in one event-store save (`flush`), before the
consumer commits its position; a redelivered answer finds its request already answered
and changes nothing. An answer naming another agency's request, or sent from another
agency than it names (CloudEvents `source` "/agencies/<id>"), fails the batch, is retried
alone and then parked as a dead letter (R46).
"""

from __future__ import annotations

from datetime import datetime

from zhixing.assets.application import AssetsApplication
from zhixing.assets.application.inquiries import Answer
from zhixing.assets.domain.errors import NotAddressedToAgency
from zhixing.contracts.events.assets.v1 import AgencyAnswered
from zhixing.messaging.typed import Context, TypedHandler, on


class AgencyReplies(TypedHandler):
    """Gathers a poll's answers and applies them in one save (a batching handler)."""

    effect_elsewhere = True  # its commands go to the event store, idempotent

    def __init__(self, app: AssetsApplication) -> None:
        self.app = app
        self._gathered: list[Answer] = []

    @on(AgencyAnswered)
    def answered(self, answered: AgencyAnswered, ctx: Context) -> None:
        if ctx.source != f"/agencies/{answered.agency_id}":
            # R46: an answer speaks for the agency that sent it, never for another.
            raise NotAddressedToAgency("an answer's source must be the agency it names",
                                       rule="R46", field="source")
        self._gathered.append(answer_of(answered))

    def flush(self) -> None:
        gathered, self._gathered = self._gathered, []
        if gathered:
            self.app.apply_answers(gathered)

    def discard(self) -> None:
        self._gathered = []


def answer_of(answered: AgencyAnswered) -> Answer:
    return Answer(answered.request_id, answered.agency_id, answered.outcome,
                  datetime.fromisoformat(answered.answered_at),
                  [h.model_dump() for h in answered.holdings], answered.error,
                  answered.attempt)
