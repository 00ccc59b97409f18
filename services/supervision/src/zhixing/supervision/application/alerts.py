"""预警 — alerts on inaction and disorderly enforcement (R36), each a ticket's life: raised
once for a breach, acknowledged by who must act, closed when the act's event arrives or
by a person with a reason. An alert of a case is registered in the case's `CaseAlerts`
in the same save, so closing every alert of a closed case never misses one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from zhixing.supervision.application.base import SupervisionStore, Unit, case_key
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.case_alerts import CaseAlerts
from zhixing.supervision.domain.errors import AlertNotFound
from zhixing.supervision.domain.values import ALERT_RULES, AlertKind, AlertStatus, enum_of


class AlertCommands(SupervisionStore):
    def raise_alert(self, kind: AlertKind | str, *, court_code: str, case_id: str,
                    case_number: str, subject: str, act_by_role: str, act_by: str,
                    due_on: date, source_event: str, rule: str = "") -> Alert | None:
        """Raise the alert of a breach (R36) under `rule` (the kind's rule when not given,
        e.g. R20 for a measure lapsed; a NodeOverdue names its own). None when that breach
        was raised before, even if closed since: each breach is raised once."""
        kind = enum_of(AlertKind, kind, "kind", "R36")
        breach = Breach(kind, court_code, case_id, case_number, subject, act_by_role, act_by,
                        due_on, source_event, rule)
        return self.act(lambda unit: raise_in(unit, breach, self.today()),
                        lock=_locks(breach.alert_id, case_id))

    def close_alert(self, kind: AlertKind | str, *, court_code: str, case_id: str,
                    subject: str, on: date, by_event: str) -> bool:
        """The act an alert waited for was recorded (`by_event`, its CloudEvents type):
        the alert of that breach closes. False when there is none open (never raised,
        or closed already — a redelivered event changes nothing)."""
        alert_id = alert_id_of(enum_of(AlertKind, kind, "kind", "R36"), court_code, case_id,
                               subject)

        return self.act(lambda unit: close_in(unit, alert_id, on, by_event),
                        lock=_locks(alert_id, case_id))

    def close_case_alerts(self, case_id: str, *, on: date, by_event: str,
                          kinds: Iterable[AlertKind | str] | None = None,
                          subject_prefix: str = "") -> int:
        """Close every open alert of a case (of `kinds`, about a subject starting with
        `subject_prefix`, when given) — e.g. all of them when the case is closed; in one
        save. Returns how many closed."""
        wanted = None if kinds is None else [enum_of(AlertKind, k, "kinds", "R36") for k in kinds]

        def command(unit: Unit) -> int:
            found = unit.find(CaseAlerts.create_id(case_id))
            if not isinstance(found, CaseAlerts):
                return 0
            closed = 0
            for alert_id in found.open_ids(wanted, subject_prefix):
                closed += bool(unit.alert(alert_id).close(on, by_event=by_event))
                found.closed(alert_id)
            return closed

        return self.act(command, lock=[case_key(case_id)])

    def acknowledge(self, alert_id: UUID | str, *, by: str, on: date,
                    note: str = "") -> Alert:
        """签收 — who must act saw the alert and took it on (an open one only);
        acknowledging again the same way stores nothing."""
        known = self.alert(alert_id)

        def command(unit: Unit) -> Alert:
            alert = unit.alert(known.id)
            if not _last_step_is(alert, AlertStatus.ACKNOWLEDGED, by, on):
                alert.acknowledge(by, on, note)
            return alert

        return self.act(command, lock=[str(known.id)])

    def close_by_hand(self, alert_id: UUID | str, *, by: str, on: date,
                      reason: str) -> Alert:
        """A person closes an alert, giving the reason (1..500 characters) — e.g. a
        measure lapsed (R20) that nothing else closes. Closing it again the same way
        stores nothing; a closed alert is otherwise refused (WrongStep)."""
        known = self.alert(alert_id)

        def command(unit: Unit) -> Alert:
            alert = unit.alert(known.id)
            if _last_step_is(alert, AlertStatus.CLOSED, by, on):
                return alert
            alert.close(on, by=by, reason=reason)
            if alert.case_id:
                unit.case_alerts(alert.case_id).closed(alert.id)
            return alert

        return self.act(command, lock=_locks(known.id, known.case_id))

    def alert(self, alert_id: UUID | str) -> Alert:
        """The alert with that id, with its timeline; NotFound when there is none."""
        return self.loaded(alert_id, Alert, "alert_id", AlertNotFound)


@dataclass(frozen=True)
class Breach:
    """What an alert is raised with (R36): the breach, who must act and by when."""

    kind: AlertKind
    court_code: str
    case_id: str
    case_number: str
    subject: str
    act_by_role: str
    act_by: str
    due_on: date
    source_event: str
    rule: str = ""

    @property
    def alert_id(self) -> UUID:
        return alert_id_of(self.kind, self.court_code, self.case_id, self.subject)


def raise_in(unit: Unit, breach: Breach, today: date) -> Alert | None:
    """Raise the alert of `breach` within a command's unit, registered in its case's
    open alerts; None when that breach was raised before (raised once)."""
    if unit.find(breach.alert_id) is not None:
        return None
    alert = unit.add(Alert.raise_(
        breach.kind, breach.rule or ALERT_RULES[breach.kind], breach.court_code,
        breach.case_id, breach.case_number, breach.subject, breach.act_by_role,
        breach.act_by, breach.due_on, today, breach.source_event))
    if breach.case_id:
        unit.case_alerts(breach.case_id).opened(alert.id, breach.kind, breach.subject)
    return alert


def close_in(unit: Unit, alert_id: UUID, on: date, by_event: str) -> bool:
    """Close an alert by the event it waited for within a command's unit, and take it
    off its case's open alerts; False when there is none open."""
    alert = unit.find(alert_id)
    if not isinstance(alert, Alert) or not alert.close(on, by_event=by_event):
        return False
    if alert.case_id:
        unit.case_alerts(alert.case_id).closed(alert.id)
    return True


def alert_id_of(kind: AlertKind, court_code: str, case_id: str, subject: str) -> UUID:
    """The one id of a breach: of the case when there is one, else of the court."""
    return Alert.breach_id(kind, court_code, case_id, subject)


def _locks(alert_id: UUID, case_id: str) -> list[UUID | str]:
    return [alert_id, case_key(case_id)] if case_id else [alert_id]


def _last_step_is(alert: Alert, what: AlertStatus, by: str, on: date) -> bool:
    """Whether the alert's last step is this very one (a re-sent request)."""
    if alert.status is not what or not alert.timeline:
        return False
    last = alert.timeline[-1]
    return (last.by, last.on) == (by, on)
