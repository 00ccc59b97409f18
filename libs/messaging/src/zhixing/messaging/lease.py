"""One active relay per notification log (issue 13): a PostgreSQL session advisory lock.

Two relays of one service publishing at once would each keep their own idea of the
position and publish every event twice. The relay that holds the lock publishes; any
other waits as a standby, asking again each time it would have looked for new events.
The lock lives as long as the holder's connection: a relay killed or cut off from the
database loses it, and a standby takes over from the position the last one recorded.

On SQLite (embedded mode: one process) there is nothing to share, so `Sole` is always
active.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

log = logging.getLogger(__name__)

KEEPALIVE = {"idle": 10, "interval": 5, "count": 3}
"""TCP keepalives of the lease's session, on both ends: if the relay's node vanishes
without closing its connection, PostgreSQL ends the session — and frees the lock — within
about 25 s instead of the kernel's two hours; a relay cut off from the database notices
as quickly and stands by."""

USER_TIMEOUT_MS = 25_000
"""libpq's tcp_user_timeout on the lease's connection. Keepalives only probe an idle
connection: a `SELECT 1` sent into a network that went silent would wait for TCP's
retransmissions (~15 min) while the server, its keepalives unanswered, frees the lock
in ~25 s and a standby takes over — the stuck relay still saying 'active' on /readyz and
in zhixing_relay_active. With this the check fails after 25 s and the relay stands by."""

LOCK_SPACE = "zhixing-relay"
"""The first of the lock's two keys (`pg_try_advisory_lock(int, int)`): apart from the
one-key locks the schema migrations take."""


class Lease(Protocol):
    """Whether this relay may publish now."""

    def held(self) -> bool: ...
    def close(self) -> None: ...


class Sole:
    """The only relay there can be (SQLite, tests)."""

    def held(self) -> bool:
        return True

    def close(self) -> None:
        return None


class AdvisoryLease:
    """A session advisory lock on its own autocommit connection, named by the relay."""

    def __init__(self, dsn: str, name: str, *, connect_timeout: int = 5) -> None:
        self.dsn = dsn
        self.name = name
        self.connect_timeout = connect_timeout
        self._conn: Any = None
        self._held = False

    def held(self) -> bool:
        """True while this session holds the lock: checked on the live connection, so a
        lost connection (and with it the lock) is seen before the next batch."""
        try:
            conn = self._connection()
            if self._held:
                conn.execute("SELECT 1")
                return True
            row = conn.execute("SELECT pg_try_advisory_lock(hashtext(%s), hashtext(%s))",
                               (LOCK_SPACE, self.name)).fetchone()
            self._held = bool(row and row[0])
            if self._held:
                log.info("relay active", extra={"relay": self.name})
            return self._held
        except Exception as error:  # any failure: the lock cannot be trusted any more
            if self._held:
                log.warning("relay lost its lock; standing by",
                            extra={"relay": self.name, "error": type(error).__name__})
            self.close()
            return False

    def close(self) -> None:
        """Let go of the lock, then of the session (which would release it too)."""
        conn, held, self._conn, self._held = self._conn, self._held, None, False
        if conn is not None:
            try:
                if held:  # at once: the session's end is processed after the close returns
                    conn.execute("SELECT pg_advisory_unlock_all()")
                conn.close()
            except Exception:  # already broken: nothing more to release
                log.debug("closing a broken lease connection failed", exc_info=True)

    def _connection(self) -> Any:
        if self._conn is None or self._conn.closed:
            import psycopg

            self._held = False
            self._conn = psycopg.connect(
                self.dsn, autocommit=True, connect_timeout=self.connect_timeout, keepalives=1,
                tcp_user_timeout=USER_TIMEOUT_MS,
                **{f"keepalives_{name}": value for name, value in KEEPALIVE.items()})
            for name, value in KEEPALIVE.items():  # the server's end (user-settable GUCs)
                self._conn.execute(f"SET tcp_keepalives_{name} = {int(value)}")
        return self._conn
