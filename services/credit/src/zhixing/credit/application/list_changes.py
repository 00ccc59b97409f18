"""The steps that change the partners' list, shared by the commands and the reactions:
each changes a listing or restriction and the records of the identities it holds, in
the same unit of work (so the list never disagrees with the decisions)."""

from __future__ import annotations

from datetime import date

from zhixing.credit.application.base import CreditStore, Unit
from zhixing.credit.domain.listing import Listing
from zhixing.credit.domain.record import RESTRICTION
from zhixing.credit.domain.restriction import ConsumptionRestriction

PERFORMANCE = (1, 2)
"""R8(1) performed, R8(2) settlement performed: full performance for R15 too."""


def remove(unit: Unit, listing: Listing, reason: int, triggered_on: date,
           app: CreditStore) -> bool:
    """Trigger and carry out an R8 removal in one go; False when already removed."""
    listing.trigger_removal(reason, triggered_on, app.calendar)
    if not listing.remove(reason, app.today()):
        return False
    unit.record(listing.debtor_identity_number).release(str(listing.id), app.today())
    return True


def publish_restriction(unit: Unit, restriction: ConsumptionRestriction, today: date, *,
                        with_listing: bool = False) -> bool:
    """On the list: the debtor and each unreleased person it binds (R14), once due."""
    if not restriction.publish(today, with_listing=with_listing):
        return False
    bound = [restriction.debtor_identity_number,
             *(p["identity_number"] for p in restriction.persons if not p.get("released_on"))]
    for identity in bound:
        unit.record(identity).hold(
            str(restriction.id), kind=RESTRICTION, case_id=restriction.case_id,
            case_number=restriction.case_number, court_code=restriction.court_code,
            since=restriction.published_on, today=today, conduct=restriction.conduct)
    return True


def lift_on_performance(unit: Unit, case_id: str, on: date, today: date,
                        identity_number: str | None = None) -> int:
    """R15 *must*: full performance lifts the case's restrictions (of one debtor)."""
    lifted = 0
    for debtor, restriction_id in unit.case_file(case_id).restrictions.items():
        if identity_number in (None, debtor):
            restriction = unit.get(restriction_id)
            lifted += lift(unit, restriction, "full_performance", f"履行完毕 {on.isoformat()}",
                           max(on, date.fromisoformat(restriction.issued_on)), today)
    return lifted


def lift_brought_by(unit: Unit, listing: Listing, on: date, today: date) -> bool:
    """A listing found wrong (R9) takes the restriction it brought (basis "listing")."""
    restriction_id = unit.case_file(listing.case_id).restrictions.get(
        listing.debtor_identity_number)
    if restriction_id is None:
        return False
    restriction: ConsumptionRestriction = unit.get(restriction_id)
    if restriction.basis != "listing" or restriction.reference != str(listing.id):
        return False
    return lift(unit, restriction, "listing_corrected", f"纠正 {on.isoformat()}", on, today)


def lift(unit: Unit, restriction: ConsumptionRestriction, ground: str, reference: str,
         lifted_on: date, today: date) -> bool:
    """Lift and take the debtor and its persons off the list for this restriction."""
    bound = [restriction.debtor_identity_number,
             *(p["identity_number"] for p in restriction.persons)]
    if not restriction.lift(ground, lifted_on, reference):
        return False
    for identity in bound:
        unit.record(identity).release(str(restriction.id), today)
    return True
