"""Load the benchmark's listed debtors into the publicity read models FAST, yet exactly as
the projections would write them: each event is handed to every projection of the credit
topic (the service's own `consumes`, so whatever a projection stores — sealed names, the
masked number, blind indexes — is what the benchmark reads), through a cursor that only
RECORDS the rows each projection inserts; the rows are then written with COPY.

What the recording cursor cannot replay in bulk — counters kept by upserts (`… DO UPDATE`)
— is left out and counted: the 综合查询 reads none of them."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from zhixing.contracts.envelope import CloudEvent
from zhixing.eventstore.sql import SqlStore

_INSERT = re.compile(r"\s*INSERT INTO\s+(\S+)\s*\(([^)]*)\)\s*VALUES", re.IGNORECASE)
_VERSION = re.compile(r"\s*SELECT version FROM projection_versions", re.IGNORECASE)


@dataclass
class RecordingCursor:
    """A cursor that keeps each INSERT's row by table and answers reads as an empty
    store would (no tombstone, no earlier row), the live version as the registry says."""

    versions: dict[str, int]
    rows: dict[tuple[str, tuple[str, ...]], list[Sequence[Any]]] = field(
        default_factory=lambda: defaultdict(list))
    skipped: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    _answer: tuple[Any, ...] | None = None
    _count: int = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._answer, self._count = None, 0
        if _VERSION.match(sql):
            self._answer = (self.versions[str(params[0])],)
            return
        insert = _INSERT.match(sql)
        if insert is None:
            if not sql.lstrip().upper().startswith("SELECT"):
                self.skipped[sql.split()[0].upper()] += 1
            return
        if "DO UPDATE" in sql.upper():
            self.skipped[f"upsert {insert.group(1)}"] += 1
            self._count = 1
            return
        columns = tuple(c.strip() for c in insert.group(2).split(","))
        self.rows[insert.group(1), columns].append(tuple(params))
        self._count = 1

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._answer

    def fetchall(self) -> list[tuple[Any, ...]]:
        return [] if self._answer is None else [self._answer]

    @property
    def rowcount(self) -> int:
        return self._count


def live_versions(store: SqlStore) -> dict[str, int]:
    with store.transaction(read_only=True) as cur:
        cur.execute("SELECT projection, version FROM projection_versions")
        return {str(name): int(version) for name, version in cur.fetchall()}


def recorded(store: SqlStore, handlers: Iterable[Any], events: Iterable[CloudEvent]
             ) -> RecordingCursor:
    """The rows `handlers` would insert for `events`, in order."""
    cursor = RecordingCursor(live_versions(store))
    chosen = list(handlers)
    for event in events:
        for handler in chosen:
            handler.handle(event, cursor)
            if hasattr(handler, "flush"):
                handler.flush()
    return cursor


def copied(store: SqlStore, cursor: RecordingCursor) -> dict[str, int]:
    """COPY every recorded row into its table (one transaction); rows per table. Tables
    the run made earlier (a repeat) are not duplicated: rows with the same key are not
    expected, the benchmark writes into fresh schemas."""
    written: dict[str, int] = {}
    with store.transaction() as cur:
        for (table, columns), rows in cursor.rows.items():
            statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cur.copy(statement) as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
            written[table] = written.get(table, 0) + len(rows)
    return written


def load(store: SqlStore, handlers: Sequence[Any], events: Iterable[CloudEvent],
         chunk: int = 100_000) -> tuple[dict[str, int], dict[str, int], float]:
    """Record and COPY `events` in chunks (bounded memory); (rows per table, statements
    left out, seconds)."""
    began = time.perf_counter()
    written: dict[str, int] = defaultdict(int)
    skipped: dict[str, int] = defaultdict(int)
    batch: list[CloudEvent] = []

    def flush() -> None:
        cursor = recorded(store, handlers, batch)
        for table, n in copied(store, cursor).items():
            written[table] += n
        for what, n in cursor.skipped.items():
            skipped[what] += n
        batch.clear()

    for event in events:
        batch.append(event)
        if len(batch) >= chunk:
            flush()
    if batch:
        flush()
    with store.transaction() as cur:
        cur.execute("ANALYZE")
    return dict(written), dict(skipped), time.perf_counter() - began
