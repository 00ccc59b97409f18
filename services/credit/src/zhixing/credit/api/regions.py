"""The list across regions (R43: the Chengdu–Chongqing courts punish dishonesty together).

MirrorMaker 2 copies each peer region's compacted list here as `<region>.zhixing.credit.
list.v1` (DESIGN §7). A `PeerList` follows one such copy into an index of its own; a
`RegionView` answers from this region's list and every peer's: an identity listed or
restricted anywhere in the circle is so here. Records are read by the contract's rule
for the list — a null value is a tombstone, any other a `DebtorCreditState`.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Sequence

from zhixing.credit.application.list_feed import ListView, index_state
from zhixing.credit.index import CreditIndex, State
from zhixing.kernel.errors import InvalidInput
from zhixing.messaging.kafka import CompactedTopicReader

log = logging.getLogger(__name__)


class PeerList:
    """One peer region's list, followed from its mirrored topic in a background thread."""

    def __init__(self, reader: CompactedTopicReader) -> None:
        self.reader = reader
        self.index = CreditIndex()
        self.skipped = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Follow in a background thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._follow, daemon=True,
                                            name=f"peer-list {self.reader.topic}")
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def caught_up(self) -> bool:
        return self.reader.caught_up()

    def apply(self, records: Iterable[tuple[bytes, bytes | None]]) -> None:
        with self._lock:
            for key, value in records:
                identity = key.decode()
                try:
                    if value is None:
                        self.index.remove(identity)
                    else:
                        self.index.put(identity, index_state(json.loads(value)))
                except (ValueError, KeyError, InvalidInput):  # one bad record, not the list
                    self.skipped += 1
                    log.warning("peer list: a record could not be read",
                                extra={"topic": self.reader.topic})

    def get(self, identity: str) -> State | None:
        with self._lock:
            return self.index.get(identity)

    def check_many(self, identities: Sequence[str]) -> list[State | None]:
        with self._lock:
            return self.index.check_many(identities)

    def _follow(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self.apply(self.reader.poll(0.5))
                except Exception:  # the broker is away: keep answering, try again
                    log.warning("peer list: reading failed", exc_info=True,
                                extra={"topic": self.reader.topic})
                    self._stop.wait(1.0)
        finally:
            self.reader.close()


class RegionView:
    """This region's `ListView` and the peers' lists, answering as one (R43)."""

    def __init__(self, local: ListView, peers: Sequence[PeerList]) -> None:
        self.local = local
        self.peers = list(peers)
        self.feed = local.feed

    @property
    def ready(self) -> bool:
        return self.local.ready

    def load(self) -> None:
        """The local list loaded, the peers' followed (from the first lookup on, so
        only the processes that answer checks read them)."""
        for peer in self.peers:
            peer.start()
        self.local.load()

    @property
    def position(self) -> int:
        """The local list's position (what a Check's bases are kept with)."""
        return self.local.position

    def get(self, identity: str) -> State | None:
        self.load()
        return combined([self.local.get(identity), *(p.get(identity) for p in self.peers)])

    def check_many(self, identities: Sequence[str]) -> list[State | None]:
        self.load()
        answers = [self.local.check_many(identities),
                   *(p.check_many(identities) for p in self.peers)]
        return [combined(list(states)) for states in zip(*answers, strict=True)]

    def stop(self) -> None:
        self.local.stop()
        for peer in self.peers:
            peer.stop()


def combined(states: list[State | None]) -> State | None:
    """Listed or restricted in any region; the conduct of all; the earliest day; the
    cases added up."""
    found = [s for s in states if s is not None]
    if len(found) <= 1:
        return found[0] if found else None
    days = [s.since for s in found if s.since]
    return State(listed=any(s.listed for s in found),
                 restricted=any(s.restricted for s in found),
                 codes=_union(s.codes for s in found), since=min(days, default=0),
                 cases=sum(s.cases for s in found))


def _union(masks: Iterable[int]) -> int:
    union = 0
    for mask in masks:
        union |= mask
    return union
