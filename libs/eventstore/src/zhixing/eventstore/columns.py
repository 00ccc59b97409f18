"""Tables an earlier release created, brought up to this one's shape.

`CREATE TABLE IF NOT EXISTS` leaves an existing table as it was, so a column added to
its DDL must also be added to the tables already there (e.g. the sealed copy of an
identity beside its blind index, R60); and rows an earlier release wrote in plaintext
are sealed once, on the first start of this one (`seal_earlier_rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from zhixing.eventstore.crypto import BLIND, SEALED
from zhixing.eventstore.sql import Cursor, SqlStore

_DONE_DDL = "CREATE TABLE IF NOT EXISTS sealed_tables (name TEXT PRIMARY KEY)"
"""The tables whose earlier rows were sealed: each is looked at once."""

Redo = Callable[[tuple[str, ...]], tuple[str, ...]]


def add_missing_columns(store: SqlStore, table: str, columns: dict[str, str]) -> None:
    """Add each `name: declaration` of `columns` that `table` lacks (idempotent); a table
    not there yet is left to its CREATE TABLE."""
    with store.transaction() as cur:
        _lock(cur, store)
        present = _columns(cur, table, sqlite=store.is_sqlite)
        if not present:
            return
        for name, declaration in columns.items():
            if name not in present:
                cur.execute(f"ALTER TABLE {table} ADD COLUMN {name} {declaration}")


def seal_earlier_rows(store: SqlStore, table: str, key: Sequence[str],
                      columns: Sequence[str], redo: Redo) -> int:
    """Once per table: rows whose first of `columns` is neither sealed nor a blind index
    (nor empty) get `redo(values of columns)` written over those columns. Returns how
    many rows were rewritten (0 when the table was done before)."""
    with store.transaction() as cur:
        _lock(cur, store)
        cur.execute(_DONE_DDL)
        cur.execute("SELECT 1 FROM sealed_tables WHERE name = %s", (table,))
        if cur.fetchone() is not None or not _columns(cur, table, sqlite=store.is_sqlite):
            return 0
        if store.is_sqlite:  # the plaintext a rewritten row leaves is zeroed, not freed
            cur.execute("PRAGMA secure_delete = ON")
        first = columns[0]
        cur.execute(f"SELECT {', '.join([*key, *columns])} FROM {table} WHERE {first} <> '' "
                    f"AND {first} NOT LIKE %s AND {first} NOT LIKE %s",
                    (f"{SEALED}%", f"{BLIND}%"))
        rows = cur.fetchall()
        assign = ", ".join(f"{c} = %s" for c in columns)
        where = " AND ".join(f"{k} = %s" for k in key)
        for row in rows:
            values = tuple(str(v) for v in row[len(key):])
            cur.execute(f"UPDATE {table} SET {assign} WHERE {where}",
                        (*redo(values), *row[:len(key)]))
        cur.execute("INSERT INTO sealed_tables (name) VALUES (%s)", (table,))
        if store.is_sqlite:
            cur.execute("PRAGMA secure_delete = OFF")
        return len(rows)


def _lock(cur: Cursor, store: SqlStore) -> None:
    """Processes of one service start together: upgrades of one schema take turns."""
    if not store.is_sqlite:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")


def _columns(cur: Cursor, table: str, *, sqlite: bool) -> set[str]:
    if sqlite:
        cur.execute(f"PRAGMA table_info({table})")
        return {str(row[1]) for row in cur.fetchall()}
    cur.execute("SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s", (table,))
    return {str(row[0]) for row in cur.fetchall()}
