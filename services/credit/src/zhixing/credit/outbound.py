"""Domain events → integration events (DESIGN §4: the only place that knows both).

Decisions, publications, removals and restrictions go on `zhixing.credit.events.v1`;
every change of an identity's standing goes on the compacted `zhixing.credit.list.v1`
(its state, or a tombstone when nothing is in force). Correction steps before the
correction is made, and the case file's bookkeeping, stay private — but for a decision
not to list a debtor (ListingDeclined), which settles the listing question (R16(2)).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.credit import v1
from zhixing.contracts.topics import PARTNER_KINDS
from zhixing.credit.domain.case_file import CaseCreditFile
from zhixing.credit.domain.correction import CorrectionRequest
from zhixing.credit.domain.listing import Listing
from zhixing.credit.domain.record import DebtorRecord
from zhixing.credit.domain.restriction import ConsumptionRestriction

Mapping = Callable[[Any], list[IntegrationEvent]]


def _listed(e: Any) -> list[IntegrationEvent]:
    return [v1.DebtorListed(
        listing_id=str(e.originator_id), case_id=e.case_id, court_code=e.court_code,
        debtor_identity_number=e.debtor_identity_number, decided_on=e.decided_on,
        grounds=e.grounds, case_number=e.case_number, decision_number=e.decision_number,
        expires_on=e.expires_on, publish_on=e.publish_on)]


def to_public(domain_event: Any, *, load: Callable[[Any, int], Any]) -> list[IntegrationEvent]:
    """`load(aggregate_id, version)` gives the aggregate as of an event, for the fields
    a later event does not carry (the listing's court and debtor). Every change of the
    list is also a notice to each kind of partner of R7."""
    events = _public(domain_event, load)
    return [*events, *(notice for event in events for notice in _notices(event))]


_NOTICES = {v1.ListingPublished: "listed", v1.ListingRemoved: "removed",
            v1.DebtorRepaired: "repaired", v1.ConsumptionRestrictionIssued: "restricted",
            v1.ConsumptionRestrictionLifted: "lifted", v1.GoodFaithRecorded: "good_faith"}
"""What each kind of partner is told; good faith is shared too (正向激励)."""


def _notices(event: Any) -> list[IntegrationEvent]:
    notice = _NOTICES.get(type(event))
    if notice is None or not getattr(event, "published", True):
        return []  # a listing removed in its grace period was never told to anyone
    reference = (getattr(event, "listing_id", "") or getattr(event, "restriction_id", "")
                 or getattr(event, "case_id", ""))
    on = next(getattr(event, day) for day in ("published_on", "removed_on", "repaired_on",
                                               "decided_on", "lifted_on", "performed_on")
              if hasattr(event, day))
    return [v1.PartnerNotice(partner_kind=kind, notice=notice,
                             identity_number=event.debtor_identity_number,
                             court_code=event.court_code,
                             case_number=getattr(event, "case_number", ""),
                             reference=reference, on=on) for kind in PARTNER_KINDS]


def _public(domain_event: Any, load: Callable[[Any, int], Any]) -> list[IntegrationEvent]:
    kind = type(domain_event)
    if kind is Listing.Listed:  # type: ignore[attr-defined]
        return _listed(domain_event)
    if kind is DebtorRecord.Changed:  # type: ignore[attr-defined]
        return [_list_record(domain_event)]
    if kind is ConsumptionRestriction.Issued:  # type: ignore[attr-defined]
        return [_issued(domain_event, domain_event)]
    if kind is CaseCreditFile.GoodFaith:  # type: ignore[attr-defined]
        return [_good_faith(domain_event, load)]
    mapping = _LATER.get(kind)
    if mapping is None:
        return []
    aggregate = load(domain_event.originator_id, domain_event.originator_version)
    return mapping(domain_event, aggregate)


def _published(e: Any, listing: Listing) -> list[IntegrationEvent]:
    return [v1.ListingPublished(
        listing_id=str(listing.id), case_id=listing.case_id, case_number=listing.case_number,
        court_code=listing.court_code, debtor_identity_number=listing.debtor_identity_number,
        debtor_name=listing.debtor_name, debtor_kind=listing.debtor_kind,
        legal_representative=listing.legal_representative, grounds=listing.grounds,
        decided_on=listing.decided_on, published_on=e.published_on,
        expires_on=listing.expires_on)]


def _removed(e: Any, listing: Listing) -> list[IntegrationEvent]:
    return [v1.ListingRemoved(
        listing_id=str(listing.id), case_id=listing.case_id, court_code=listing.court_code,
        debtor_identity_number=listing.debtor_identity_number, reason=e.reason,
        triggered_on=listing.triggered_on or e.removed_on,
        remove_by=listing.remove_by or e.removed_on, removed_on=e.removed_on,
        published=bool(listing.published_on))]


def _repaired(e: Any, listing: Listing) -> list[IntegrationEvent]:
    return [v1.DebtorRepaired(listing_id=str(listing.id), court_code=e.court_code,
                              debtor_identity_number=e.debtor_identity_number,
                              repaired_on=e.repaired_on)]


def _corrected(e: Any, of: Listing | CorrectionRequest) -> list[IntegrationEvent]:
    """A correction made (R9): by a request, or (stored before it) by the listing itself."""
    return [v1.ListingCorrected(listing_id=_listing_id(of), court_code=of.court_code,
                                debtor_identity_number=of.debtor_identity_number,
                                corrected_on=e.corrected_on)]


def _correction_overdue(e: Any, of: Listing | CorrectionRequest) -> list[IntegrationEvent]:
    return [v1.CorrectionOverdue(listing_id=_listing_id(of), court_code=of.court_code,
                                 debtor_identity_number=of.debtor_identity_number,
                                 case_number=of.case_number, steps=e.steps,
                                 flagged_on=e.flagged_on)]


def _listing_id(of: Listing | CorrectionRequest) -> str:
    return of.listing_id if isinstance(of, CorrectionRequest) else str(of.id)


def _issued(e: Any, r: Any) -> IntegrationEvent:
    """`r` is the Issued event itself, or the restriction as of a Reissued one. Issue 17:
    the debtor's name and kind, its bound persons (R14) and the day it may be published
    (R10) go with it, for the public 限制消费 list; a person released already is not bound."""
    persons = [v1.BoundPersonV1(role=p["role"], name=p["name"],
                                identity_number=p["identity_number"])
               for p in r.persons if not p.get("released_on")]
    return v1.ConsumptionRestrictionIssued(
        restriction_id=str(e.originator_id), case_id=r.case_id, court_code=r.court_code,
        debtor_identity_number=r.debtor_identity_number, decided_on=e.issued_on,
        case_number=r.case_number, basis=e.basis, reference=e.reference,
        conduct=list(r.conduct), bound_persons=len(persons), debtor_name=r.debtor_name,
        debtor_kind=r.debtor_kind, persons=persons, publish_on=r.publish_on)


def _reissued(e: Any, r: ConsumptionRestriction) -> list[IntegrationEvent]:
    return [_issued(e, r)]


def _restriction_published(e: Any, r: ConsumptionRestriction) -> list[IntegrationEvent]:
    """R10: from this day the public 限制消费 list shows the order (issue 17)."""
    return [v1.ConsumptionRestrictionPublished(
        restriction_id=str(r.id), case_id=r.case_id, court_code=r.court_code,
        debtor_identity_number=r.debtor_identity_number, published_on=e.published_on)]


def _person_released(e: Any, r: ConsumptionRestriction) -> list[IntegrationEvent]:
    """R15: a former legal representative leaves the public list at once (R61)."""
    return [v1.RestrictedPersonReleased(
        restriction_id=str(r.id), case_id=r.case_id, court_code=r.court_code,
        person_identity_number=e.identity_number, released_on=e.released_on)]


def _lifted(e: Any, r: ConsumptionRestriction) -> list[IntegrationEvent]:
    return [v1.ConsumptionRestrictionLifted(
        restriction_id=str(r.id), case_id=r.case_id, court_code=r.court_code,
        debtor_identity_number=r.debtor_identity_number, ground=e.ground,
        lifted_on=e.lifted_on)]


def _good_faith(e: Any, load: Callable[[Any, int], Any]) -> IntegrationEvent:
    file = load(e.originator_id, e.originator_version)
    return v1.GoodFaithRecorded(
        case_id=file.case_id, case_number=e.case_number, court_code=e.court_code,
        debtor_identity_number=e.identity_number, performed_on=e.performed_on,
        notice_deadline=e.notice_deadline)


def _declined(e: Any, file: CaseCreditFile) -> list[IntegrationEvent]:
    return [v1.ListingDeclined(case_id=file.case_id, court_code=e.court_code,
                               debtor_identity_number=e.identity_number,
                               decided_on=e.decided_on, reason_rule=e.reason_rule)]


def _list_record(e: Any) -> IntegrationEvent:
    state = e.state
    if not (state["listed"] or state["restricted"]):
        return v1.DebtorCleared(identity_number=e.identity_number)
    return v1.DebtorCreditState(identity_number=e.identity_number, **state)


_LATER: dict[type, Callable[[Any, Any], list[IntegrationEvent]]] = {
    Listing.Published: _published,  # type: ignore[attr-defined]
    Listing.Removed: _removed,  # type: ignore[attr-defined]
    Listing.Repaired: _repaired,  # type: ignore[attr-defined]
    Listing.Corrected: _corrected,  # type: ignore[attr-defined]
    Listing.CorrectionOverdue: _correction_overdue,  # type: ignore[attr-defined]
    CorrectionRequest.Corrected: _corrected,  # type: ignore[attr-defined]
    CorrectionRequest.Overdue: _correction_overdue,  # type: ignore[attr-defined]
    ConsumptionRestriction.Reissued: _reissued,  # type: ignore[attr-defined]
    ConsumptionRestriction.Lifted: _lifted,  # type: ignore[attr-defined]
    ConsumptionRestriction.Published: _restriction_published,  # type: ignore[attr-defined]
    ConsumptionRestriction.PersonReleased: _person_released,  # type: ignore[attr-defined]
    CaseCreditFile.ListingDeclined: _declined,  # type: ignore[attr-defined]
}


def mapping_for(app: Any) -> Mapping:
    """The outbound mapping of an application: later events read their aggregate as of
    the event from the store (the repository's `version`)."""
    def load(aggregate_id: Any, version: int) -> Any:
        return app.repository.get(aggregate_id, version=version)

    return lambda domain_event: to_public(domain_event, load=load)

