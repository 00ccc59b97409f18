"""Domain event → integration events: the only place the mapping lives (STYLE 3).

One module per aggregate family; each `PUBLIC` table maps a domain event class to a
function building its integration events.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zhixing.assets.outbound import control, disposal, inquiry, leads
from zhixing.contracts.events import IntegrationEvent

Mapping = Callable[[Any], list[IntegrationEvent]]
_TABLE: dict[type, Mapping] = {**control.PUBLIC, **inquiry.PUBLIC, **disposal.PUBLIC,
                               **leads.PUBLIC}


def to_public(domain_event: Any) -> list[IntegrationEvent]:
    """The integration events of one stored domain event (none for private ones)."""
    mapping = _TABLE.get(type(domain_event))
    return mapping(domain_event) if mapping is not None else []
