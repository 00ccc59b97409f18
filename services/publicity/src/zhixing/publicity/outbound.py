"""Domain events → integration events (DESIGN §4: the only place that knows both).

A lead reported by the public goes to the case's team through the assets service
(`LeadReported`, R27), a party's message to the officer's worklist through the cases
service (`PartyMessageLeft`); both on `zhixing.publicity.events.v1`. A typical case's
every step is `TypicalCaseChanged` (its redacted state, never the names its author
listed: `outbound_typical`), which the service's own read model follows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.publicity.v1 import PartyMessageLeft
from zhixing.publicity.domain.lead import Lead
from zhixing.publicity.domain.party_message import PartyMessage
from zhixing.publicity.domain.reward_notice import RewardNotice
from zhixing.publicity.domain.typical_case import TypicalCase
from zhixing.publicity.outbound_leads import (
    lead_reported,
    notice_posted,
    notice_withdrawn,
)
from zhixing.publicity.outbound_typical import typical_case_changed

Mapping = Callable[[Any], list[IntegrationEvent]]
Load = Callable[[Any, int], Any]
"""`load(aggregate_id, version)`: the aggregate as it was right after that event."""



MAPPINGS: dict[type, Callable[[Any, Any], list[IntegrationEvent]]] = {
    # typical cases (issue 17 item: typical cases) — TypicalCaseChanged
    **{step: typical_case_changed for step in (
        TypicalCase.Drafted, TypicalCase.Revised, TypicalCase.Submitted,
        TypicalCase.Returned, TypicalCase.Published, TypicalCase.Withdrawn)},
    # leads (issue 17 item: leads) — LeadReported; reward notices (public content)
    Lead.Reported: lambda _event, lead: lead_reported(lead),
    RewardNotice.Posted: lambda _event, notice: notice_posted(notice),
    RewardNotice.Withdrawn: lambda _event, notice: notice_withdrawn(notice),
    # parties (issue 17 item: parties' window) — PartyMessageLeft
    PartyMessage.Left: lambda e, message: [party_message_left(message)],
}
"""Domain event class → mapping from (event, aggregate as of the event)."""


def mapping_for(app: Any) -> Mapping:
    """The outbox's mapping for `app`: each domain event with the aggregate as of it."""

    def to_public(domain_event: Any) -> list[IntegrationEvent]:
        mapping = MAPPINGS.get(type(domain_event))
        if mapping is None:
            return []
        return mapping(domain_event, app.repository.get(domain_event.originator_id,
                                                        version=domain_event.originator_version))

    return to_public


def party_message_left(message: PartyMessage) -> PartyMessageLeft:
    """A party's message, to the case's team (the cases service's worklist)."""
    return PartyMessageLeft(message_id=str(message.id), case_id=message.case_id,
                            case_number=message.case_number, court_code=message.court_code,
                            party_role=message.party_role, text=message.text,
                            left_at=message.left_at, party_index=message.party_index)
