"""执行线索 — a lead the public reported (through the portal) on a case's debtor, for the
case's team to verify within R27's 5 days (counted by R62–R64 when accepted).

The text and contact are the reporter's own words and may name people: they stay with
the court (R60) — the reporter learns only where the lead stands.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.assets.domain.holdings import NAMESPACE
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.calendar import Deadline, WorkingCalendar
from zhixing.kernel.errors import PreconditionFailed
from zhixing.kernel.periods import period_end
from zhixing.kernel.policy import PolicyTable

OUTCOMES = {"property_found": "查实财产", "not_found": "未查实", "not_relevant": "与本案无关"}
NOTE_MAX = 1000


def verify_by(policy: PolicyTable, calendar: WorkingCalendar, reported_on: date) -> Deadline:
    """R27's last day to verify a lead received on `reported_on`, counted as the cases
    service counts its `verify_lead` node: `node_limits.lead_verify_days`, in working
    days when `node_limits.count_working_days` (R62: the day itself does not count; R64:
    a last day on a rest day or holiday moves to the next working day)."""
    length = policy.int("node_limits.lead_verify_days")
    if policy.bool("node_limits.count_working_days"):
        return period_end(reported_on, working_days=length, calendar=calendar)
    return period_end(reported_on, days=length, calendar=calendar)


class LeadAlreadyVerified(PreconditionFailed):
    """R27: a lead is verified once; its outcome stands."""


class InvestigationLead(Aggregate):
    """One reported lead as the case's team holds it, until verified (R27)."""

    @staticmethod
    def create_id(lead_id: str, *_: object, **__: object) -> UUID:
        """Publicity's lead id always names the same lead here: redelivery adds nothing."""
        return uuid5(NAMESPACE, f"lead/{lead_id}")

    @event("Accepted")
    def __init__(self, lead_id: str, case_id: str, case_number: str, court_code: str,
                 team: str, source: str, property_kind: str, text: str, contact: str,
                 reported_on: str, accepted_on: str, verify_by: str,
                 provisional: bool = False) -> None:
        self.lead_id = lead_id
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.team = team
        """The case's team when the lead arrived ("" while the case is unassigned)."""
        self.source = source
        self.property_kind = property_kind
        self.text = text
        self.contact = contact
        self.reported_on = reported_on
        self.accepted_on = accepted_on
        self.verify_by = verify_by
        """R27's last day, YYYY-MM-DD (R62–R64), fixed when accepted — or, counted with
        no official holiday schedule for a day it spans (`provisional`), counted again
        when the schedule arrives (R64: never silently final)."""
        self.provisional = provisional
        self.outcome = ""
        self.verified_on = ""
        self.note = ""
        self.verified_by = ""
        self.late = False

    def recount(self, deadline: Deadline) -> bool:
        """R64: a provisional `verify_by` counted again with the calendar as it is now;
        whether it changed (a final or verified lead keeps its day)."""
        if not self.provisional or self.verified:
            return False
        day = deadline.date.isoformat()
        if (day, deadline.provisional) == (self.verify_by, self.provisional):
            return False
        self._recounted(self.lead_id, self.case_id, self.court_code, self.team,
                        self.accepted_on, day, deadline.provisional)
        return True

    @event("Recounted")
    def _recounted(self, lead_id: str, case_id: str, court_code: str, team: str,
                   accepted_on: str, verify_by: str, provisional: bool) -> None:
        """The head travels with the event, as `Verified`'s: the public side is told the
        new day as a LeadAccepted again, made from the event alone."""
        self.verify_by = verify_by
        self.provisional = provisional

    @property
    def verified(self) -> bool:
        return bool(self.verified_on)

    def overdue(self, today: str) -> bool:
        """Whether `verify_by` has passed unverified (超期, R27)."""
        return not self.verified and today > self.verify_by

    def verify(self, outcome: str, note: str, verified_on: str, by: str) -> None:
        """The team's verification (核查); late when after `verify_by` (R27 overrun)."""
        if outcome not in OUTCOMES:
            raise InvalidAssetInput(f"must be one of {', '.join(OUTCOMES)}", field="outcome",
                                    rule="R27")
        text = note.strip() if isinstance(note, str) else ""
        if not 0 < len(text) <= NOTE_MAX:
            raise InvalidAssetInput(f"must be 1–{NOTE_MAX} characters, is {len(text)}",
                                    field="note", rule="R27")
        if self.verified:
            raise LeadAlreadyVerified("the lead is already verified", field="lead_id",
                                      rule="R27")
        self._verified(self.lead_id, self.case_id, self.court_code, outcome, text,
                       verified_on, by, verified_on > self.verify_by)

    @event("Verified")
    def _verified(self, lead_id: str, case_id: str, court_code: str, outcome: str,
                  note: str, verified_on: str, by: str, late: bool) -> None:
        """The head (lead, case, court) travels with the event: its integration event
        is made from the event alone."""
        self.outcome = outcome
        self.note = note
        self.verified_on = verified_on
        self.verified_by = by
        self.late = late
