"""The daily duties nobody asks for: publish listings and restriction orders whose grace
period ended (R10) and remove listings whose fixed term ran out (R8). Followed from the
application's own log."""

from __future__ import annotations

from collections.abc import Callable

from zhixing.credit.application.corrections import CorrectionCommands
from zhixing.credit.application.listings import ListingCommands
from zhixing.credit.application.restrictions import RestrictionCommands
from zhixing.credit.domain.correction import CorrectionRequest
from zhixing.credit.domain.listing import Listing
from zhixing.credit.domain.restriction import ConsumptionRestriction
from zhixing.eventstore.watch import LogWatch, watch_of

_WATCHED = [Listing.Listed, Listing.Published, Listing.Removed,  # type: ignore[attr-defined]
            # a request a listing recorded itself (stored before CorrectionRequest):
            Listing.CorrectionRequested, Listing.CorrectionDecided,  # type: ignore[attr-defined]
            Listing.ReconsiderationApplied, Listing.ReconsiderationDecided,  # type: ignore[attr-defined]
            Listing.Corrected, Listing.CorrectionOverdue,  # type: ignore[attr-defined]
            Listing.CorrectionHandedOver,  # type: ignore[attr-defined]
            CorrectionRequest.Requested, CorrectionRequest.Decided,  # type: ignore[attr-defined]
            CorrectionRequest.ReconsiderationApplied,  # type: ignore[attr-defined]
            CorrectionRequest.ReconsiderationDecided,  # type: ignore[attr-defined]
            CorrectionRequest.Corrected, CorrectionRequest.Overdue,  # type: ignore[attr-defined]
            CorrectionRequest.DeadlinesCounted,  # type: ignore[attr-defined]
            ConsumptionRestriction.Issued, ConsumptionRestriction.Reissued,  # type: ignore[attr-defined]
            ConsumptionRestriction.Published, ConsumptionRestriction.Lifted]  # type: ignore[attr-defined]


Due = tuple[tuple[str, str], ...]
"""What is due on an aggregate: each (what, when), several at once on a listing."""


def _next_due(found: Listing | ConsumptionRestriction | CorrectionRequest) -> Due | None:
    """Each (what, when) due next, or None when nothing ever will be."""
    if isinstance(found, ConsumptionRestriction):
        due = (("order", found.publish_on),)
        return None if found.published_on or not found.in_force else due
    if isinstance(found, CorrectionRequest):
        return (("correction", found.next_due()),) if found.next_due() else None
    listing = found
    # R9: "the listing stays in force meanwhile" — a request it recorded itself (stored
    # before CorrectionRequest) is due beside its publication (R10) or expiry, never
    # instead of them.
    pending = listing.correction.next_due() if listing.correction else ""
    dues = (("correction", pending),) if pending else ()
    if listing.removed_on:
        return dues or None
    if not listing.published_on:
        return (*dues, ("publish", listing.publish_on))
    if listing.fixed_term:
        return (*dues, ("expire", listing.expires_on))
    return dues or None


def _due(what: str, today: str, *, on_the_day: bool) -> Callable[[Due], bool]:
    """`what` is due today (`on_the_day`: its date is today or earlier; otherwise the
    day after its date)."""
    return lambda dues: any(w == what and (when <= today if on_the_day else when < today)
                            for w, when in dues)


class SweepCommands(ListingCommands, CorrectionCommands, RestrictionCommands):
    def sweep(self) -> int:
        """Publish what is due and expire what ran out; returns how many changed."""
        watch: LogWatch[Due] = watch_of(
            self, "_listing_watch", lambda: LogWatch(self, _WATCHED, _next_due))
        today = self.today().isoformat()
        done = 0
        # Publication on the last day of grace; expiry the day after the term's last day.
        for listing_id in watch.select(_due("publish", today, on_the_day=True)):
            done += self.publish_listing(listing_id)
            watch.refresh(listing_id)
        for listing_id in watch.select(_due("expire", today, on_the_day=False)):
            done += self.expire_listing(listing_id)
            watch.refresh(listing_id)
        for found_id in watch.select(_due("correction", today, on_the_day=False)):
            done += self.flag_overdue_correction(found_id)  # a request, or a listing's own
            watch.refresh(found_id)
        for restriction_id in watch.select(_due("order", today, on_the_day=True)):
            done += self.publish_due_restriction(restriction_id)
            watch.refresh(restriction_id)
        return done

    def recount_provisional(self) -> int:
        """A holiday schedule was loaded (R64): count the open R9 deadlines again — those
        counted provisionally move and become final. Returns how many requests changed."""
        watch: LogWatch[Due] = watch_of(
            self, "_listing_watch", lambda: LogWatch(self, _WATCHED, _next_due))
        changed = 0
        for found_id in watch.select(lambda dues: any(w == "correction" for w, _ in dues)):
            changed += self.count_correction_again(found_id)
            watch.refresh(found_id)
        return changed
