"""The bases of a Check (why an identity is listed or restricted), read from the store.

Only a Check of an identity the list holds asks (BatchCheck never does, and an identity
not on the list is answered from the index alone): one read of its `DebtorRecord`, and
of each listing or restriction behind a hold — those only once per process, since what
a basis takes from them (grounds, debtor, the persons' roles) never changes after the
decision. An identity's bases are kept with the list's position they were read at
(`as_of`) and read again only once the list has moved: a partner repeating a Check does
not read the store at every call (R42), and a removal or lift shows as soon as the list
has it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any
from uuid import UUID

from zhixing.credit.domain.basis import Basis, Decision, basis_of, ordered
from zhixing.credit.domain.record import DebtorRecord

CACHED_DECISIONS = 4096
"""Decisions kept in memory: the holds of the identities checked most recently."""


class CheckBases:
    """identity → its bases now, from this region's decisions."""

    def __init__(self, app: Any, cached: int = CACHED_DECISIONS) -> None:
        self.app = app
        self._cached = cached
        self._decisions: OrderedDict[str, Decision] = OrderedDict()
        self._bases: OrderedDict[str, tuple[int, list[Basis]]] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, identity_number: str, as_of: int | None = None) -> list[Basis]:
        """Every hold on the identity as a basis; empty when this region holds none (an
        identity listed only in a peer region, R43, has no record here). `as_of`: the
        list's position now — the bases read at the same position are answered again."""
        if as_of is not None:
            with self._lock:
                kept = self._bases.get(identity_number)
                if kept is not None and kept[0] == as_of:
                    self._bases.move_to_end(identity_number)
                    return list(kept[1])
        bases = self._read(identity_number)
        if as_of is not None:
            with self._lock:
                self._bases[identity_number] = (as_of, bases)
                while len(self._bases) > self._cached:
                    self._bases.popitem(last=False)
        return list(bases)

    def _read(self, identity_number: str) -> list[Basis]:
        record = self.app.get_or_none(DebtorRecord.create_id(identity_number))
        if record is None:
            return []
        found = (basis_of(identity_number, hold, self._decision(ref))
                 for ref, hold in record.holds.items())
        return ordered([basis for basis in found if basis is not None])

    def _decision(self, ref: str) -> Decision:
        with self._lock:
            if ref in self._decisions:
                self._decisions.move_to_end(ref)
                return self._decisions[ref]
        decision = Decision.of(self.app.repository.get(UUID(ref)))
        with self._lock:
            self._decisions[ref] = decision
            while len(self._decisions) > self._cached:
                self._decisions.popitem(last=False)
        return decision
