"""Tables an earlier release created, brought up to this one's shape.

`CREATE TABLE IF NOT EXISTS` leaves an existing table as it was, so a column added to
its DDL must also be added to the tables already there (e.g. the sealed copy of an
identity beside its blind index, R60); and rows an earlier release wrote in plaintext
are sealed once, on the first start of this one (`seal_earlier_rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from zhixing.eventstore.crypto import BLIND, SEALED, FieldCipher
from zhixing.eventstore.settings import MissingCipherKey
from zhixing.eventstore.sql import Cursor, SqlStore

_DONE_DDL = "CREATE TABLE IF NOT EXISTS sealed_tables (name TEXT PRIMARY KEY)"
"""The tables whose earlier rows were sealed: each is looked at once."""
_INDEX_KEY_DDL = "CREATE TABLE IF NOT EXISTS blind_index_key (id TEXT PRIMARY KEY)"
"""The fingerprint of the key the store's blind indexes were made with."""

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
            cur.execute("PRAGMA secure_delete")
            was = cur.fetchone()
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
        if store.is_sqlite:  # as it was: many SQLite builds have it on by default
            cur.execute(f"PRAGMA secure_delete = {int(was[0]) if was else 0}")
        return len(rows)


def keep_blind_index_key(store: SqlStore, cipher: FieldCipher) -> None:
    """Refuse to start when the blind indexes of `store` were keyed by another key.

    They are keyed from the ring's FIRST key (docs/keys.md): a ring whose oldest key was
    dropped, or whose retired keys were listed in another order, still opens every sealed
    value but finds nothing by an ID or a name any more — a listed debtor would silently
    look unlisted. The store keeps the index key's fingerprint from its first start.
    """
    with store.transaction() as cur:
        _lock(cur, store)
        cur.execute(_INDEX_KEY_DDL)
        cur.execute("SELECT id FROM blind_index_key")
        row = cur.fetchone()
        if row is None:
            cur.execute("INSERT INTO blind_index_key (id) VALUES (%s)", (cipher.index_key_id,))
        elif str(row[0]) != cipher.index_key_id:
            raise MissingCipherKey(
                f"the blind indexes of this store were keyed by index key {row[0]}, the key "
                f"ring now gives {cipher.index_key_id}: its first (oldest) key was dropped or "
                "the keys were reordered; restore it as the first key (docs/keys.md, R60)")


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
