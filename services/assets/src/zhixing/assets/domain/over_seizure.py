"""超标的查封 — what one case controls against its claim (R21).

A case may control property worth at most its claim (principal, interest and costs)
plus a tolerance set by the policy table. The ledger of a case is saved in the same
transaction as every measure that enters or leaves it, so the total it checks is never
behind the measures themselves (an eventually consistent view could let two officers
each seize "the last" 100,000 yuan at once).

Waiting-list measures (轮候) count too: they are registered at the agency and bind the
asset the moment the measure ahead of them ends, so leaving them out would only move
the over-seizure to the day of promotion, when no one could refuse it any more.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.assets.domain.errors import OverSeizure
from zhixing.assets.domain.holdings import NAMESPACE
from zhixing.eventstore.domain import Aggregate


@dataclass(frozen=True)
class Cap:
    """R21: claim (costs included) still owed × (100 + tolerance) / 100, in integer fen.
    Money this service already deducted for the case is no longer owed."""

    claim_total_fen: int
    tolerance_percent: int
    recovered_fen: int = 0

    @property
    def owed_fen(self) -> int:
        return max(0, self.claim_total_fen - self.recovered_fen)

    @property
    def limit_fen(self) -> int:
        return self.owed_fen * (100 + self.tolerance_percent) // 100

    def describe(self) -> str:
        less = f" less {self.recovered_fen} fen deducted" if self.recovered_fen else ""
        return (f"cap {self.limit_fen} fen = claim and costs {self.claim_total_fen} fen"
                f"{less} + {self.tolerance_percent}%")


class CaseControl(Aggregate):
    """The control ledger of one case: every measure it imposed, and the value each
    live one controls — and the orders refused because they named exempt property (R24),
    which supervision flags as disorderly enforcement (R36).

    Version 2 keeps the refused exempt orders (`exempt_attempts`); a version-1 snapshot
    had none.
    """

    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """A version-1 snapshot: no exempt order had been recorded."""
        state.setdefault("exempt_attempts", [])

    @staticmethod
    def create_id(case_id: str) -> UUID:
        return uuid5(NAMESPACE, f"case-control/{case_id}")

    @staticmethod
    def attempt_id(case_id: str, request_id: str) -> str:
        """The reference of an order refused under R24: one per case and request id, so
        the same order sent again is the same attempt (a UUID: the caller's request id
        is free text)."""
        return str(uuid5(NAMESPACE, f"exempt-attempt/{case_id}/{request_id}"))

    @event("Opened")
    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        self.measures: list[str] = []
        """Every measure of the case, in the order imposed (live or ended)."""
        self.live: dict[str, int] = {}
        """Measure id → value it controls, fen (queued or in effect)."""
        self.flagged: list[str] = []
        self.recovered_fen = 0
        """Deducted (划拨) for the case so far: no longer owed, no longer to control."""
        self.exempt_attempts: list[str] = []
        """The attempt ids of orders refused as exempt property (R24), once each."""

    @property
    def controlled_fen(self) -> int:
        return sum(self.live.values())

    def reserve(self, measure_id: str, value_fen: int, cap: Cap, *, divisible: bool,
                by_law: bool = False) -> bool:
        """Count a new measure against the cap; True when it goes over and is allowed
        only flagged (one indivisible asset, or a conversion the law makes, R23)."""
        if measure_id in self.live:
            return measure_id in self.flagged
        cap = replace(cap, recovered_fen=self.recovered_fen)
        flagged = value_fen > cap.limit_fen - self.controlled_fen
        if flagged and not by_law:
            self._check_allowed(value_fen, cap, divisible)
        self._reserved(measure_id, value_fen, flagged)
        return flagged

    def _check_allowed(self, value_fen: int, cap: Cap, divisible: bool) -> None:
        controlled, room = self.controlled_fen, max(0, cap.limit_fen - self.controlled_fen)
        if divisible:
            raise OverSeizure(f"{cap.describe()}; {controlled} fen already controlled, so "
                              f"at most {room} fen more; asked {value_fen}", rule="R21",
                              field="amount_fen")
        if controlled >= cap.owed_fen:
            raise OverSeizure(f"{cap.describe()}; the measures in place already control "
                              f"{controlled} fen, covering the claim: another asset worth "
                              f"{value_fen} fen would clearly exceed it", rule="R21",
                              field="amount_fen")

    @event("Reserved")
    def _reserved(self, measure_id: str, value_fen: int, flagged: bool) -> None:
        self.measures.append(measure_id)
        self.live[measure_id] = value_fen
        if flagged:
            self.flagged.append(measure_id)

    def free(self, measure_id: str) -> bool:
        """The measure no longer controls anything (released, lapsed, disposed,
        converted); False when it already did not."""
        if measure_id not in self.live:
            return False
        self._freed(measure_id)
        return True

    @event("Freed")
    def _freed(self, measure_id: str) -> None:
        del self.live[measure_id]

    def deducted(self, measure_id: str, amount_fen: int) -> None:
        """Part of a frozen deposit went to the case account (划拨): the measure controls
        that much less, and the case is owed that much less."""
        if measure_id in self.live and amount_fen > 0:
            self._deducted(measure_id, min(amount_fen, self.live[measure_id]))

    @event("Deducted")
    def _deducted(self, measure_id: str, amount_fen: int) -> None:
        self.live[measure_id] -= amount_fen
        self.recovered_fen += amount_fen

    # --- exempt property (R24) ---------------------------------------------------------

    def refuse_exempt(self, attempt_id: str, *, court_code: str, asset_id: str, ground: str,
                      attempted_on: str, by: str) -> bool:
        """Record an order refused because it named exempt property (R24): nothing was
        controlled, but the attempt is kept for supervision (R36). The same attempt again
        (a retried request) records nothing more: False."""
        if attempt_id in self.exempt_attempts:
            return False
        self._exempt_attempted(attempt_id, self.case_id, court_code, asset_id, ground,
                               attempted_on, by)
        return True

    @event("ExemptAttempted")
    def _exempt_attempted(self, attempt_id: str, case_id: str, court_code: str, asset_id: str,
                          ground: str, attempted_on: str, by: str) -> None:
        self.exempt_attempts.append(attempt_id)
