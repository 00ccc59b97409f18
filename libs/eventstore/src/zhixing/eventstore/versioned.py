"""Versioned read-model tables, for blue/green rebuilds (DESIGN §5, §9).

A projection declares its tables once: a logical name and DDL templates in which
`{name}` placeholders stand for physical names (`{dishonest_list}`). Version N of a
table is the physical table `<name>__v<N>`; the logical name is a VIEW over the live
version, so every reader keeps reading `dishonest_list` unchanged. A small registry
(`projection_versions`) records each projection's live version and the one being
rebuilt. The projection's writer binds its cursor: in each transaction it reads the live
version from the registry (sharing a lock on its row) and writes to those physical
tables. A swap takes that row's lock exclusively, so no writer is between the two.

Tables that existed before versioning (plain tables) become version 1 on first start:
renamed, their data kept, the view put in their place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from zhixing.eventstore.sql import Cursor, SqlStore

REGISTRY_DDL = """CREATE TABLE IF NOT EXISTS projection_versions (
    projection TEXT PRIMARY KEY, version BIGINT NOT NULL, building BIGINT, builder TEXT)"""
_INDEX = re.compile(r"CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\S+)", re.I)


def physical(name: str, version: int) -> str:
    """The physical table of version `version` of logical table `name`."""
    return f"{name}__v{version}"


class BoundCursor:
    """A cursor that writes `{name}` placeholders as the physical tables of one version."""

    def __init__(self, cursor: Cursor, names: Mapping[str, str]) -> None:
        self.cursor = cursor
        self.names = names

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.cursor.execute(sql.format_map(self.names), params)

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.cursor.fetchone()

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.cursor.fetchall()

    @property
    def rowcount(self) -> int:
        return self.cursor.rowcount


@dataclass(frozen=True)
class Registration:
    """What the registry says of one projection."""

    version: int
    building: int | None
    builder: str | None = None
    """Which run of the rebuild owns `building` (the latest to start or resume)."""


class VersionedTables:
    """The tables of one projection: `name` is the projection's (and the registry's) key;
    `tables` maps each logical table to its DDL templates (CREATE TABLE, then indexes)."""

    def __init__(self, name: str, tables: Mapping[str, Sequence[str]]) -> None:
        self.name = name
        self.tables = {logical: tuple(ddl) for logical, ddl in tables.items()}
        self._names: dict[int, dict[str, str]] = {}
        self._last: tuple[Cursor, BoundCursor] | None = None

    def names(self, version: int) -> dict[str, str]:
        """Logical name -> physical name at `version` (cached: the same every time)."""
        if version not in self._names:
            self._names[version] = {t: physical(t, version) for t in self.tables}
        return self._names[version]

    def bind(self, cursor: Cursor) -> Cursor:
        """The cursor writing to the live version, as the registry says in THIS
        transaction. Asked once per transaction: the consumer opens a new cursor for
        each, so the last one is remembered."""
        if self._last is not None and self._last[0] is cursor:
            return self._last[1]
        bound = BoundCursor(cursor, self.names(live_version(cursor, self.name, share=True)))
        self._last = (cursor, bound)
        return bound

    def at(self, version: int) -> PinnedTables:
        """These tables pinned to one version: what a rebuild writes to."""
        return PinnedTables(self, version)

    def install(self, store: SqlStore) -> None:
        """Create the registry, adopt plain tables as version 1, create the live
        version's tables and the views over them. Idempotent; processes of one service
        starting together take turns."""
        with store.transaction() as cur:
            if not store.is_sqlite:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
            cur.execute(REGISTRY_DDL)
            found = registration(cur, self.name)
            if found is None:
                self._adopt(cur)
                cur.execute("INSERT INTO projection_versions (projection, version) "
                            "VALUES (%s, 1)", (self.name,))
            version = 1 if found is None else found.version
            self.create(cur, version)
            for logical in self.tables:
                if kind(cur, logical) is None:
                    _create_view(cur, logical, physical(logical, version))

    def create(self, cur: Cursor, version: int) -> None:
        """Create version `version`'s tables and indexes (IF NOT EXISTS)."""
        for ddl in self.tables.values():
            for statement in ddl:
                cur.execute(statement.format_map(self.names(version)))

    def drop(self, cur: Cursor, version: int) -> None:
        """Drop version `version`'s tables (their indexes go with them)."""
        for name in self.names(version).values():
            cur.execute(f"DROP TABLE IF EXISTS {name}")

    def swap(self, cur: Cursor, version: int) -> None:
        """Point every view at `version` and make it the live one. Call inside the
        transaction that holds the registry row (`registration(..., lock=True)`)."""
        for logical, name in self.names(version).items():
            cur.execute(f"DROP VIEW IF EXISTS {logical}")
            _create_view(cur, logical, name)
        cur.execute("UPDATE projection_versions SET version = %s, building = NULL "
                    "WHERE projection = %s", (version, self.name))

    def _adopt(self, cur: Cursor) -> None:
        """Plain tables of an earlier release become version 1, rows and all. Their
        indexes are dropped: version 1's own are created right after, under its names."""
        logical_names = {t: t for t in self.tables}
        for logical, ddl in self.tables.items():
            if kind(cur, logical) != "table":
                continue
            for statement in ddl[1:]:
                index = _INDEX.match(statement.format_map(logical_names).strip())
                if index is not None:
                    cur.execute(f"DROP INDEX IF EXISTS {index.group(1)}")
            cur.execute(f"ALTER TABLE {logical} RENAME TO {physical(logical, 1)}")


