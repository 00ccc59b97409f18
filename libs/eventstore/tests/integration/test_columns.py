"""seal_earlier_rows on SQLite (issue 12 item 10, R60): it zeroes what the rows it
rewrites leave behind, and leaves the connection's own setting as it found it."""

from __future__ import annotations

from zhixing.eventstore.columns import seal_earlier_rows
from zhixing.eventstore.sql import SqlStore


def secure_delete(store: SqlStore) -> int:
    with store.transaction(read_only=True) as cur:
        cur.execute("PRAGMA secure_delete")
        row = cur.fetchone()
    assert row is not None
    return int(row[0])


def test_secure_delete_as_it_was_when_earlier_rows_were_sealed(tmp_path):
    store = SqlStore(sqlite_path=tmp_path / "views.db")
    store.migrate("CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL)")
    with store.transaction() as cur:
        cur.execute("INSERT INTO people VALUES ('p-1', 'plain')")
    before = secure_delete(store)  # SQLite's build default (Debian's: on)
    try:
        assert seal_earlier_rows(store, "people", ("id",), ("name",),
                                 lambda row: ("zx1.sealed",)) == 1
        assert secure_delete(store) == before
    finally:
        store.close()
