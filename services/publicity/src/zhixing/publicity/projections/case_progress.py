"""案件进度 — the public view of a case's progress, fed by the cases integration events.

Masking happens HERE (R60): the view never stores a natural person's full name or ID
number, so no unmasked value can reach a public page. Organisations are public (R6).
"""

from __future__ import annotations

import json
from functools import singledispatchmethod

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events import IntegrationEvent, parse_known
from zhixing.contracts.events.cases.v1 import (
    CaseAssigned,
    CaseClosed,
    CaseConcluded,
    CaseDelegated,
    CaseFiled,
    CaseResumed,
    PartyV1,
    SettlementAgreed,
    SettlementDefaulted,
)
from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.courts import CourtDirectory
from zhixing.kernel.masking import mask_id_number, mask_name

TABLE_DDL = """CREATE TABLE IF NOT EXISTS case_progress (
    case_number TEXT PRIMARY KEY, case_id TEXT NOT NULL, court_code TEXT NOT NULL,
    court_name TEXT NOT NULL, case_type TEXT NOT NULL, status TEXT NOT NULL,
    filed_on TEXT NOT NULL, parties TEXT NOT NULL, updated_at TEXT NOT NULL)"""
INDEX_DDL = "CREATE INDEX IF NOT EXISTS case_progress_court ON case_progress (court_code)"


def public_party(party: PartyV1, keep_head: int, keep_tail: int) -> dict[str, str]:
    """R60 for natural persons; R6 makes an organisation's name and code public."""
    if party.kind != "natural_person":
        return {"role": party.role, "name": party.name, "identity": party.identity_number}
    return {"role": party.role, "name": mask_name(party.name),
            "identity": mask_id_number(party.identity_number, keep_head, keep_tail)}


class CaseProgressProjection:
    """One row per case; deterministic and resumable (STYLE 7)."""

    def __init__(self, keep_head: int = 6, keep_tail: int = 4) -> None:
        self.keep_head = keep_head
        self.keep_tail = keep_tail

    @staticmethod
    def migrate(store: SqlStore) -> None:
        store.migrate(TABLE_DDL, INDEX_DDL)

    def handle(self, event: CloudEvent, cursor: Cursor) -> None:
        payload = parse_known(event.type, event.data)
        if payload is None:
            return  # a newer publisher's event this view does not show
        self._apply(payload, event, cursor)

    @singledispatchmethod
    def _apply(self, payload: IntegrationEvent, event: CloudEvent, cursor: Cursor) -> None:
        """Events this view does not show are ignored."""

    @_apply.register
    def _(self, payload: CaseFiled, event: CloudEvent, cursor: Cursor) -> None:
        parties = [public_party(p, self.keep_head, self.keep_tail) for p in payload.parties]
        court = CourtDirectory.default().get(payload.court_code)
        cursor.execute(
            "INSERT INTO case_progress (case_number, case_id, court_code, court_name, "
            "case_type, status, filed_on, parties, updated_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (case_number) DO NOTHING",
            (payload.case_number, payload.case_id, payload.court_code, court.name,
             payload.case_type, payload.status, payload.filed_on,
             json.dumps(parties, ensure_ascii=False), event.time))

    @_apply.register
    def _(self, payload: CaseAssigned, event: CloudEvent, cursor: Cursor) -> None:
        self._set_status(cursor, payload.case_number, "executing", event.time)

    @_apply.register
    def _(self, payload: SettlementAgreed, event: CloudEvent, cursor: Cursor) -> None:
        self._set_status(cursor, payload.case_number, "settled", event.time)

    @_apply.register
    def _(self, payload: SettlementDefaulted, event: CloudEvent, cursor: Cursor) -> None:
        self._set_status(cursor, payload.case_number, "executing", event.time)

    @_apply.register
    def _(self, payload: CaseConcluded, event: CloudEvent, cursor: Cursor) -> None:
        """R19: a 终本 case is published as such (终本案件库)."""
        self._set_status(cursor, payload.case_number, "concluded", event.time)

    @_apply.register
    def _(self, payload: CaseResumed, event: CloudEvent, cursor: Cursor) -> None:
        self._set_status(cursor, payload.case_number, "resumed", event.time)

    @_apply.register
    def _(self, payload: CaseDelegated, event: CloudEvent, cursor: Cursor) -> None:
        self._set_status(cursor, payload.case_number, "delegated", event.time)

    @_apply.register
    def _(self, payload: CaseClosed, event: CloudEvent, cursor: Cursor) -> None:
        self._set_status(cursor, payload.case_number, payload.closure, event.time)

    @staticmethod
    def _set_status(cursor: Cursor, case_number: str, status: str, at: str) -> None:
        cursor.execute("UPDATE case_progress SET status = %s, updated_at = %s "
                       "WHERE case_number = %s", (status, at, case_number))
