"""The daily duties nobody asks for: publish listings whose grace period ended (R10) and
remove those whose fixed term ran out (R8). Followed from the application's own log."""

from __future__ import annotations

from typing import Any

from eventsourcing.application import AggregateNotFoundError

from zhixing.credit.application.listings import ListingCommands
from zhixing.credit.domain.listing import Listing
from zhixing.eventstore.watch import LogWatch, watch_of

_WATCHED = [Listing.Listed, Listing.Published, Listing.Removed]  # type: ignore[attr-defined]


def _next_due(listing: Listing) -> tuple[str, str] | None:
    """(what, when) is due next for the listing, or None when nothing ever will be."""
    if listing.removed_on:
        return None
    if not listing.published_on:
        return "publish", listing.publish_on
    if listing.fixed_term:
        return "expire", listing.expires_on
    return None


class SweepCommands(ListingCommands):
    def get_or_none(self, aggregate_id: Any) -> Any:
        """For the watch: the aggregate, or None."""
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None

    def sweep(self) -> int:
        """Publish what is due and expire what ran out; returns how many changed."""
        watch: LogWatch[tuple[str, str]] = watch_of(
            self, "_listing_watch", lambda: LogWatch(self, _WATCHED, _next_due))
        today = self.today().isoformat()
        done = 0
        # Publication on the last day of grace; expiry the day after the term's last day.
        for listing_id in watch.select(lambda due: due[0] == "publish" and due[1] <= today):
            done += self.publish_listing(listing_id)
            watch.refresh(listing_id)
        for listing_id in watch.select(lambda due: due[0] == "expire" and due[1] < today):
            done += self.expire_listing(listing_id)
            watch.refresh(listing_id)
        return done
