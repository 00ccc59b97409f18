"""The open alerts of one enforcement case (R36), by kind and subject.

Saved in the same unit of work as the alert it registers or unregisters, so closing
"every node alert of a closed case" reads one aggregate and never misses an alert a
concurrent save raised: the two saves conflict on this aggregate's version instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.supervision.domain.values import (
    REF_MAX,
    AlertKind,
    Value,
    bounded_text,
    enum_of,
)

NAMESPACE = UUID("8c2d4e6f-1a3b-5c7d-9e0f-a1b2c3d4e5f6")


@dataclass(frozen=True)
class OpenAlert(Value):
    """An open alert of the case: its id, kind and subject."""

    alert_id: UUID
    kind: AlertKind
    subject: str


class CaseAlerts(Aggregate):
    """One enforcement case's open alerts, in the order they were raised."""

    typed_state = MappingProxyType({"open": dict[str, OpenAlert]})
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(case_id: str) -> UUID:
        return uuid5(NAMESPACE, f"case-alerts/{case_id}")

    @event("Started")
    def __init__(self, case_id: str) -> None:
        self.case_id = bounded_text(case_id, "case_id", rule="R36", most=REF_MAX)
        self.open: dict[str, OpenAlert] = {}
        """str(alert id) → the open alert."""

    def opened(self, alert_id: UUID, kind: AlertKind | str, subject: str) -> bool:
        """An alert of the case was raised. False when it is registered already."""
        if str(alert_id) in self.open:
            return False
        self._opened(alert_id, enum_of(AlertKind, kind, "kind", "R36"), subject)
        return True

    @event("AlertOpened")
    def _opened(self, alert_id: UUID, kind: AlertKind, subject: str) -> None:
        self.open[str(alert_id)] = OpenAlert(alert_id, kind, subject)

    def closed(self, alert_id: UUID) -> bool:
        """An alert of the case was closed. False when it was not open here."""
        if str(alert_id) not in self.open:
            return False
        self._closed(alert_id)
        return True

    @event("AlertClosed")
    def _closed(self, alert_id: UUID) -> None:
        del self.open[str(alert_id)]

    def open_ids(self, kinds: Iterable[AlertKind | str] | None = None,
                 subject_prefix: str = "") -> list[UUID]:
        """The ids of the case's open alerts — of `kinds` only when given, and whose
        subject starts with `subject_prefix` — in the order they were raised."""
        wanted = None if kinds is None else {AlertKind(k) for k in kinds}
        return [alert.alert_id for alert in self.open.values()
                if (wanted is None or alert.kind in wanted)
                and alert.subject.startswith(subject_prefix)]
