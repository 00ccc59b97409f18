"""纠正申请 — a debtor's request to correct a listing (R9), an aggregate of its own.

The debtor says the listing is wrong (wrongly listed, inaccurate data, should have been
removed). The court decides within the decision days; upheld, it corrects within the
working days; dismissed, the debtor may apply to the higher court for reconsideration
(复议) within its days, decided within its days. The listing stays in force meanwhile;
a correction that finds the debtor wrongly listed removes it (the application saves the
request and the listing together). A listing has requests numbered 1, 2, …: a new one
only once the last is finished.

Listings stored before this aggregate existed kept their request in their own events
(`Listing.CorrectionRequested` …, still read); such a request moves here, with all its
steps, the first time it is advanced (`carry_over`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.credit.domain.correction_deadlines import count_open
from zhixing.credit.domain.errors import RemovalRefused
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.calendar import WorkingCalendar
from zhixing.kernel.periods import period_end

NAMESPACE = UUID("333b44db-12d2-4c2d-8ee8-62359daa2d23")
DEADLINES = (("decide_by", "decided_on"), ("fix_by", "corrected_on"),
             ("reconsider_decide_by", "reconsidered_on"))
"""Each R9 deadline and the step that meets it."""
REFUSED_WITHOUT_REQUEST = {
    "decide": "no correction request awaits a decision",
    "apply_reconsideration": "reconsideration follows a dismissed correction request",
    "decide_reconsideration": "no reconsideration awaits a decision",
    "correct": "no upheld correction awaits being made",
}


class CorrectionStage(StrEnum):
    """Where a correction request stands."""

    AWAITING_DECISION = "awaiting_decision"
    AWAITING_FIX = "awaiting_fix"
    DISMISSED = "dismissed"
    """Dismissed: the debtor may still apply for reconsideration within its days."""
    AWAITING_RECONSIDERATION = "awaiting_reconsideration"
    CORRECTED = "corrected"
    CLOSED = "closed"
    """Reconsideration dismissed: nothing more to do."""


@dataclass(frozen=True)
class CorrectionTerms:
    """R9's numbers in force when the listing was decided (kept with the listing)."""

    decision_days: int
    fix_working_days: int
    reconsideration_apply_days: int
    reconsideration_decision_days: int

    @classmethod
    def of_listing(cls, terms: dict[str, int]) -> CorrectionTerms:
        return cls(terms["correction_decision_days"], terms["correction_fix_working_days"],
                   terms["reconsideration_apply_days"], terms["reconsideration_decision_days"])


@dataclass(frozen=True)
class Correction:
    """The steps of one request so far; None for a step not (yet) taken. The field
    order is the order the steps are shown in."""

    requested_on: str
    decide_by: str
    upheld: bool | None = None
    decided_on: str | None = None
    fix_by: str | None = None
    """The last day to correct ("" once dismissed: nothing to fix)."""
    reconsider_apply_by: str | None = None
    reconsider_applied_on: str | None = None
    reconsider_decide_by: str | None = None
    reconsidered_on: str | None = None
    reconsider_upheld: bool | None = None
    corrected_on: str | None = None
    overdue_flagged: tuple[str, ...] = ()
    """The deadlines (`DEADLINES`) already reported as missed."""
    provisional: tuple[str, ...] = ()
    """The open deadlines counted with no official holiday schedule for their year yet
    (暂定, R64); counted again when it is loaded."""

    def shown(self) -> str:
        """"decide_by 2026-12-08 …": the steps taken, as the API and CLI show them."""
        items = {k: v for k, v in asdict(self).items() if v is not None}
        if self.overdue_flagged:
            items["overdue_flagged"] = list(self.overdue_flagged)
        else:
            items.pop("overdue_flagged")
        items.pop("provisional")
        for name in self.provisional:
            items[name] = f"{items[name]} (暂定 provisional)"
        return " ".join(f"{k} {v}" for k, v in items.items())

    def missed(self, today: date) -> list[str]:
        """R9: the deadlines passed on `today` with their step not done."""
        steps = asdict(self)
        return [due for due, done in DEADLINES
                if steps[due] and not steps[done] and today > date.fromisoformat(steps[due])]

    def next_due(self) -> str:
        """The earliest deadline not yet met nor flagged, or ""."""
        steps = asdict(self)
        due = [steps[d] for d, done in DEADLINES
               if steps[d] and not steps[done] and d not in self.overdue_flagged]
        return min(due, default="")

    @property
    def stage(self) -> CorrectionStage:
        if self.corrected_on:
            return CorrectionStage.CORRECTED
        if self.upheld is None:
            return CorrectionStage.AWAITING_DECISION
        if self.reconsider_decide_by and self.reconsidered_on is None:
            return CorrectionStage.AWAITING_RECONSIDERATION
        if self.fix_by:
            return CorrectionStage.AWAITING_FIX
        return CorrectionStage.CLOSED if self.reconsidered_on else CorrectionStage.DISMISSED


