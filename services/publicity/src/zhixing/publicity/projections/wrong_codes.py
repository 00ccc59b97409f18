"""Wrong access codes limited per case (当事人查询, issue 17) — kept beside the window's
read models, though it is no projection (it is never rebuilt): at most `limit` wrong codes
for one case number from one client in `window`, and at most `case_limit` from all clients
together; past either, every try — right code or not — is refused until the oldest has
aged out (TooManyAttempts with the seconds to wait). Per client first, so a stranger who
knows a public case number cannot lock its parties out with five tries (the case-wide cap
still bounds guessing from many addresses: 30 guesses of a 60-bit code per 15 minutes).

The tries are kept in the service's database, not in memory, so every replica counts
the same ones. A try takes its slot BEFORE the code is checked (a slot given back when
the code was right), in a short transaction that locks the case's row: however many
replicas race, no more than `limit` wrong codes are ever checked in a window, and no
lock is held while the (deliberately slow) hash is computed.
"""

from __future__ import annotations

import json
import math
import secrets
from collections.abc import Callable
from datetime import timedelta

from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.clock import Clock, SystemClock
from zhixing.kernel.errors import TooManyAttempts

LIMIT = 5
"""Wrong codes allowed per case number and client in `WINDOW`."""
CASE_LIMIT = 30
"""Wrong codes allowed per case number from all clients together in `WINDOW`."""
WINDOW = timedelta(minutes=15)
TABLE_DDL = """CREATE TABLE IF NOT EXISTS party_code_tries (
    case_key TEXT PRIMARY KEY, tries TEXT NOT NULL, last_at DOUBLE PRECISION NOT NULL)"""
INDEX_DDL = "CREATE INDEX IF NOT EXISTS party_code_tries_last ON party_code_tries (last_at)"


class WrongCodeLimiter:
    """Counts wrong codes per case number (`case_key`) in the store."""

    def __init__(self, store: SqlStore, clock: Clock | None = None, *, limit: int = LIMIT,
                 case_limit: int = CASE_LIMIT, window: timedelta = WINDOW) -> None:
        self.store = store
        self.clock = clock or SystemClock()
        self.limit = limit
        self.case_limit = case_limit
        self.window = window.total_seconds()

    @staticmethod
    def migrate(store: SqlStore) -> None:
        """Its one table: command state of the service, not a read model (no rebuild)."""
        with store.transaction() as cur:
            cur.execute(TABLE_DDL)
            cur.execute(INDEX_DDL)

    def attempt(self, case_key: str, check: Callable[[], bool], client: str = "") -> bool:
        """Run `check` (is the code right?) within the limits: TooManyAttempts when this
        client's or all clients' wrong codes for the case are used up; a wrong code keeps
        its slots, a right one frees them."""
        keys = ((case_key, self.case_limit), (f"{case_key}|{client}", self.limit))
        token = self._reserve(keys)
        right = check()
        if right:
            for key, _ in keys:
                self._release(key, token)
        return right

    def _reserve(self, keys: tuple[tuple[str, int], ...]) -> str:
        now, token = self.clock.now().timestamp(), secrets.token_hex(8)
        with self.store.transaction() as cur:
            # Always the case's row first, then the client's: one order, no deadlock.
            held = [(key, limit, _locked(cur, key, now)) for key, limit in keys]
            for _, limit, tries in held:
                recent = [t for t in tries if t[0] > now - self.window]
                if len(recent) >= limit:
                    wait = math.ceil(min(t[0] for t in recent) + self.window - now)
                    raise TooManyAttempts(
                        f"more than {limit} wrong access codes for this case in "
                        f"{int(self.window // 60)} minutes; try again in {wait} s",
                        retry_after=wait, field="access_code")
            for key, _, tries in held:
                _write(cur, key, [*(t for t in tries if t[0] > now - self.window),
                                  [now, token]], now)
        # Aged-out rows go in a transaction of their own: deleting them takes their row
        # locks, and taking another case's while holding this case's would deadlock with
        # a try on that case doing the same (PostgreSQL aborts one of them).
        with self.store.transaction() as cur:
            cur.execute("DELETE FROM party_code_tries WHERE last_at < %s",
                        (now - self.window,))
        return token

    def _release(self, case_key: str, token: str) -> None:
        now = self.clock.now().timestamp()
        with self.store.transaction() as cur:
            tries = _locked(cur, case_key, now)
            _write(cur, case_key, [t for t in tries if t[1] != token], now)


def _locked(cur: Cursor, case_key: str, now: float) -> list[list]:  # type: ignore[type-arg]
    """The case's tries, its row locked for this transaction (the UPDATE takes the row
    lock on PostgreSQL; SQLite's writing transaction holds the database's)."""
    cur.execute("INSERT INTO party_code_tries (case_key, tries, last_at) VALUES (%s, '[]', %s) "
                "ON CONFLICT (case_key) DO NOTHING", (case_key, now))
    cur.execute("UPDATE party_code_tries SET last_at = last_at WHERE case_key = %s",
                (case_key,))
    cur.execute("SELECT tries FROM party_code_tries WHERE case_key = %s", (case_key,))
    row = cur.fetchone()
    return list(json.loads(row[0])) if row else []


def _write(cur: Cursor, case_key: str, tries: list[list], now: float) -> None:  # type: ignore[type-arg]
    cur.execute("UPDATE party_code_tries SET tries = %s, last_at = %s WHERE case_key = %s",
                (json.dumps(tries), now, case_key))
