"""司法建议 / 纪律处分建议 — a suggestion a court sends to the superior of a unit or official
that refuses to assist enforcement (R37), and the recipient's handling, tracked to the
day the suggestion names (`deadlines.suggestion_handle_by`).
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.calendar import Deadline
from zhixing.supervision.domain.errors import InvalidSupervision, WrongStep
from zhixing.supervision.domain.values import (
    REASON_MAX,
    REF_MAX,
    SUBJECT_MAX,
    SuggestionKind,
    SuggestionStatus,
    a_date,
    bounded_text,
    enum_of,
    subject,
)

NAMESPACE = UUID("f1a3c5e7-9b0d-5f2a-8c4e-6a8b0c2d4e6f")


class JudicialSuggestion(Aggregate):
    """One judicial or disciplinary suggestion and its handling (R37)."""

    typed_state = MappingProxyType({
        "kind": SuggestionKind, "status": SuggestionStatus, "sent_on": date,
        "handle_by": Deadline, "handled_on": date | None, "overdue_on": date | None,
    })
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(court_code: str, request_id: str = "") -> UUID:
        """A request's key always names the same suggestion (a UUID key is the id
        itself; other keys are the court's own); none: a new id."""
        if not request_id:
            return uuid4()
        try:
            return UUID(request_id)
        except ValueError:
            return uuid5(NAMESPACE, f"suggestion/{court_code}/{request_id}")

    @event("Sent")
    def __init__(self, kind: SuggestionKind, court_code: str, recipient: str,
                 agency_id: str, case_id: str, document_number: str, reason: str,
                 sent_on: date, handle_by: Deadline, by: str,
                 request_id: str) -> None:
        self.kind = kind
        self.request_id = request_id
        """The request's key the id was made from ("" when none was given)."""
        self.court_code = court_code
        self.recipient = recipient
        self.agency_id = agency_id
        self.case_id = case_id
        self.document_number = document_number
        self.reason = reason
        self.sent_on = sent_on
        self.handle_by = handle_by
        self.sent_by = by
        self.status = SuggestionStatus.SENT
        self.handled_on: date | None = None
        self.outcome = ""
        self.handled_by = ""
        self.within_limit = False
        """True once the handling was recorded by `handle_by`."""
        self.overdue_on: date | None = None

    @classmethod
    def send(cls, kind: SuggestionKind | str, court_code: str, recipient: str,
             agency_id: str, case_id: str, document_number: str, reason: str, sent_on: date,
             handle_by: Deadline, by: str,
             suggestion_id: UUID | str | None = None) -> JudicialSuggestion:
        """发出 — the suggestion was sent to `recipient` (a unit, never a person's name),
        its handling expected by `handle_by` (R37)."""
        sent = a_date(sent_on, "sent_on", "R37")
        if not isinstance(handle_by, Deadline) or handle_by.date <= sent:
            raise InvalidSupervision("must be a counted day after the day it is sent",
                                     rule="R37", field="handle_by")
        court = bounded_text(court_code, "court_code", rule="R39", most=20)
        return cls(
            request_id=bounded_text(str(suggestion_id or ""), "suggestion_id", rule="R46", most=REF_MAX,
                                    least=0),
            kind=enum_of(SuggestionKind, kind, "kind", "R37"), court_code=court,
            recipient=bounded_text(recipient, "recipient", rule="R37", most=SUBJECT_MAX),
            agency_id=_ref(agency_id, "agency_id", least=0),
            case_id=_ref(case_id, "case_id", least=0),
            document_number=_ref(document_number, "document_number"),
            reason=bounded_text(reason, "reason", rule="R37", most=REASON_MAX),
            sent_on=sent, handle_by=handle_by, by=subject(by))

    @property
    def overdue(self) -> bool:
        """Reported overdue by the sweep."""
        return self.overdue_on is not None

    def is_past_due(self, today: date) -> bool:
        """Not handled after its day, not reported yet: the sweep's question."""
        return (self.status is SuggestionStatus.SENT and not self.overdue
                and today > self.handle_by.date)

    def record_handling(self, handled_on: date, outcome: str, by: str) -> None:
        """The recipient's handling (R37), recorded once; `within_limit` when by
        `handle_by`."""
        if self.status is not SuggestionStatus.SENT:
            raise WrongStep("the handling is recorded already", rule="R37",
                            field="suggestion_id")
        handled = a_date(handled_on, "handled_on", "R37")
        if handled < self.sent_on:
            raise InvalidSupervision(f"must not be before {self.sent_on} (sent)", rule="R37",
                                     field="handled_on")
        self._handled(handled, bounded_text(outcome, "outcome", rule="R37", most=REASON_MAX),
                      subject(by), handled <= self.handle_by.date)

    @event("Handled")
    def _handled(self, handled_on: date, outcome: str, by: str, within_limit: bool) -> None:
        self.status = SuggestionStatus.HANDLED
        self.handled_on = handled_on
        self.outcome = outcome
        self.handled_by = by
        self.within_limit = within_limit

    def mark_overdue(self, detected_on: date) -> bool:
        """Report the handling overdue (R37), once: False when reported already."""
        if self.overdue:
            return False
        if self.status is not SuggestionStatus.SENT:
            raise WrongStep("the handling is recorded already", rule="R37",
                            field="suggestion_id")
        if not self.is_past_due(a_date(detected_on, "detected_on", "R37")):
            raise WrongStep(f"the handling is not overdue on {detected_on}", rule="R37",
                            field="detected_on")
        self._overdue(detected_on)
        return True

    @event("HandlingOverdue")
    def _overdue(self, detected_on: date) -> None:
        self.overdue_on = detected_on

    def count_again(self, handle_by: Deadline) -> bool:
        """The day as counted now that its year's schedule was loaded (R64). False when
        handled, or unchanged."""
        if self.status is not SuggestionStatus.SENT or handle_by == self.handle_by:
            return False
        self._counted(handle_by)
        return True

    @event("DeadlineCounted")
    def _counted(self, handle_by: Deadline) -> None:
        self.handle_by = handle_by
        if self.overdue_on is not None and self.overdue_on <= handle_by.date:
            self.overdue_on = None  # reported against the earlier day: not overdue now


def _ref(value: str, field: str, least: int = 1) -> str:
    return bounded_text(value, field, rule="R37", most=REF_MAX, least=least)
