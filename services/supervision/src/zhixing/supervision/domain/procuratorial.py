"""检察监督 — one procuratorial matter addressed to a court (R34): a suggestion (检察建议)
replied to within 3 months, one more month with the president's approval asked for
before the 3 months ran out; or a written inquiry about suspected inaction, answered
within 15 days. The last day arrives counted (`deadlines`), so a replay never depends on
today's calendar.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.calendar import Deadline
from zhixing.supervision.domain.errors import ExtensionRefused, InvalidSupervision, WrongStep
from zhixing.supervision.domain.values import (
    REASON_MAX,
    REF_MAX,
    MatterKind,
    MatterStatus,
    a_date,
    bounded_text,
    enum_of,
    subject,
)

NAMESPACE = UUID("a7c9e1f3-5b2d-5e4f-8a6c-0d1e2f3a4b5c")
BODY_MAX = 100
"""Characters of the procuratorate's name."""


class ProcuratorialMatter(Aggregate):
    """A procuratorial suggestion or written inquiry and the court's reply (R34)."""

    typed_state = MappingProxyType({
        "kind": MatterKind, "status": MatterStatus, "received_on": date,
        "reply_by": Deadline, "extension_requested_on": date | None,
        "extension_approved_on": date | None,
        "replied_on": date | None, "overdue_on": date | None,
    })
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(court_code: str, request_id: str = "") -> UUID:
        """A request's key always names the same matter (a UUID key is the id itself;
        other keys are the court's own); none: a new id."""
        if not request_id:
            return uuid4()
        try:
            return UUID(request_id)
        except ValueError:
            return uuid5(NAMESPACE, f"matter/{court_code}/{request_id}")

    @event("Received")
    def __init__(self, kind: MatterKind, document_number: str, procuratorate: str,
                 case_id: str, case_number: str, court_code: str, received_on: date,
                 summary: str, reply_by: Deadline, by: str,
                 request_id: str) -> None:
        self.kind = kind
        self.request_id = request_id
        """The request's key the id was made from ("" when none was given)."""
        self.document_number = document_number
        self.procuratorate = procuratorate
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.received_on = received_on
        self.summary = summary
        self.reply_by = reply_by
        self.received_by = by
        self.status = MatterStatus.AWAITING
        self.extended = False
        self.extension_requested_on: date | None = None
        self.extension_approved_by = ""
        self.extension_approved_on: date | None = None
        self.replied_on: date | None = None
        self.reply_document = ""
        self.replied_by = ""
        self.within_limit = False
        """True once replied by the (possibly extended) last day."""
        self.overdue_on: date | None = None
        """The day the sweep found the reply overdue (reported once)."""

    @classmethod
    def receive(cls, kind: MatterKind | str, document_number: str, procuratorate: str,
                case_id: str, case_number: str, court_code: str, received_on: date,
                summary: str, reply_by: Deadline, by: str,
                matter_id: UUID | str | None = None) -> ProcuratorialMatter:
        """收到 — a suggestion or inquiry received with its document; the reply is due by
        `reply_by` (`deadlines.suggestion_reply_by` / `inquiry_reply_by`, R34)."""
        if not isinstance(reply_by, Deadline):
            raise InvalidSupervision("a counted last day is required", rule="R34",
                                     field="reply_by")
        received = a_date(received_on, "received_on", "R34")
        if reply_by.date <= received:
            raise InvalidSupervision("must be after the day of receipt (R62)", rule="R34",
                                     field="reply_by")
        court = bounded_text(court_code, "court_code", rule="R39", most=20)
        return cls(
            request_id=bounded_text(str(matter_id or ""), "matter_id", rule="R46", most=REF_MAX,
                                    least=0),
            kind=enum_of(MatterKind, kind, "kind", "R34"),
            document_number=_ref(document_number, "document_number"),
            procuratorate=bounded_text(procuratorate, "procuratorate", rule="R34",
                                       most=BODY_MAX),
            case_id=_ref(case_id, "case_id", least=0),
            case_number=_ref(case_number, "case_number", least=0), court_code=court,
            received_on=received,
            summary=bounded_text(summary, "summary", rule="R34", most=REASON_MAX, least=0),
            reply_by=reply_by, by=subject(by))

    # --- what it is -------------------------------------------------------------------

    @property
    def overdue(self) -> bool:
        """Reported overdue by the sweep (and not replied since)."""
        return self.overdue_on is not None

    def is_past_due(self, today: date) -> bool:
        """Awaiting its reply after the last day, not reported yet: the sweep's question."""
        return (self.status is MatterStatus.AWAITING and not self.overdue
                and today > self.reply_by.date)

    # --- commands ---------------------------------------------------------------------

    def extend(self, requested_on: date, approved_by: str, new_reply_by: Deadline,
               approved_on: date | None = None) -> None:
        """延长 — the president approved one more month (R34): for a suggestion only, once,
        asked for on or before the reply's last day (the approval, `approved_on`, may come
        later; the day asked for by default)."""
        self._require_awaiting("extend the reply of")
        if self.kind is MatterKind.INQUIRY:
            raise ExtensionRefused("an inquiry is answered within 15 days: no extension",
                                   field="kind")
        if self.extended:
            raise ExtensionRefused("the reply was extended once already: one more month, "
                                   "once")
        requested = a_date(requested_on, "requested_on", "R34")
        if requested > self.reply_by.date:
            raise ExtensionRefused(f"asked for on {requested}, after the reply's last day "
                                   f"{self.reply_by.date}: an extension is asked for before "
                                   "the 3 months run out")
        if requested < self.received_on:
            raise InvalidSupervision(f"must not be before {self.received_on} (receipt)",
                                     rule="R34", field="requested_on")
        if not isinstance(new_reply_by, Deadline) or new_reply_by.date <= self.reply_by.date:
            raise InvalidSupervision(f"must be after {self.reply_by.date}", rule="R34",
                                     field="reply_by")
        approved = requested if approved_on is None else a_date(approved_on, "approved_on", "R34")
        if approved < requested:
            raise InvalidSupervision(f"must not be before {requested} (the request)",
                                     rule="R34", field="approved_on")
        self._extended(requested, subject(approved_by, "approved_by"), new_reply_by, approved)

    @event("ReplyExtended")
    def _extended(self, requested_on: date, approved_by: str, reply_by: Deadline,
                  approved_on: date) -> None:
        self.extended = True
        self.extension_requested_on = requested_on
        self.extension_approved_by = approved_by
        self.extension_approved_on = approved_on
        self.reply_by = reply_by
        self.overdue_on = None  # reported against the old last day: counts again

    def reply(self, replied_on: date, document_number: str, by: str) -> None:
        """回复 — the court's reply was sent (once); `within_limit` when by `reply_by`."""
        self._require_awaiting("reply to")
        replied = a_date(replied_on, "replied_on", "R34")
        if replied < self.received_on:
            raise InvalidSupervision(f"must not be before {self.received_on} (receipt)",
                                     rule="R34", field="replied_on")
        self._replied(replied, _ref(document_number, "document_number"), subject(by),
                      replied <= self.reply_by.date)

    @event("Replied")
    def _replied(self, replied_on: date, document_number: str, by: str,
                 within_limit: bool) -> None:
        self.status = MatterStatus.REPLIED
        self.replied_on = replied_on
        self.reply_document = document_number
        self.replied_by = by
        self.within_limit = within_limit

    def mark_overdue(self, detected_on: date) -> bool:
        """Report the reply overdue (R34), once: False when reported already."""
        if self.overdue:
            return False
        self._require_awaiting("report overdue")
        if not self.is_past_due(a_date(detected_on, "detected_on", "R34")):
            raise WrongStep(f"the reply is not overdue on {detected_on}", rule="R34",
                            field="detected_on")
        self._overdue(detected_on)
        return True

    @event("ReplyOverdue")
    def _overdue(self, detected_on: date) -> None:
        self.overdue_on = detected_on

    def count_again(self, reply_by: Deadline) -> bool:
        """The last day as counted now that its year's schedule was loaded (R64). False
        when replied, or unchanged."""
        if self.status is not MatterStatus.AWAITING or reply_by == self.reply_by:
            return False
        self._counted(reply_by)
        return True

    @event("DeadlineCounted")
    def _counted(self, reply_by: Deadline) -> None:
        self.reply_by = reply_by
        if self.overdue_on is not None and self.overdue_on <= reply_by.date:
            self.overdue_on = None

    def _require_awaiting(self, act: str) -> None:
        if self.status is not MatterStatus.AWAITING:
            raise WrongStep(f"cannot {act} a matter that is {self.status.value}", rule="R34",
                            field="matter_id")


def _ref(value: str, field: str, least: int = 1) -> str:
    return bounded_text(value, field, rule="R34", most=REF_MAX, least=least)
