"""轮候查封 — the waiting list of one asset, across every court (R22).

One queue per asset, whichever court controls it: its id comes from the asset id, which
depends only on the agency and its reference (see `holdings.asset_id`). The first
measure holds the asset; later ones wait in the order their assistance notices were
served (送达协助执行通知书的先后), not the order they reached this system. When the
holder ends — released, lapsed, disposed of — the earliest waiting measure holds the
asset. The queue decides who holds; the measures themselves are told in the same
save, so the two never disagree.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.assets.domain.holdings import NAMESPACE
from zhixing.eventstore.domain import Aggregate

Entry = dict[str, str]
"""measure_id, case_id, court_code, served_at (ISO 8601, China Standard Time)."""


def _order(entry: Entry) -> tuple[str, str]:
    # served_at is normalised to seconds at +08:00, so the text sorts as the time; the
    # measure id only breaks ties between notices served in the same second.
    return entry["served_at"], entry["measure_id"]


class AssetQueue(Aggregate):
    """The holder of one asset and the measures waiting behind it (R22)."""

    @staticmethod
    def create_id(asset_id: str) -> UUID:
        return uuid5(NAMESPACE, f"asset-queue/{asset_id}")

    @event("Opened")
    def __init__(self, asset_id: str) -> None:
        self.asset_id = asset_id
        self.holder: Entry = {}
        self.waiting: list[Entry] = []

    # --- what the queue knows -----------------------------------------------------------

    def place_of(self, measure_id: str) -> int | None:
        """0 for the holder, 1 for the next in line, …; None when not in the queue."""
        if self.holder.get("measure_id") == measure_id:
            return 0
        for rank, entry in enumerate(self.waiting, start=1):
            if entry["measure_id"] == measure_id:
                return rank
        return None

    def entries(self) -> list[Entry]:
        """Holder first, then the waiting list in rank order."""
        return ([dict(self.holder)] if self.holder else []) + [dict(e) for e in self.waiting]

    def held_by_case(self, case_id: str) -> bool:
        return self.holder.get("case_id") == case_id

    # --- commands -----------------------------------------------------------------------

    def enter(self, measure_id: str, case_id: str, court_code: str, served_at: str) -> int:
        """A new measure: it holds the asset if no one does, else waits its turn. Returns
        its place (0 = holds)."""
        if self.place_of(measure_id) is None:
            self._entered({"measure_id": measure_id, "case_id": case_id,
                           "court_code": court_code, "served_at": served_at})
        return self.place_of(measure_id) or 0

    @event("Entered")
    def _entered(self, entry: Entry) -> None:
        if not self.holder:
            self.holder = dict(entry)
        else:
            # An earlier-served notice recorded late waits ahead of later ones, but
            # never unseats the holder: the agency has already registered that one.
            self.waiting = sorted([*self.waiting, dict(entry)], key=_order)

    def leave(self, measure_id: str) -> Entry | None:
        """The measure stops controlling the asset. When it held it, the earliest waiting
        measure takes its place and is returned (the caller makes it take effect)."""
        place = self.place_of(measure_id)
        if place is None:
            return None
        self._left(measure_id)
        return dict(self.holder) if place == 0 and self.holder else None

    @event("Left")
    def _left(self, measure_id: str) -> None:
        if self.holder.get("measure_id") == measure_id:
            self.holder = self.waiting.pop(0) if self.waiting else {}
        else:
            self.waiting = [e for e in self.waiting if e["measure_id"] != measure_id]

    def clear(self) -> list[Entry]:
        """The whole asset was disposed of: nothing is left to control, every measure
        still in the queue ends. Returns the entries that were in it."""
        gone = self.entries()
        if gone:
            self._cleared()
        return gone

    @event("Cleared")
    def _cleared(self) -> None:
        self.holder, self.waiting = {}, []

    def replace(self, old_measure_id: str, new_measure_id: str, case_id: str,
                court_code: str) -> int | None:
        """R23: a preservation measure continues as the enforcement case's measure, in
        the same place. Returns that place (None when the old one is not queued)."""
        place = self.place_of(old_measure_id)
        if place is not None and self.place_of(new_measure_id) is None:
            self._replaced(old_measure_id, new_measure_id, case_id, court_code)
        return place if place is not None else self.place_of(new_measure_id)

    @event("Replaced")
    def _replaced(self, old_measure_id: str, new_measure_id: str, case_id: str,
                  court_code: str) -> None:
        change = {"measure_id": new_measure_id, "case_id": case_id, "court_code": court_code}
        if self.holder.get("measure_id") == old_measure_id:
            self.holder = {**self.holder, **change}
        self.waiting = [{**e, **change} if e["measure_id"] == old_measure_id else e
                        for e in self.waiting]
