"""司法建议 / 纪律处分建议 — suggestions to the superior of a unit or official that refuses
to assist enforcement (R37): sent with the day its handling is expected, the handling
recorded — which closes the suggestion's overdue alert in the same save."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from zhixing.eventstore.unit import same_request
from zhixing.kernel.calendar import Deadline
from zhixing.supervision.application.alerts import alert_id_of, close_in
from zhixing.supervision.application.base import (
    SupervisionStore,
    Unit,
    case_key,
    key_of,
    text,
)
from zhixing.supervision.domain.deadlines import suggestion_handle_by
from zhixing.supervision.domain.errors import SuggestionNotFound
from zhixing.supervision.domain.suggestion import JudicialSuggestion
from zhixing.supervision.domain.values import AlertKind, SuggestionKind, enum_of

HANDLED = "cn.zhixing.supervision.v1.JudicialSuggestionHandled"
"""What closes a suggestion's overdue alert (the type of the event its handling publishes)."""


class SuggestionCommands(SupervisionStore):
    def send_suggestion(self, kind: SuggestionKind | str, *, court_code: str, recipient: str,
                        agency_id: str, case_id: str, document_number: str, reason: str,
                        sent_on: date, by: str, handle_by: date | None = None,
                        suggestion_id: str | None = None) -> JudicialSuggestion:
        """Send a judicial or disciplinary suggestion (R37) to `recipient` (a unit, never
        a person). Its handling is expected by `handle_by` when the suggestion names a
        day, else 2 months after sending (R62–R64). `suggestion_id` is the request's
        idempotency key, as `receive_matter`'s."""
        kind = enum_of(SuggestionKind, kind, "kind", "R37")
        self.not_after_today(sent_on, "sent_on", "R37")
        key = key_of(suggestion_id)
        wanted = JudicialSuggestion.create_id(key_of(court_code), key) if key else None
        asked = (kind, text(court_code), text(recipient), text(document_number),
                 text(case_id), sent_on)
        due = (Deadline(handle_by) if handle_by is not None
               else suggestion_handle_by(self.calendar, sent_on))

        def command(unit: Unit) -> JudicialSuggestion:
            if wanted is not None and (earlier := unit.find(wanted)) is not None:
                same_request("suggestion_id", _suggestion_request(earlier), asked)
                return earlier  # type: ignore[no-any-return]
            return unit.add(JudicialSuggestion.send(
                kind, court_code, recipient, agency_id, case_id, document_number, reason,
                sent_on, due, by, suggestion_id=key))

        return self.act(command, lock=[wanted] if wanted else [])

    def record_handling(self, suggestion_id: UUID | str, *, handled_on: date, outcome: str,
                        by: str) -> JudicialSuggestion:
        """The recipient's handling of a suggestion (R37), once; its overdue alert, if
        raised, closes in the same save. The same handling again stores nothing."""
        self.not_after_today(handled_on, "handled_on", "R37")
        known = self.suggestion(suggestion_id)
        alert_id = alert_id_of(AlertKind.SUGGESTION_OVERDUE, known.court_code, known.case_id,
                               str(known.id))

        def command(unit: Unit) -> JudicialSuggestion:
            suggestion = unit.suggestion(known.id)
            if (suggestion.handled_on, suggestion.outcome) == (handled_on, text(outcome)):
                return suggestion
            suggestion.record_handling(handled_on, outcome, by)
            close_in(unit, alert_id, handled_on, HANDLED)
            return suggestion

        locks: list[UUID | str] = [known.id, alert_id]
        return self.act(command, lock=locks + ([case_key(known.case_id)] if known.case_id else []))

    def suggestion(self, suggestion_id: UUID | str) -> JudicialSuggestion:
        """The suggestion with that id; NotFound when there is none."""
        return self.loaded(suggestion_id, JudicialSuggestion, "suggestion_id",
                           SuggestionNotFound)


def _suggestion_request(found: object) -> tuple[object, ...] | None:
    """What a suggestion sent earlier under a key was asked with (None: not one)."""
    if not isinstance(found, JudicialSuggestion):
        return None
    return (found.kind, found.court_code, found.recipient, found.document_number,
            found.case_id, found.sent_on)
