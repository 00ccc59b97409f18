"""财产状况 — a debtor's property picture: everything the agencies reported about them
in a case's inquiries, newest answer first, each asset once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zhixing.assets.domain.inquiry import OVERDUE, Inquiry
from zhixing.kernel.identity import canonical_identity

_FIELDS = ("asset_id", "agency_id", "asset_kind", "reference", "description", "value_fen",
           "disposable", "answered_at")


@dataclass(frozen=True)
class PropertyPicture:
    holdings: list[dict[str, Any]] = field(default_factory=list)
    disposable_value_fen: int = 0
    overdue_agency_ids: list[str] = field(default_factory=list)


def picture_of(inquiries: list[Inquiry], debtor_identity_number: str) -> PropertyPicture:
    """`inquiries` newest first; only the debtor's (every debtor's if none is named)."""
    mine = [i for i in inquiries
            if not debtor_identity_number
            or canonical_identity(i.debtor_identity_number) == debtor_identity_number]
    seen: dict[str, dict[str, Any]] = {}
    for inquiry in mine:
        for holding in _newest_first(inquiry):
            seen.setdefault(holding["asset_id"], holding)
    holdings = sorted(seen.values(), key=lambda h: h["answered_at"], reverse=True)
    overdue = [r["agency_id"] for r in mine[0].statuses(OVERDUE)] if mine else []
    return PropertyPicture(holdings, sum(h["value_fen"] for h in holdings if h["disposable"]),
                           overdue)


def _newest_first(inquiry: Inquiry) -> list[dict[str, Any]]:
    answered = {r["agency_id"]: r.get("answered_at", "") for r in inquiry.requests.values()}
    rows = [{**{k: h.get(k) for k in _FIELDS[:-1]}, "answered_at": answered.get(h["agency_id"], "")}
            for h in inquiry.holdings]
    for row in rows:
        row["value_fen"] = int(row["value_fen"] or 0)
        row["disposable"] = bool(row["disposable"] if row["disposable"] is not None else True)
    return sorted(rows, key=lambda h: h["answered_at"], reverse=True)
