"""Columns a later release adds to a table an earlier one created.

`CREATE TABLE IF NOT EXISTS` leaves an existing table as it was, so a column added to
its DDL must also be added to the tables already there (e.g. the sealed copy of an
identity beside its blind index, R60).
"""

from __future__ import annotations

from zhixing.eventstore.sql import Cursor, SqlStore


def add_missing_columns(store: SqlStore, table: str, columns: dict[str, str]) -> None:
    """Add each `name: declaration` of `columns` that `table` lacks (idempotent); a table
    not there yet is left to its CREATE TABLE."""
    with store.transaction() as cur:
        if not store.is_sqlite:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
        present = _columns(cur, table, sqlite=store.is_sqlite)
        if not present:
            return
        for name, declaration in columns.items():
            if name not in present:
                cur.execute(f"ALTER TABLE {table} ADD COLUMN {name} {declaration}")


def _columns(cur: Cursor, table: str, *, sqlite: bool) -> set[str]:
    if sqlite:
        cur.execute(f"PRAGMA table_info({table})")
        return {str(row[1]) for row in cur.fetchall()}
    cur.execute("SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = %s", (table,))
    return {str(row[0]) for row in cur.fetchall()}