class PinnedTables:
    """Tables bound to one version whatever the registry says (a rebuild's target)."""

    def __init__(self, tables: VersionedTables, version: int) -> None:
        self.name = tables.name
        self.version = version
        self.versioned = tables
        self._names = tables.names(version)

    def bind(self, cursor: Cursor) -> Cursor:
        return BoundCursor(cursor, self._names)


class Versioned:
    """Base of a projection whose `handle` comes from a dispatching base: this one
    hands that `handle` the cursor bound to the live version (or to the version a
    rebuild writes). Put it first: `class CaseProgress(Versioned, TypedHandler)`."""

    tables: VersionedTables | PinnedTables

    def handle(self, event: Any, cursor: Cursor) -> None:
        super().handle(event, self.tables.bind(cursor))  # type: ignore[misc]


def registration(cur: Cursor, projection: str, *, lock: bool = False) -> Registration | None:
    """The registry's row for `projection`; `lock` holds it until the transaction ends
    (PostgreSQL; a SQLite writing transaction holds the whole database anyway)."""
    cur.execute("SELECT version, building, builder FROM projection_versions "
                "WHERE projection = %s" + _lock(cur, "UPDATE" if lock else ""), (projection,))
    row = cur.fetchone()
    if row is None:
        return None
    return Registration(int(row[0]), None if row[1] is None else int(row[1]),
                        None if row[2] is None else str(row[2]))


def owns(cur: Cursor, projection: str, version: int, builder: str) -> bool:
    """Whether `builder` still owns the rebuild of `version`; until this transaction
    ends, no other run takes it over and no swap happens (a shared lock on the row)."""
    cur.execute("SELECT building, builder FROM projection_versions WHERE projection = %s"
                + _lock(cur, "SHARE"), (projection,))
    row = cur.fetchone()
    return row is not None and row[0] == version and row[1] == builder


def live_version(cur: Cursor, projection: str, *, share: bool = False) -> int:
    """The live version; `share` keeps a swap out until this transaction ends."""
    cur.execute("SELECT version FROM projection_versions WHERE projection = %s"
                + _lock(cur, "SHARE" if share else ""), (projection,))
    row = cur.fetchone()
    if row is None:
        raise LookupError(f"projection {projection!r} has no tables: install() them first")
    return int(row[0])


def kind(cur: Cursor, name: str) -> str | None:
    """'table', 'view' or None: what `name` is in this store's schema."""
    if _is_sqlite(cur):
        cur.execute("SELECT type FROM sqlite_master WHERE name = %s AND type IN "
                    "('table', 'view')", (name,))
    else:
        cur.execute("SELECT CASE table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END "
                    "FROM information_schema.tables WHERE table_schema = current_schema() "
                    "AND table_name = %s", (name,))
    row = cur.fetchone()
    return None if row is None else str(row[0])


def _create_view(cur: Cursor, logical: str, table: str) -> None:
    cur.execute(f"CREATE VIEW {logical} AS SELECT * FROM {table}")


def _lock(cur: Cursor, mode: str) -> str:
    """` FOR <mode>` on PostgreSQL; nothing on SQLite, whose writing transaction holds
    the whole database."""
    return f" FOR {mode}" if mode and not _is_sqlite(cur) else ""


def _is_sqlite(cur: Cursor) -> bool:
    return getattr(cur, "dialect", "postgresql") == "sqlite"
