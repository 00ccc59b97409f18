"""A party of an enforcement case as a claimant of relief (R29, R31).

One per case × party index. It records the notice of the right to apply (R31), the
application open now and the application that was paid. It is saved in the same unit as
the relief case, so two concurrent applications for one party cannot both pass: one
open application at a time, and none once one was paid (R29: one relief payment per
party per case — a revocation for fraud does not give the right back).
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.relief.domain.errors import AlreadyPaid, ApplicationOpen
from zhixing.relief.domain.values import bounded_text, party_index_of

NAMESPACE = UUID("c5e1d2a3-4b6f-5e7a-9b8c-2d3e4f5a6b7c")
CASE_ID_MAX = 100
"""Characters of an enforcement case's id (a UUID in the cases service)."""


class Claimant(Aggregate):
    """One party of one enforcement case, as far as relief is concerned."""

    typed_state = MappingProxyType({"notified_on": date | None, "paid_on": date | None})
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(case_id: str, party_index: int) -> UUID:
        # Checked here too: an event coerces True to 1, but the id would name "True".
        return uuid5(NAMESPACE, f"claimant/{case_id}/{party_index_of(party_index)}")

    @event("Registered")
    def __init__(self, case_id: str, party_index: int) -> None:
        self.case_id = bounded_text(case_id, "case_id", rule="R29", most=CASE_ID_MAX)
        self.party_index = party_index_of(party_index)
        self.notified_on: date | None = None
        """When the court told the party of its right to apply (R31); the first notice."""
        self.open_application = ""
        self.paid_application = ""
        self.paid_on: date | None = None

    def notify(self, notified_on: date) -> bool:
        """告知 — the party was told of its right to apply (R31). False when it was
        already (the first notice stands)."""
        if self.notified_on is not None:
            return False
        self._notified(notified_on)
        return True

    @event("RightNotified")
    def _notified(self, notified_on: date) -> None:
        self.notified_on = notified_on

    def check_can_apply(self, application_id: str = "") -> None:
        """R29: none once paid; one open application at a time (the same one again is
        its re-send)."""
        if self.paid_application:
            raise AlreadyPaid()
        if self.open_application and self.open_application != application_id:
            raise ApplicationOpen()

    def open(self, application_id: str) -> bool:
        """An application was filed for the party. False when it is the open one already."""
        self.check_can_apply(application_id)
        if self.open_application == application_id:
            return False
        self._opened(application_id)
        return True

    @event("ApplicationOpened")
    def _opened(self, application_id: str) -> None:
        self.open_application = application_id

    def close(self, application_id: str) -> bool:
        """The application was rejected or withdrawn: the party may apply again. False
        when it is not the open one."""
        if self.open_application != application_id:
            return False
        self._closed(application_id)
        return True

    @event("ApplicationClosed")
    def _closed(self, application_id: str) -> None:
        self.open_application = ""

    def record_paid(self, application_id: str, paid_on: date) -> None:
        """The application was disbursed: the party's one relief payment in the case (R29)."""
        if self.paid_application == application_id:
            return
        if self.paid_application:
            raise AlreadyPaid()
        self._paid(application_id, paid_on)

    @event("Paid")
    def _paid(self, application_id: str, paid_on: date) -> None:
        self.paid_application = application_id
        self.paid_on = paid_on
        self.open_application = ""

    @property
    def paid(self) -> bool:
        return bool(self.paid_application)
