"""典型案例 → `TypicalCaseChanged` (the outbound mapping of `outbound.MAPPINGS`): each
step of a typical case carries its state after the step — the text as redacted (R60),
never the names its author listed, which stay in the service's sealed events."""

from __future__ import annotations

from typing import Any

from zhixing.contracts.events import IntegrationEvent
from zhixing.contracts.events.publicity.v1 import TypicalCaseChanged
from zhixing.publicity.domain.typical_case import TypicalCase


def typical_case_changed(_event: Any, case: TypicalCase) -> list[IntegrationEvent]:
    """The typical case as of the step (`case` is loaded at the event's version)."""
    return [TypicalCaseChanged(
        typical_case_id=str(case.id), version=case.version, status=str(case.status),
        court_code=case.court_code, title=case.title, summary=case.summary, body=case.body,
        case_number=case.case_number, author=case.author, review_comment=case.review_comment,
        redactions=case.redactions,
        published_on=case.published_on.isoformat() if case.published_on else None)]
