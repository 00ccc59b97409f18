"""Supervision integration events, version 1 (topic `zhixing.supervision.events.v1`).

Published by the supervision service (执行监督, R33–R37): alerts on inaction and
disorderly enforcement (R36), procuratorial suggestions and inquiries (R34), interference
reported at once when a record names a case (R35), and judicial or disciplinary
suggestions to units that refuse to assist (R37). The command centre follows them. No
event carries a person's name, identity number or what an interfering official asked:
people are named by their role, team or user subject, cases by id and 案号. A v1 model
only gains optional fields.
"""

from __future__ import annotations

from zhixing.contracts.events.base import IntegrationEvent
from zhixing.contracts.events.fields import Day
from zhixing.contracts.topics import SUPERVISION_EVENTS


class _AlertEvent(IntegrationEvent):
    topic = SUPERVISION_EVENTS

    alert_id: str
    """The alert's id (UUID, the same for the same breach: raised once); the Kafka key."""
    court_code: str
    """The court whose case or act it concerns."""


class AlertRaised(_AlertEvent):
    """预警 — internal supervision flagged inaction or disorderly enforcement (R36): who
    must act, on which case, by when, under which rule."""

    event_type = "cn.zhixing.supervision.v1.AlertRaised"
    kind: str
    """What was breached: node_overdue (R26–R28), measure_expiring / measure_lapsed (R20),
    over_seizure (R21), exempt_property (R24), requery_missing (R18), removal_late (R8),
    relief_overdue (R31), procuratorial_overdue (R34), suggestion_overdue (R37),
    agency_overdue (R41)."""
    rule: str
    """The rule breached, e.g. "R27"."""
    case_id: str = ""
    """The enforcement case, when the alert concerns one."""
    case_number: str = ""
    """Its 案号, when known."""
    subject: str
    """What in the case it is about: a node, a measure id, a listing id, an application
    id, a matter id."""
    act_by_role: str
    """Who must act, by role: officer, president, finance, ..."""
    act_by: str = ""
    """Who must act, when known: a team code or a user subject — never a name."""
    due_on: Day
    """The rule's last day (past for a breach, ahead for a warning), YYYY-MM-DD."""
    raised_on: Day
    """The day supervision raised it, YYYY-MM-DD."""


class AlertAcknowledged(_AlertEvent):
    """签收 — the person responsible saw the alert and took it on."""

    event_type = "cn.zhixing.supervision.v1.AlertAcknowledged"
    by: str
    """The user subject who acknowledged it."""
    acknowledged_on: Day
    """YYYY-MM-DD."""


class AlertClosed(_AlertEvent):
    """The alert's life ended: the act it waited for was recorded (its event arrived) or a
    person closed it with a reason (kept in the service, not in this event)."""

    event_type = "cn.zhixing.supervision.v1.AlertClosed"
    closed_on: Day
    """YYYY-MM-DD."""
    by_event: str = ""
    """The CloudEvents type of the event that closed it, when one did."""
    by: str = ""
    """The user subject who closed it by hand, when one did."""


class _MatterEvent(IntegrationEvent):
    topic = SUPERVISION_EVENTS

    matter_id: str
    """The procuratorial matter's id (UUID); the Kafka key."""
    court_code: str
    """The court it is addressed to."""


class ProcuratorialMatterReceived(_MatterEvent):
    """检察建议 or a written inquiry about suspected inaction received (R34): the reply is
    due in 3 months (a suggestion) or 15 days (an inquiry), counted by R62–R64."""

    event_type = "cn.zhixing.supervision.v1.ProcuratorialMatterReceived"
    kind: str
    """"suggestion" (检察建议) or "inquiry" (书面询问/说明案件情况)."""
    document_number: str
    """The procuratorate's document number."""
    case_id: str = ""
    """The enforcement case it names, when it names one."""
    case_number: str = ""
    """Its 案号."""
    received_on: Day
    """YYYY-MM-DD."""
    reply_by: Day
    """The last day of the reply, YYYY-MM-DD."""


class ProcuratorialReplyExtended(_MatterEvent):
    """The president approved one more month for a suggestion's reply, asked for before
    the 3 months ran out (R34)."""

    event_type = "cn.zhixing.supervision.v1.ProcuratorialReplyExtended"
    reply_by: Day
    """The new last day, YYYY-MM-DD."""
    approved_on: Day
    """YYYY-MM-DD."""


class ProcuratorialReplied(_MatterEvent):
    """The court's reply was sent (R34)."""

    event_type = "cn.zhixing.supervision.v1.ProcuratorialReplied"
    document_number: str
    """The court's reply document."""
    replied_on: Day
    """YYYY-MM-DD."""
    within_limit: bool
    """True when sent by the (possibly extended) last day."""


class InterferenceReported(IntegrationEvent):
    """领导干部干预司法活动 — a record naming a case, reported at once (R35). Who
    interfered and what was asked stay in the service's register (encrypted, readable by
    the president and discipline roles only): this event says only that and where."""

    event_type = "cn.zhixing.supervision.v1.InterferenceReported"
    topic = SUPERVISION_EVENTS

    record_id: str
    """The record's id; the Kafka key."""
    court_code: str
    """The court that recorded it."""
    seq: int
    """Its place in the court's register (1, 2, ...)."""
    chain_hash: str
    """The register's head after it (hex): a later copy that lacks it was cut short."""
    case_id: str
    """The case it names."""
    case_number: str = ""
    """Its 案号."""
    recorded_on: Day
    """YYYY-MM-DD."""


class _SuggestionEvent(IntegrationEvent):
    topic = SUPERVISION_EVENTS

    suggestion_id: str
    """The suggestion's id (UUID); the Kafka key."""
    court_code: str
    """The court that sent it."""


class JudicialSuggestionSent(_SuggestionEvent):
    """司法建议 / 纪律处分建议 — sent to the superior of a unit or official that refuses to
    assist enforcement (R37); its handling is tracked to `handle_by`."""

    event_type = "cn.zhixing.supervision.v1.JudicialSuggestionSent"
    kind: str
    """"judicial" (司法建议) or "disciplinary" (纪律处分建议)."""
    recipient: str
    """The receiving body (a unit's name — never a person's)."""
    agency_id: str = ""
    """The assisting agency concerned, when the refusal was an agency's (R41)."""
    case_id: str = ""
    """The case concerned, when one."""
    document_number: str
    """The suggestion's document number."""
    sent_on: Day
    """YYYY-MM-DD."""
    handle_by: Day
    """The day by which the recipient's handling is expected, YYYY-MM-DD."""


class JudicialSuggestionHandled(_SuggestionEvent):
    """The recipient's handling of a suggestion was recorded (R37)."""

    event_type = "cn.zhixing.supervision.v1.JudicialSuggestionHandled"
    handled_on: Day
    """YYYY-MM-DD."""
    within_limit: bool
    """True when recorded by `handle_by`."""
