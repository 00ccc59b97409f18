"""协助执行单位收件箱 — requests waiting for an agency that answers over gRPC.

Fed by the request topics (one per agency kind), exactly what a Kafka-connected agency
would read. A resent request replaces its row (same idempotency key, higher attempt);
an answer submitted through the gateway closes it. An agency reads only its own rows
(R46: a bank sees only requests addressed to it).
"""

from __future__ import annotations

from typing import Any

from zhixing.contracts.events.assets.v1 import AgencyRequest
from zhixing.eventstore.columns import seal_earlier_rows
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.typed import Context, TypedHandler, on

INBOX_DDL = """CREATE TABLE IF NOT EXISTS agency_inbox (
    request_id TEXT PRIMARY KEY, agency_id TEXT NOT NULL, attempt INTEGER NOT NULL,
    reply_by TEXT NOT NULL, request TEXT NOT NULL, answered INTEGER NOT NULL)"""
INBOX_INDEX = ("CREATE INDEX IF NOT EXISTS agency_inbox_pending "
               "ON agency_inbox (agency_id, answered, reply_by)")


class AgencyInbox(TypedHandler):
    """Keeps `agency_inbox`: one row per request, its latest attempt. A request names
    the debtor, so it is sealed (R60: personal data encrypted at rest)."""

    def __init__(self, cipher: FieldCipher) -> None:
        self.cipher = cipher

    @staticmethod
    def migrate(store: SqlStore) -> None:
        store.migrate(INBOX_DDL, INBOX_INDEX)

    @on(AgencyRequest)
    def requested(self, request: AgencyRequest, ctx: Context) -> None:
        ctx.cursor.execute(
            "INSERT INTO agency_inbox (request_id, agency_id, attempt, reply_by, request, "
            "answered) VALUES (%s, %s, %s, %s, %s, 0) ON CONFLICT (request_id) DO UPDATE "
            "SET attempt = excluded.attempt, request = excluded.request "
            "WHERE agency_inbox.attempt < excluded.attempt",
            (request.request_id, request.agency_id, request.attempt, request.reply_by,
             self.cipher.seal_json(request.model_dump(mode="json"))))


def seal_earlier_requests(store: SqlStore, cipher: FieldCipher) -> None:
    """Requests an earlier release stored in plaintext are sealed on the first start."""
    seal_earlier_rows(store, "agency_inbox", ("request_id",), ("request",),
                      lambda row: (cipher.seal(row[0]),))


class AgencyInboxQueries:
    def __init__(self, store: SqlStore, cipher: FieldCipher) -> None:
        self.store = store
        self.cipher = cipher

    def pending(self, agency_id: str, limit: int) -> list[dict[str, Any]]:
        """The agency's unanswered requests, the earliest deadline first."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT request FROM agency_inbox WHERE agency_id = %s AND answered = 0 "
                        "ORDER BY reply_by, request_id LIMIT %s", (agency_id, limit))
            rows = cur.fetchall()
        return [self.cipher.open_json(row[0]) for row in rows]

    def mark_answered(self, agency_id: str, request_ids: list[str]) -> None:
        with self.store.transaction() as cur:
            for request_id in request_ids:
                cur.execute("UPDATE agency_inbox SET answered = 1 WHERE request_id = %s "
                            "AND agency_id = %s", (request_id, agency_id))
