"""Tracking rows: the position a consumer has processed and the `ce_id`s it has seen,
written in the SAME transaction as the consumer's effect (DESIGN §5).

A stream is `<topic>/<partition>` for Kafka or `<service>/notifications` for a
notification log; the position is the Kafka offset or the notification id.
"""

from __future__ import annotations

from zhixing.eventstore.sql import Cursor, SqlStore

_DDL = (
    """CREATE TABLE IF NOT EXISTS tracking (
        consumer TEXT NOT NULL, stream TEXT NOT NULL, position BIGINT NOT NULL,
        PRIMARY KEY (consumer, stream))""",
    """CREATE TABLE IF NOT EXISTS seen_events (
        consumer TEXT NOT NULL, ce_id TEXT NOT NULL, PRIMARY KEY (consumer, ce_id))""",
    """CREATE TABLE IF NOT EXISTS dead_letters (
        consumer TEXT NOT NULL, stream TEXT NOT NULL, position BIGINT NOT NULL,
        error TEXT NOT NULL, PRIMARY KEY (consumer, stream, position))""",
)


_ROWS_PER_INSERT = 400
"""Rows per multi-row insert: well inside SQLite's and PostgreSQL's parameter limits."""


def migrate(store: SqlStore) -> None:
    """Create the tracking tables (idempotent): what every consumer of a store shares."""
    store.migrate(*_DDL)


class Tracking:
    def __init__(self, store: SqlStore, consumer: str) -> None:
        self.store = store
        self.consumer = consumer
        migrate(store)

    def position(self, stream: str) -> int | None:
        """The last position processed in `stream`, or None if nothing yet."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT position FROM tracking WHERE consumer = %s AND stream = %s",
                        (self.consumer, stream))
            row = cur.fetchone()
        return None if row is None else int(row[0])

    def record(self, cur: Cursor, stream: str, position: int) -> None:
        cur.execute(
            "INSERT INTO tracking (consumer, stream, position) VALUES (%s, %s, %s) "
            "ON CONFLICT (consumer, stream) DO UPDATE SET position = excluded.position "
            "WHERE tracking.position < excluded.position",
            (self.consumer, stream, position))

    def first_sighting(self, cur: Cursor, ce_id: str) -> bool:
        """Remember `ce_id`; False if this consumer has already processed it."""
        cur.execute("INSERT INTO seen_events (consumer, ce_id) VALUES (%s, %s) "
                    "ON CONFLICT DO NOTHING", (self.consumer, ce_id))
        return cur.rowcount == 1

    def first_sightings(self, cur: Cursor, ce_ids: list[str]) -> set[str]:
        """Remember a batch's `ce_id`s at once; returns those not processed before."""
        fresh: set[str] = set()
        unique = list(dict.fromkeys(ce_ids))
        for start in range(0, len(unique), _ROWS_PER_INSERT):
            chunk = unique[start:start + _ROWS_PER_INSERT]
            cur.execute("INSERT INTO seen_events (consumer, ce_id) VALUES "
                        + ", ".join(["(%s, %s)"] * len(chunk))
                        + " ON CONFLICT DO NOTHING RETURNING ce_id",
                        [value for ce_id in chunk for value in (self.consumer, ce_id)])
            fresh.update(str(row[0]) for row in cur.fetchall())
        return fresh

    def unseen(self, cur: Cursor, ce_ids: list[str]) -> set[str]:
        """Those of `ce_ids` this consumer has not processed yet (reads only)."""
        found: set[str] = set()
        unique = list(dict.fromkeys(ce_ids))
        for start in range(0, len(unique), _ROWS_PER_INSERT):
            chunk = unique[start:start + _ROWS_PER_INSERT]
            cur.execute("SELECT ce_id FROM seen_events WHERE consumer = %s AND ce_id IN ("
                        + ", ".join(["%s"] * len(chunk)) + ")", [self.consumer, *chunk])
            found.update(str(row[0]) for row in cur.fetchall())
        return set(unique) - found

    def park(self, cur: Cursor, stream: str, position: int, error: str) -> None:
        """Keep a dead letter in the consumer's own store (notification-log sources)."""
        cur.execute("INSERT INTO dead_letters (consumer, stream, position, error) "
                    "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    (self.consumer, stream, position, error[:2000]))
