"""A small SQL store for what is not an event: read models, tracking rows, relay
positions, the audit log.

One API over SQLite (embedded mode) and PostgreSQL (cluster mode), so a read model and
its tracking row are written in ONE transaction on either backend (DESIGN §5). SQL is
written once with `%s` placeholders and portable types (TEXT, BIGINT); the SQLite
cursor translates the placeholders.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

_TRANSIENT_SQLITE = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR,
                               sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN})
"""SQLite's primary result codes for a store that may answer again later (busy or locked
past the busy timeout, an I/O error, a full disk); "no such table" is a defect."""


def is_transient(error: BaseException) -> bool:
    """A store that is briefly unavailable (locked, connection lost, a serialization
    failure), not a bad message nor a defect. eventsourcing wraps the driver's error in
    its own, so the whole chain of causes is asked."""
    seen: BaseException | None = error
    while seen is not None:
        if _transient_itself(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _transient_itself(error: BaseException) -> bool:
    if isinstance(error, sqlite3.OperationalError):
        code = getattr(error, "sqlite_errorcode", None)
        # No code (an older driver): the message is all there is.
        return (code & 0xFF in _TRANSIENT_SQLITE if code is not None
                else "locked" in str(error) or "busy" in str(error))
    from eventsourcing.persistence import ConnectionUnavailableError

    if isinstance(error, ConnectionUnavailableError):  # its pool's wait for a connection
        return True
    try:
        import psycopg
        from psycopg_pool import PoolTimeout
    except ImportError:  # pragma: no cover — psycopg is a dependency of eventsourcing
        return False
    # OperationalError covers a lost connection, serialization failures and deadlocks.
    return isinstance(error, psycopg.OperationalError | PoolTimeout)


_WRITERS: dict[str, threading.RLock] = {}
_WRITERS_GUARD = threading.Lock()


def _writer_of(path: Path) -> threading.RLock:
    """The process's one writer lock of a SQLite file, shared by every store on it."""
    with _WRITERS_GUARD:
        return _WRITERS.setdefault(str(path.resolve()), threading.RLock())


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def fetchone(self) -> tuple[Any, ...] | None: ...
    def fetchall(self) -> list[tuple[Any, ...]]: ...
    @property
    def rowcount(self) -> int: ...


class _SQLiteCursor:
    dialect = "sqlite"
    """SQL that differs by backend asks `getattr(cursor, "dialect", "postgresql")`."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._cursor.execute(sql.replace("%s", "?"), tuple(params))

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._cursor.fetchone()  # type: ignore[no-any-return]

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._cursor.fetchall()

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


class SqlStore:
    """Transactions on one database: a SQLite file or a PostgreSQL schema."""

    def __init__(self, *, sqlite_path: Path | None = None, dsn: str = "", schema: str = "",
                 busy_timeout: float = 30.0) -> None:
        """SQLite file, or PostgreSQL DSN with the schema the caller has created.
        `busy_timeout`: how long a SQLite statement waits for another writer's lock
        before "database is locked" (a transient error the loops retry)."""
        if (sqlite_path is None) == (not dsn):
            raise ValueError("SqlStore needs exactly one of sqlite_path or dsn")
        self.is_sqlite = sqlite_path is not None
        self._sqlite_path = sqlite_path
        self._busy_timeout = busy_timeout
        self._dsn = dsn
        self._schema = schema
        self._local = threading.local()
        self._pool: Any = None
        self._pool_lock = threading.Lock()
        self._writer: threading.RLock | None = None
        if sqlite_path is not None:
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = _writer_of(sqlite_path)

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None on PostgreSQL."""
        return self._sqlite_path

    @contextmanager
    def transaction(self, *, read_only: bool = False) -> Iterator[Cursor]:
        """Commit when the block ends normally, roll back on any exception.

        On SQLite a writing transaction takes the write lock up front (no upgrade
        deadlocks); a `read_only` one does not, so page reads never queue behind writers.
        """
        if self.is_sqlite:
            with self._sqlite_transaction(read_only) as cursor:
                yield cursor
        else:
            with self._postgres_connection() as conn, conn.transaction(), conn.cursor() as cur:
                yield cur

    def migrate(self, *statements: str) -> None:
        """Run idempotent DDL (`CREATE TABLE IF NOT EXISTS …`).

        Processes of one service start together; PostgreSQL's IF NOT EXISTS is not safe
        against a concurrent creator, so migrations of one schema take turns.
        """
        with self.transaction() as cur:
            if not self.is_sqlite:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")
            for statement in statements:
                cur.execute(statement)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextmanager
    def _sqlite_transaction(self, read_only: bool) -> Iterator[Cursor]:
        """A reading transaction at once; a writing one after this process's other
        writers of the file, in turn (issue 12, item 1). A dozen consumer threads
        polling SQLite's busy handler for one write lock starved some of them past the
        busy timeout; queued on one lock, each waits only for the writer before it."""
        if read_only:
            with self._sqlite_begun("BEGIN") as cursor:
                yield cursor
            return
        assert self._writer is not None
        if not self._writer.acquire(timeout=self._busy_timeout):
            raise sqlite3.OperationalError(
                "database is locked: another writer of this process held it past the "
                f"busy timeout ({self._busy_timeout:g} s)")
        try:
            with self._sqlite_begun("BEGIN IMMEDIATE") as cursor:
                yield cursor
        finally:
            self._writer.release()

    @contextmanager
    def _sqlite_begun(self, begin: str) -> Iterator[Cursor]:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self._sqlite_path,  # type: ignore[arg-type]
                                   timeout=self._busy_timeout, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        conn.execute(begin)
        try:
            yield _SQLiteCursor(conn.cursor())
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def _postgres_connection(self) -> Iterator[Any]:
        with self._pool_lock:  # one pool per store, even when threads start together
            if self._pool is None:
                self._pool = self._open_pool()
        with self._pool.connection() as conn:
            yield conn

    def _open_pool(self) -> Any:
        from psycopg_pool import ConnectionPool

        schema = self._schema

        def configure(conn: Any) -> None:
            if schema:
                conn.execute(f'SET search_path TO "{schema}"')
            conn.commit()

        return ConnectionPool(self._dsn, min_size=1, max_size=4, configure=configure, open=True)
