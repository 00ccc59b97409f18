"""One identity's standing on the list, over every case and court (R42, R14).

Partners ask one question — is this identity listed or restricted now, and from what —
whatever the number of listings and restrictions behind it. `DebtorRecord` answers it:
each listing published (R10) and each restriction in force binding the identity (the
debtor itself, or one of an organisation's four categories of persons, R14) is a *hold*;
the public state is derived from the holds, and every change of it is one `Changed`
event that carries the new state (the compacted list's value). Saved together with the
listing or restriction that changed it, so the list never disagrees with the decisions.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.credit.domain.restriction import CONDUCT
from zhixing.eventstore.domain import Aggregate

NAMESPACE = UUID("2b7e4f1c-9d3a-5b6c-8e0f-4a1d2c3b5e7f")
LISTING, RESTRICTION = "listing", "restriction"


class DebtorRecord(Aggregate):
    """The holds on one identity number, and the public state they make."""

    @staticmethod
    def create_id(identity_number: str) -> UUID:
        return uuid5(NAMESPACE, f"debtor/{identity_number}")

    @event("Opened")
    def __init__(self, identity_number: str) -> None:
        self.identity_number = identity_number
        self.holds: dict[str, dict[str, Any]] = {}
        """ref (listing or restriction id) → kind, case_id, case_number, court_code,
        since, term_ends, conduct."""
        self.history: list[dict[str, str]] = []
        """Every listing and restriction that ever held it: kind, ref, court_code."""
        self.state: dict[str, Any] = _state({}, "")
        self.good_faith: list[dict[str, str]] = []
        """自动履行正向激励: case_id, case_number, court_code, performed_on."""

    def hold(self, ref: str, *, kind: str, case_id: str, case_number: str, court_code: str,
             since: str, today: date, term_ends: str = "",
             conduct: list[str] | None = None) -> bool:
        """A listing published or a restriction in force on this identity. False when
        it was held already (idempotent)."""
        if ref in self.holds:
            return False
        entry = {"kind": kind, "case_id": case_id, "case_number": case_number,
                 "court_code": court_code, "since": since, "term_ends": term_ends,
                 "conduct": list(conduct or [])}
        holds = {**self.holds, ref: entry}
        known = any(h["ref"] == ref for h in self.history)
        self._changed(identity_number=self.identity_number, holds=holds,
                      state=_state(holds, today.isoformat()),
                      history=self.history if known else
                      [*self.history, {"kind": kind, "ref": ref, "court_code": court_code}])
        return True

    def release(self, ref: str, today: date) -> bool:
        """The listing was removed or the restriction lifted (or this person released).
        False when it was not held."""
        if ref not in self.holds:
            return False
        holds = {k: v for k, v in self.holds.items() if k != ref}
        self._changed(identity_number=self.identity_number, holds=holds,
                      state=_state(holds, today.isoformat()), history=self.history)
        return True

    @event("Changed")
    def _changed(self, identity_number: str, holds: dict[str, dict[str, Any]],
                 state: dict[str, Any], history: list[dict[str, str]]) -> None:
        """`identity_number` and `state` make the compacted list's record."""
        self.holds = holds
        self.state = state
        self.history = history

    def note_good_faith(self, case_id: str, case_number: str, court_code: str,
                        performed_on: str) -> bool:
        """Paid in full within the notice's period in that case; once per case."""
        if any(g["case_id"] == case_id for g in self.good_faith):
            return False
        self._good_faith_noted(case_id, case_number, court_code, performed_on)
        return True

    @event("GoodFaithNoted")
    def _good_faith_noted(self, case_id: str, case_number: str, court_code: str,
                          performed_on: str) -> None:
        self.good_faith.append({"case_id": case_id, "case_number": case_number,
                                "court_code": court_code, "performed_on": performed_on})

    @property
    def in_force(self) -> bool:
        return bool(self.holds)

    def refs(self, kind: str, court_code: str | None = None) -> list[str]:
        """Every listing or restriction that ever held the identity (of one court)."""
        return [h["ref"] for h in self.history
                if h["kind"] == kind and court_code in (None, h["court_code"])]


def _state(holds: dict[str, dict[str, Any]], as_of: str) -> dict[str, Any]:
    """The public state of the compacted list (`DebtorCreditState`'s fields)."""
    listings = [h for h in holds.values() if h["kind"] == LISTING]
    restrictions = [h for h in holds.values() if h["kind"] == RESTRICTION]
    codes = {code for h in restrictions for code in h["conduct"]}
    terms = [h["term_ends"] for h in listings]
    return {
        "listed": bool(listings),
        "restricted": bool(restrictions),
        "conduct": [code for code in CONDUCT if code in codes],
        "since": min((h["since"] for h in holds.values()), default=""),
        "cases": sorted({h["case_number"] for h in holds.values()}),
        # A listing without a fixed term (ground 1) lasts until removal: no end date.
        "term_ends": "" if not terms or "" in terms else max(terms),
        "as_of": as_of,
    }
