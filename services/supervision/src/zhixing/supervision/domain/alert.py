"""预警 — one alert of internal supervision (R36), a ticket's life: raised once for a
breach, acknowledged by who must act, closed when the act it waits for is recorded (its
event arrives) or by a person with a reason; every step on its timeline.

The id is the breach's own (`Alert.create_id`): the same kind, case (or court) and
subject always name the same alert, so a breach re-reported — a redelivered event, the
sweep of the next day — is raised once.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.eventstore.domain import Aggregate
from zhixing.supervision.domain.errors import InvalidSupervision, WrongStep
from zhixing.supervision.domain.values import (
    ALERT_RULES,
    REASON_MAX,
    REF_MAX,
    SUBJECT_MAX,
    AlertKind,
    AlertStatus,
    Step,
    StepKind,
    a_date,
    bounded_text,
    enum_of,
    subject,
)

NAMESPACE = UUID("5b1e7c3a-9d24-5f60-8a1b-c2d3e4f5a6b7")
RULE_MAX = 20
"""Characters of a rule reference ("R26–R28", "R27")."""
ROLE_MAX = 40


class Alert(Aggregate):
    """One breach flagged by supervision (R36): its rule, case, who must act, by when."""

    typed_state = MappingProxyType({
        "kind": AlertKind, "status": AlertStatus, "due_on": date, "raised_on": date,
        "acknowledged_on": date | None, "closed_on": date | None, "timeline": list[Step],
    })
    """How a snapshot's JSON becomes this state again (libs/eventstore `Snapshot`)."""

    @staticmethod
    def create_id(kind: AlertKind | str, scope: str, subject: str) -> UUID:
        """The breach's id: `scope` is the case id, or the court code when no case."""
        return uuid5(NAMESPACE, f"alert/{AlertKind(kind).value}/{scope}/{subject}")

    @staticmethod
    def breach_id(kind: AlertKind | str, court_code: str, case_id: str, subject: str) -> UUID:
        """The id `raise_` gives the alert of this breach (scoped by the case, or by the
        court when none), to find it — raised or not — without raising it."""
        case, court = case_id.strip(), court_code.strip()
        return Alert.create_id(kind, case or court, subject.strip())

    @event("Raised")
    def __init__(self, kind: AlertKind, scope: str, rule: str, court_code: str,
                 case_id: str, case_number: str, subject: str, act_by_role: str,
                 act_by: str, due_on: date, raised_on: date, source_event: str) -> None:
        self.kind = kind
        self.scope = scope
        """What the id is scoped by: the case id, or the court code when no case."""
        self.rule = rule
        self.court_code = court_code
        self.case_id = case_id
        self.case_number = case_number
        self.subject = subject
        self.act_by_role = act_by_role
        self.act_by = act_by
        self.due_on = due_on
        self.raised_on = raised_on
        self.source_event = source_event
        self.status = AlertStatus.OPEN
        self.acknowledged_by = ""
        self.acknowledged_on: date | None = None
        self.closed_on: date | None = None
        self.closed_by_event = ""
        self.closed_by = ""
        self.close_reason = ""
        self.timeline = [Step(raised_on, StepKind.RAISED, "", source_event)]

    @classmethod
    def raise_(cls, kind: AlertKind | str, rule: str, court_code: str, case_id: str,
               case_number: str, subject: str, act_by_role: str, act_by: str, due_on: date,
               raised_on: date, source_event: str) -> Alert:
        """Raise the alert of a breach (R36) under its rule — `rule`, or the kind's own
        (`ALERT_RULES`) when none is given — naming who must act and by when."""
        kind = enum_of(AlertKind, kind, "kind", "R36")
        court = bounded_text(court_code, "court_code", rule="R39", most=20)
        case = bounded_text(case_id, "case_id", rule="R36", most=REF_MAX, least=0)
        about = bounded_text(subject, "subject", rule="R36", most=SUBJECT_MAX)
        return cls(
            kind=kind, scope=case or court,
            rule=bounded_text(rule or ALERT_RULES[kind], "rule", rule="R36", most=RULE_MAX),
            court_code=court, case_id=case,
            case_number=bounded_text(case_number, "case_number", rule="R36", most=REF_MAX,
                                     least=0),
            subject=about,
            act_by_role=bounded_text(act_by_role, "act_by_role", rule="R36", most=ROLE_MAX),
            act_by=bounded_text(act_by, "act_by", rule="R36", most=SUBJECT_MAX, least=0),
            due_on=a_date(due_on, "due_on", "R36"), raised_on=a_date(raised_on, "raised_on", "R36"),
            source_event=bounded_text(source_event, "source_event", rule="R36",
                                      most=SUBJECT_MAX, least=0))

    # --- what it is -------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        """Open or acknowledged: the act it waits for is not recorded yet."""
        return self.status is not AlertStatus.CLOSED

    # --- its life ---------------------------------------------------------------------

    def acknowledge(self, by: str, on: date, note: str = "") -> None:
        """签收 — who must act saw the alert and took it on (an open alert only)."""
        if self.status is not AlertStatus.OPEN:
            raise WrongStep(f"cannot acknowledge an alert that is {self.status.value}",
                            field="alert_id")
        self._not_before(on, "acknowledged_on")
        self._acknowledged(subject(by), on, bounded_text(note, "note", rule="R36",
                                                         most=REASON_MAX, least=0))

    @event("Acknowledged")
    def _acknowledged(self, by: str, on: date, note: str) -> None:
        self.status = AlertStatus.ACKNOWLEDGED
        self.acknowledged_by = by
        self.acknowledged_on = on
        self.timeline.append(Step(on, StepKind.ACKNOWLEDGED, by, note))

    def close(self, on: date, by_event: str = "", by: str = "", reason: str = "") -> bool:
        """Close the alert: by the event it waited for (`by_event`, its type), or by a
        person (`by`) with a reason of 1–500 characters. An event closing a closed alert
        changes nothing (False); a person closing one is refused."""
        if bool(by_event) == bool(by):
            raise InvalidSupervision("an alert is closed either by an event or by a person",
                                     rule="R36", field="by")
        if not self.is_open:
            if by_event:
                return False
            raise WrongStep("the alert is closed already", field="alert_id")
        if by:
            self._not_before(on, "closed_on")
            self._closed(a_date(on, "closed_on", "R36"), "", subject(by),
                         bounded_text(reason, "reason", rule="R36", most=REASON_MAX))
        else:
            # An act may be recorded before supervision raised its alert (events arrive
            # late): its day is kept as it is.
            self._closed(a_date(on, "closed_on", "R36"), bounded_text(
                by_event, "by_event", rule="R36", most=SUBJECT_MAX), "", "")
        return True

    @event("Closed")
    def _closed(self, on: date, by_event: str, by: str, reason: str) -> None:
        self.status = AlertStatus.CLOSED
        self.closed_on = on
        self.closed_by_event = by_event
        self.closed_by = by
        self.close_reason = reason
        self.timeline.append(Step(on, StepKind.CLOSED, by, by_event or reason))

    def _not_before(self, day: date, field: str) -> None:
        last = self.timeline[-1].on
        if a_date(day, field, "R36") < last:
            raise InvalidSupervision(f"must not be before {last} (the alert's last step)",
                                     rule="R36", field=field)
