"""纠正 (R9): a debtor's correction requests, each its own `CorrectionRequest`, saved
with the listing (and the list's records) when a correction removes the listing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from zhixing.credit.application.base import CreditStore, Unit
from zhixing.credit.application.list_changes import lift_brought_by
from zhixing.credit.domain.correction import (
    Correction,
    CorrectionRequest,
    refuse_without_request,
)
from zhixing.credit.domain.errors import InvalidDecision
from zhixing.credit.domain.listing import Listing

STEPS = ("request", "decide", "apply_reconsideration", "decide_reconsideration", "correct")


class CorrectionCommands(CreditStore):
    def advance_correction(self, listing_id: Any, step: str, upheld: bool, on: date,
                           remove: bool = False) -> Listing:
        """R9, one step: request → decide (15 days) → correct (3 working days), or
        dismissed → reconsideration (apply within 10 days, decided within 15). `remove`:
        the correction found the debtor wrongly listed."""
        if step not in STEPS:
            raise InvalidDecision(f"step must be one of {', '.join(STEPS)}", rule="R9",
                                  field="step")

        def command(unit: Unit) -> Listing:
            listing: Listing = unit.get(listing_id)
            current = current_request(unit, listing)
            if step == "request":
                new = CorrectionRequest.request(listing, on, self.calendar, last=current)
                if new is not None:
                    unit.add(new).count_again(self.calendar, self.today())  # R64: provisional?
            elif current is None:
                raise refuse_without_request(step)
            else:
                if self._take(step, current, upheld, on, remove):
                    self._remove_as_corrected(unit, listing, on)
                current.count_again(self.calendar, self.today())
            return listing

        return self.act(command)

    def flag_overdue_correction(self, correction_id: Any) -> int:
        """R9: a correction deadline passed with its step not done — said once. Also
        given a listing's id, for a request the listing recorded itself."""

        def command(unit: Unit) -> int:
            found = unit.get(correction_id)
            request = current_request(unit, found) if isinstance(found, Listing) else found
            return len(request.flag_overdue(self.today())) if request else 0

        return self.act(command)

    def count_correction_again(self, correction_id: Any) -> bool:
        """Count a request's open R9 deadlines again with the calendar as it is now (a
        holiday schedule was loaded, R64); a listing's own legacy request is left as is."""

        def command(unit: Unit) -> bool:
            found = unit.get(correction_id)
            if not isinstance(found, CorrectionRequest):
                return False
            return found.count_again(self.calendar, self.today())

        return self.act(command)

    def correction_of(self, listing: Listing) -> Correction | None:
        """The steps of the listing's latest correction request, or None (reads only)."""
        return _latest(listing, self.get_or_none) or listing.correction

    def _take(self, step: str, request: CorrectionRequest, upheld: bool, on: date,
              remove: bool) -> bool:
        """One step on the request; True when the listing is to be removed."""
        if step == "decide":
            request.decide(upheld, on, self.calendar)
        elif step == "apply_reconsideration":
            request.apply_for_reconsideration(on, self.calendar)
        elif step == "decide_reconsideration":
            request.decide_reconsideration(upheld, on, self.calendar)
        else:
            return request.correct(on, remove=remove)
        return False

    def _remove_as_corrected(self, unit: Unit, listing: Listing, on: date) -> None:
        if listing.remove_as_corrected(on):
            unit.record(listing.debtor_identity_number).release(str(listing.id), self.today())
            lift_brought_by(unit, listing, on, self.today())


def current_request(unit: Unit, listing: Listing) -> CorrectionRequest | None:
    """The listing's latest request; one the listing recorded itself is handed over to
    its own aggregate first (number 1), in the same save as the step."""
    number = _count(listing, lambda i: unit.find(i))
    if number:
        return unit.get(CorrectionRequest.create_id(str(listing.id), number))  # type: ignore[no-any-return]
    if listing.correction is None:
        return None
    request = unit.add(CorrectionRequest.carry_over(listing, listing.correction))
    listing.hand_over_correction(str(request.id))
    return request  # type: ignore[no-any-return]


def _latest(listing: Listing, find: Callable[[Any], Any]) -> Correction | None:
    number = _count(listing, find)
    found = find(CorrectionRequest.create_id(str(listing.id), number)) if number else None
    return found.steps if found is not None else None


def _count(listing: Listing, find: Callable[[Any], Any]) -> int:
    """How many requests the listing has had (ids are numbered 1, 2, …)."""
    number = 0
    while find(CorrectionRequest.create_id(str(listing.id), number + 1)) is not None:
        number += 1
    return number
