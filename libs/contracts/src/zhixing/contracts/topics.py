"""Topic names are constants, never derived from class names (DESIGN §4)."""

from __future__ import annotations

CASES_EVENTS = "zhixing.cases.events.v1"
ASSETS_EVENTS = "zhixing.assets.events.v1"
CREDIT_EVENTS = "zhixing.credit.events.v1"
CREDIT_LIST = "zhixing.credit.list.v1"
"""Compacted: key = identity number, value = the debtor's current state (or null)."""
RELIEF_EVENTS = "zhixing.relief.events.v1"
SUPERVISION_EVENTS = "zhixing.supervision.events.v1"
PUBLICITY_EVENTS = "zhixing.publicity.events.v1"
"""What the public and the parties send the courts (issue 17): leads, parties' messages."""
ASSETS_REPLIES = "zhixing.assets.replies.v1"
AUDIT_CHECKPOINTS = "zhixing.audit.checkpoints.v1"
"""Compacted: key = an audit chain's id, value = its latest signed checkpoint (R46), one
JSON object; the audit log's head kept outside its store (docs/audit.md)."""
CALENDAR_EVENTS = "zhixing.calendar.events.v1"
"""Holiday schedules as they are loaded (R64); published by the operator's command."""


def assets_requests(agency_kind: str) -> str:
    """Requests to one kind of assisting agency (ACL per agency kind)."""
    return f"zhixing.assets.requests.v1.{agency_kind}"


PARTNER_KINDS = ("government", "financial", "administrative", "industry_association",
                 "credit_agency")
"""R7: who is notified of the list — government departments, financial regulators and
institutions, bodies with administrative functions, industry associations, credit
agencies. Each kind reads its own feed (ACL per kind)."""


def credit_notices(partner_kind: str) -> str:
    """The list's changes for one kind of partner (R7, R11)."""
    return f"zhixing.credit.notify.v1.{partner_kind}"


def dead_letters(topic: str, group: str) -> str:
    """Where a consumer group parks a message it cannot process (DESIGN §5)."""
    return f"{topic}.dlq.{group}"


COMPACTED = frozenset({CREDIT_LIST, AUDIT_CHECKPOINTS})


def is_compacted(topic: str) -> bool:
    """A wire name (possibly namespaced or mirrored, e.g. `chengdu.…`) of a compacted topic."""
    return any(topic == name or topic.endswith(f".{name}") for name in COMPACTED)
