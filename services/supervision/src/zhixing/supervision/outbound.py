"""Domain events → integration events (DESIGN §4: the only place that knows both).

An alert's life, a procuratorial matter's steps and a judicial suggestion's go on
`zhixing.supervision.events.v1` with the fields every consumer needs (court, case, 案号),
read from the aggregate as of the event. An interference record naming a case is reported
at once (R35) by its place in the court's chain and the case — who interfered and what
was asked never leave the register: no mapping reads them, and a record naming no case
publishes nothing. A matter's summary, a suggestion's reason and outcome, an alert's
acknowledgement note or closing reason, the overdue marks (their alerts say it) and the
case's register of open alerts map to nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.supervision import v1
from zhixing.kernel.calendar import Deadline
from zhixing.supervision.domain.alert import Alert
from zhixing.supervision.domain.interference import InterferenceRegister
from zhixing.supervision.domain.procuratorial import ProcuratorialMatter
from zhixing.supervision.domain.suggestion import JudicialSuggestion

Mapping = Callable[[Any], list[IntegrationEvent]]
Load = Callable[[Any, int], Any]
"""`load(aggregate_id, version)`: the aggregate as it was right after that event."""


def day(value: date | Deadline | str) -> str:
    """YYYY-MM-DD of a date, a deadline's last day, or a date already in text."""
    if isinstance(value, Deadline):
        return value.date.isoformat()
    return value if isinstance(value, str) else value.isoformat()


def _alert(alert: Alert) -> dict[str, Any]:
    return {"alert_id": str(alert.id), "court_code": alert.court_code}


def _raised(e: Any, alert: Alert) -> list[IntegrationEvent]:
    return [v1.AlertRaised(
        **_alert(alert), kind=str(alert.kind), rule=alert.rule, case_id=alert.case_id,
        case_number=alert.case_number, subject=alert.subject, act_by_role=alert.act_by_role,
        act_by=alert.act_by, due_on=day(alert.due_on), raised_on=day(alert.raised_on))]


def _acknowledged(e: Any, alert: Alert) -> list[IntegrationEvent]:
    return [v1.AlertAcknowledged(**_alert(alert), by=e.by, acknowledged_on=day(e.on))]


def _closed(e: Any, alert: Alert) -> list[IntegrationEvent]:
    # The closing reason stays in the service (the contract says so): by whom, not why.
    return [v1.AlertClosed(**_alert(alert), closed_on=day(e.on), by_event=e.by_event,
                           by=e.by)]


def _matter(matter: ProcuratorialMatter) -> dict[str, Any]:
    return {"matter_id": str(matter.id), "court_code": matter.court_code}


def _received(e: Any, matter: ProcuratorialMatter) -> list[IntegrationEvent]:
    return [v1.ProcuratorialMatterReceived(
        **_matter(matter), kind=str(matter.kind), document_number=matter.document_number,
        case_id=matter.case_id, case_number=matter.case_number,
        received_on=day(matter.received_on), reply_by=day(matter.reply_by))]


def _extended(e: Any, matter: ProcuratorialMatter) -> list[IntegrationEvent]:
    return [v1.ProcuratorialReplyExtended(**_matter(matter), reply_by=day(matter.reply_by),
                                          approved_on=day(e.approved_on))]


def _replied(e: Any, matter: ProcuratorialMatter) -> list[IntegrationEvent]:
    return [v1.ProcuratorialReplied(
        **_matter(matter), document_number=e.document_number, replied_on=day(e.replied_on),
        within_limit=matter.within_limit)]


def _recorded(e: Any, register: InterferenceRegister) -> list[IntegrationEvent]:
    return [v1.InterferenceReported(
        record_id=e.record_id, court_code=register.court_code, seq=e.seq,
        chain_hash=e.hash, case_id=e.case_id, case_number=e.case_number,
        recorded_on=day(e.recorded_on))]


def _suggestion(suggestion: JudicialSuggestion) -> dict[str, Any]:
    return {"suggestion_id": str(suggestion.id), "court_code": suggestion.court_code}


def _sent(e: Any, suggestion: JudicialSuggestion) -> list[IntegrationEvent]:
    return [v1.JudicialSuggestionSent(
        **_suggestion(suggestion), kind=str(suggestion.kind), recipient=suggestion.recipient,
        agency_id=suggestion.agency_id, case_id=suggestion.case_id,
        document_number=suggestion.document_number, sent_on=day(suggestion.sent_on),
        handle_by=day(suggestion.handle_by))]


def _handled(e: Any, suggestion: JudicialSuggestion) -> list[IntegrationEvent]:
    return [v1.JudicialSuggestionHandled(
        **_suggestion(suggestion), handled_on=day(e.handled_on),
        within_limit=suggestion.within_limit)]


_MAPPINGS: dict[type, Callable[[Any, Any], list[IntegrationEvent]]] = {
    Alert.Raised: _raised,  # type: ignore[attr-defined]
    Alert.Acknowledged: _acknowledged,  # type: ignore[attr-defined]
    Alert.Closed: _closed,  # type: ignore[attr-defined]
    ProcuratorialMatter.Received: _received,  # type: ignore[attr-defined]
    ProcuratorialMatter.ReplyExtended: _extended,  # type: ignore[attr-defined]
    ProcuratorialMatter.Replied: _replied,  # type: ignore[attr-defined]
    InterferenceRegister.Recorded: _recorded,  # type: ignore[attr-defined]
    JudicialSuggestion.Sent: _sent,  # type: ignore[attr-defined]
    JudicialSuggestion.Handled: _handled,  # type: ignore[attr-defined]
}


def _published(domain_event: Any) -> bool:
    """Whether a domain event with a mapping is published: an interference record only
    when it names a case (R35) — the register is not even read for the others."""
    if isinstance(domain_event, InterferenceRegister.Recorded):  # type: ignore[attr-defined]
        return bool(domain_event.case_id)
    return True


def to_public(domain_event: Any, *, load: Load) -> list[IntegrationEvent]:
    """The integration events of one domain event (none for most)."""
    mapping = _MAPPINGS.get(type(domain_event))
    if mapping is None or not _published(domain_event):
        return []
    return mapping(domain_event, load(domain_event.originator_id,
                                      domain_event.originator_version))


def mapping_for(app: Any) -> Mapping:
    """The outbound mapping of an application: each event reads its aggregate as of the
    event from the store (the repository's `version`)."""
    def load(aggregate_id: Any, version: int) -> Any:
        return app.repository.get(aggregate_id, version=version)

    return lambda domain_event: to_public(domain_event, load=load)
