"""Reported leads by court and team, soonest `verify_by` first (ListLeads, R27).

Fed by the assets service's own LeadAccepted/LeadVerified; idempotent upserts, so
redelivery and replay converge. The team is read from `assets_cases` when listing (a
case assigned after its lead arrived shows its team).
"""

from __future__ import annotations

from dataclasses import dataclass

from zhixing.contracts.events.assets.v1 import LeadAccepted, LeadVerified
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.typed import Context, TypedHandler, on

LEADS_DDL = """CREATE TABLE IF NOT EXISTS assets_leads (
    lead_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, court_code TEXT NOT NULL,
    verify_by TEXT NOT NULL, verified_on TEXT NOT NULL DEFAULT '')"""
LEADS_INDEX = ("CREATE INDEX IF NOT EXISTS assets_leads_court "
               "ON assets_leads (court_code, verify_by)")
LIST_MAX = 500
"""At most this many leads in one answer."""


@dataclass(frozen=True)
class LeadRow:
    """One lead in the court's list: its id and its case's current team."""

    lead_id: str
    team: str


class LeadIndex(TypedHandler):
    """Keeps `assets_leads` (consumer group `assets.lead-index`)."""

    @staticmethod
    def migrate(store: SqlStore) -> None:
        store.migrate(LEADS_DDL, LEADS_INDEX)

    @on(LeadAccepted)
    def accepted(self, event: LeadAccepted, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO assets_leads (lead_id, case_id, court_code, verify_by) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (lead_id) DO UPDATE SET "
            "verify_by = excluded.verify_by",  # R64: a provisional day counted again
            (event.lead_id, event.case_id, event.court_code, event.verify_by))

    @on(LeadVerified)
    def verified(self, event: LeadVerified, ctx: Context) -> None:
        ctx.cursor.execute("UPDATE assets_leads SET verified_on = %s WHERE lead_id = %s",
                           (event.verified_on, event.lead_id))


class LeadListQueries:
    """The leads of a court (or of one team), soonest verify_by first."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def of_court(self, court_code: str, team: str = "", open_only: bool = False,
                 limit: int = 100) -> list[LeadRow]:
        where = ["l.court_code = %s"]
        args: list[object] = [court_code]
        if team:
            where.append("COALESCE(c.team, '') = %s")
            args.append(team)
        if open_only:
            where.append("l.verified_on = ''")
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT l.lead_id, COALESCE(c.team, '') FROM assets_leads l "
                        "LEFT JOIN assets_cases c ON c.case_id = l.case_id "
                        f"WHERE {' AND '.join(where)} "
                        "ORDER BY l.verify_by, l.lead_id LIMIT %s",
                        (*args, min(max(limit, 1), LIST_MAX)))
            return [LeadRow(str(r[0]), str(r[1])) for r in cur.fetchall()]

    def unverified(self) -> list[str]:
        """Every lead not verified yet, by id: those whose R27 day a holiday schedule
        just loaded may move (R64; each lead decides whether it was provisional)."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT lead_id FROM assets_leads WHERE verified_on = '' "
                        "ORDER BY lead_id")
            return [str(r[0]) for r in cur.fetchall()]
