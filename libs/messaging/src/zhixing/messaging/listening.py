"""Hearing another process's appends: PostgreSQL LISTEN on the channel the event store
NOTIFYs on every insert (eventsourcing's recorder does, in the inserting transaction, so
the notice comes when the events are committed and readable).

The relay runs in a process of its own, so the in-process `Wakeup` never hears the API's
appends; it polled with a growing pause (20 ms, 40 ms, … up to 0.5 s) instead, and after
a quiet spell a filing waited for the next look (issue 19: ~30 ms of the pipeline's
latency at low rates). A `Listener` turns each notice into `Wakeup.notify()`, so an
idle relay reads at once. The notices only wake: the relay still reads its position from
the log, and its polling stays as the safety net when the listening connection is down
(reconnected after a growing pause; never an error for the relay).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from zhixing.messaging.pacing import Backoff, Wakeup

log = logging.getLogger(__name__)
CONNECT_TIMEOUT = 5
NOTICE_WAIT = 0.5
"""How long one wait for notices lasts before the stop flag is looked at again."""


class Listener:
    """A daemon thread LISTENing on `channel` (own autocommit connection to `dsn`) that
    wakes `wakeup` on every notice while `wanted()` says so, until `close()`. (A relay
    standing by is not woken: it would only ask for the lease at every append.)"""

    def __init__(self, dsn: str, channel: str, wakeup: Wakeup,
                 wanted: Callable[[], bool] = lambda: True) -> None:
        self.dsn = dsn
        self.channel = channel
        self.wakeup = wakeup
        self.wanted = wanted
        self.listening = threading.Event()
        """Set while the LISTEN is in place (tests wait on it; no notice is lost after)."""
        self._stop = threading.Event()
        self._retry = Backoff(0.2, 10.0)
        self._thread = threading.Thread(target=self._run, daemon=True, name="listener")

    def start(self) -> Listener:
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        self._thread.join(NOTICE_WAIT * 4)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._listen()
            except Exception as error:  # the relay polls meanwhile: a warning, not a stop
                self.listening.clear()
                # The error's type only: its text may quote the DSN (credentials).
                log.warning("listening for appends failed (%s); polling meanwhile",
                            type(error).__name__, extra={"channel": self.channel})
                self._stop.wait(self._retry.next())

    def _listen(self) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.dsn, autocommit=True,
                             connect_timeout=CONNECT_TIMEOUT) as conn:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
            self.wakeup.notify()  # appends made before the LISTEN: look once more
            self.listening.set()  # from here on, only notices move the wakeup
            self._retry.reset()
            while not self._stop.is_set():
                if _any_notice(conn) and self.wanted():
                    self.wakeup.notify()


def _any_notice(conn: Any) -> bool:
    """Whether a notice came within NOTICE_WAIT seconds (one is taken; any others come
    at once on the next call)."""
    return any(True for _ in conn.notifies(timeout=NOTICE_WAIT, stop_after=1))
