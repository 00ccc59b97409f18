"""Domain event → integration event: the only place the cases service does this
(STYLE 3). Events with no public meaning (serials, the number index) map to nothing."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from zhixing.cases.domain.case import EnforcementCase
from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.cases.v1 import CaseFiled, PartyV1


@singledispatch
def to_integration_events(domain_event: Any) -> list[IntegrationEvent]:
    return []


@to_integration_events.register
def _(domain_event: EnforcementCase.Filed) -> list[IntegrationEvent]:
    claim = domain_event.claim
    return [CaseFiled(
        case_id=str(domain_event.originator_id),
        case_number=domain_event.case_number,
        court_code=domain_event.court_code,
        case_type=domain_event.case_type,
        filed_on=domain_event.filed_on,
        basis_kind=domain_event.basis["kind"],
        basis_document_number=domain_event.basis["document_number"],
        parties=[PartyV1(**party) for party in domain_event.parties],
        claim_total_fen=claim["principal_fen"] + claim["interest_fen"] + claim["costs_fen"],
    )]