class CorrectionRequest(Aggregate):
    """纠正申请 (R9) — one request to correct one listing, from request to correction."""

    typed_state = MappingProxyType({"terms": CorrectionTerms, "steps": Correction})
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(listing_id: str, number: int) -> UUID:
        return uuid5(NAMESPACE, f"correction/{listing_id}/{number}")

    @event("Requested")
    def __init__(self, listing_id: str, number: int, court_code: str, case_number: str,
                 debtor_identity_number: str, terms: CorrectionTerms, steps: Correction,
                 carried_over: bool = False) -> None:
        self.listing_id = listing_id
        self.number = number
        self.court_code = court_code
        self.case_number = case_number
        self.debtor_identity_number = debtor_identity_number
        self.terms = terms
        self.steps = steps
        self.carried_over = carried_over
        """Moved here from the listing's own events (stored before this aggregate)."""

    @classmethod
    def request(cls, listing: Any, on: date, calendar: WorkingCalendar,
                last: CorrectionRequest | None = None) -> CorrectionRequest | None:
        """纠正申请 — the court must decide within the decision days (R9). None when the
        `last` request still waits for its decision (the same request again); refused
        while it waits to be corrected or reconsidered (its deadlines stand)."""
        if last is not None and last.stage is CorrectionStage.AWAITING_DECISION:
            return None
        if last is not None:
            last.require_finished()
        terms = CorrectionTerms.of_listing(listing.terms)
        decide_by = _days_after(on, terms.decision_days, calendar)
        return cls(**_of_listing(listing, last.number + 1 if last else 1), terms=terms,
                   steps=Correction(on.isoformat(), decide_by))

    @classmethod
    def carry_over(cls, listing: Any, steps: Correction) -> CorrectionRequest:
        """A request a listing recorded itself (before this aggregate): number 1."""
        return cls(**_of_listing(listing, 1), terms=CorrectionTerms.of_listing(listing.terms),
                   steps=steps, carried_over=True)

    @property
    def stage(self) -> CorrectionStage:
        return self.steps.stage

    def require_finished(self) -> None:
        """A new request waits until this one is finished: R9's deadlines stand."""
        if self.stage in (CorrectionStage.AWAITING_FIX,
                          CorrectionStage.AWAITING_RECONSIDERATION):
            raise RemovalRefused("the last correction request is not finished yet",
                                 rule="R9", field="correction")

    def decide(self, upheld: bool, on: date, calendar: WorkingCalendar) -> None:
        """Upheld: correct within the working days; dismissed: the debtor may apply for
        reconsideration (复议) to the higher court within the reconsideration days."""
        if self.stage is not CorrectionStage.AWAITING_DECISION:
            raise RemovalRefused(REFUSED_WITHOUT_REQUEST["decide"], rule="R9",
                                 field="correction")
        fix_by, apply_by = self._after_decision(upheld, on, calendar)
        self._decided(upheld, on.isoformat(), fix_by, apply_by)

    @event("Decided")
    def _decided(self, upheld: bool, decided_on: str, fix_by: str,
                 reconsider_apply_by: str) -> None:
        self.steps = replace(self.steps, upheld=upheld, decided_on=decided_on, fix_by=fix_by,
                             reconsider_apply_by=reconsider_apply_by)

    def apply_for_reconsideration(self, on: date, calendar: WorkingCalendar) -> None:
        """复议 — only after a dismissal and within its days; decided within its days."""
        apply_by = self.steps.reconsider_apply_by
        if self.stage is not CorrectionStage.DISMISSED or not apply_by:
            raise RemovalRefused(REFUSED_WITHOUT_REQUEST["apply_reconsideration"], rule="R9",
                                 field="correction")
        if on > date.fromisoformat(apply_by):
            raise RemovalRefused(f"reconsideration had to be applied for by {apply_by}",
                                 rule="R9", field="applied_on")
        due = _days_after(on, self.terms.reconsideration_decision_days, calendar)
        self._reconsideration_applied(on.isoformat(), due)

    @event("ReconsiderationApplied")
    def _reconsideration_applied(self, applied_on: str, decide_by: str) -> None:
        self.steps = replace(self.steps, reconsider_applied_on=applied_on,
                             reconsider_decide_by=decide_by)

    def decide_reconsideration(self, upheld: bool, on: date, calendar: WorkingCalendar) -> None:
        """The higher court's decision; upheld, the listing is corrected in working days."""
        if self.stage is not CorrectionStage.AWAITING_RECONSIDERATION:
            raise RemovalRefused(REFUSED_WITHOUT_REQUEST["decide_reconsideration"], rule="R9",
                                 field="correction")
        fix_by = self._after_decision(upheld, on, calendar)[0]
        self._reconsideration_decided(upheld, on.isoformat(), fix_by)

    @event("ReconsiderationDecided")
    def _reconsideration_decided(self, upheld: bool, decided_on: str, fix_by: str) -> None:
        self.steps = replace(self.steps, reconsidered_on=decided_on, reconsider_upheld=upheld,
                             fix_by=fix_by)

    def correct(self, on: date, remove: bool = False) -> bool:
        """The upheld correction was made: the data fixed, or — the debtor was wrongly
        listed — the listing is to be removed (True then: `Listing.remove_as_corrected`)."""
        if self.stage is not CorrectionStage.AWAITING_FIX:
            raise RemovalRefused(REFUSED_WITHOUT_REQUEST["correct"], rule="R9",
                                 field="correction")
        self._corrected(on.isoformat(), remove)
        return remove

    @event("Corrected")
    def _corrected(self, corrected_on: str, removes_listing: bool) -> None:
        self.steps = replace(self.steps, corrected_on=corrected_on)

    def flag_overdue(self, today: date) -> list[str]:
        """R9: record each missed deadline once (for the supervisors); those newly flagged."""
        missed = [due for due in self.steps.missed(today) if due not in self.steps.overdue_flagged]
        if missed:
            self._overdue(missed, today.isoformat())
        return missed

    def next_due(self) -> str:
        """The earliest deadline not yet met nor flagged, or "" (the sweep's watch)."""
        return self.steps.next_due()

    def count_again(self, calendar: WorkingCalendar, today: date) -> bool:
        """Count the open deadlines with `calendar` as it is now: after a step, to mark
        the provisional ones; after a holiday schedule is loaded, to move them (R64).
        True when something changed."""
        counted = count_open(self.steps, self.terms, calendar)
        dates = {name: d.date.isoformat() for name, d in counted.items()}
        provisional = sorted(name for name, d in counted.items() if d.provisional)
        if all(getattr(self.steps, n) == v for n, v in dates.items()) \
                and provisional == sorted(self.steps.provisional):
            return False
        self._counted(dates, provisional, today.isoformat())
        return True

    @event("DeadlinesCounted")
    def _counted(self, dates: dict[str, str], provisional: list[str], counted_on: str) -> None:
        moved: dict[str, Any] = dict(dates)  # deadline fields only, each a date string
        self.steps = replace(self.steps, **moved, provisional=tuple(provisional))

    @event("Overdue")
    def _overdue(self, steps: list[str], flagged_on: str) -> None:
        self.steps = replace(self.steps, overdue_flagged=(*self.steps.overdue_flagged, *steps))

    def _after_decision(self, upheld: bool, on: date,
                        calendar: WorkingCalendar) -> tuple[str, str]:
        if upheld:
            return calendar.add_working_days(on, self.terms.fix_working_days).date.isoformat(), ""
        return "", _days_after(on, self.terms.reconsideration_apply_days, calendar)


def refuse_without_request(step: str) -> RemovalRefused:
    """The refusal of a step when the listing has no correction request at all."""
    return RemovalRefused(REFUSED_WITHOUT_REQUEST[step], rule="R9", field="correction")


def _of_listing(listing: Any, number: int) -> dict[str, Any]:
    return {"listing_id": str(listing.id), "number": number, "court_code": listing.court_code,
            "case_number": listing.case_number,
            "debtor_identity_number": listing.debtor_identity_number}


def _days_after(on: date, days: int, calendar: WorkingCalendar) -> str:
    """R62–R64: a procedural period in days, ending on a working day."""
    return period_end(on, days=days, calendar=calendar).date.isoformat()
