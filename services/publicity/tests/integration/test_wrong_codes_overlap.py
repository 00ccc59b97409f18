"""Wrong-code tries on two cases at once on PostgreSQL (issue 17): a try takes its case's
row lock, and the clean-up of aged-out rows must not take another case's row while
holding its own — two such tries would wait on each other (a deadlock: one party's try
answered with an error). Connected: SQLite has one writer and cannot show it."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from testkit.stored import backend_settings
from zhixing.kernel.clock import FixedClock
from zhixing.publicity.projections import wrong_codes
from zhixing.publicity.projections.wrong_codes import WrongCodeLimiter

X, Y = "(2026)川0104执1号", "(2026)川0104执2号"
WAIT_SECONDS = 10.0
"""How long the test waits for the other try to reach its lock wait (a bound, not a pace)."""

pytestmark = pytest.mark.connected


def _waiting_on_a_lock(store) -> bool:  # type: ignore[no-untyped-def]
    with store.transaction(read_only=True) as cur:
        cur.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query LIKE %s", ("%party_code_tries%",))
        return int(cur.fetchone()[0]) > 0


def test_both_tries_answered_when_two_cases_with_aged_out_rows_are_tried_at_once(tmp_path):
    clock = FixedClock(datetime(2026, 3, 6, 2, 0, tzinfo=UTC))
    store = backend_settings("postgresql", tmp_path).sql_store("publicity")
    WrongCodeLimiter.migrate(store)
    limiter = WrongCodeLimiter(store, clock)
    for case in (X, Y):
        assert limiter.attempt(case, lambda: False) is False
    clock.advance(timedelta(minutes=16))  # both rows aged out
    now = clock.now().timestamp()
    errors: list[BaseException] = []

    def try_x() -> None:
        try:
            assert limiter.attempt(X, lambda: False) is False
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    try:
        # A try on Y in flight: its row locked and written, as a try does ...
        with store.transaction() as cur:
            wrong_codes._locked(cur, Y, now)
            wrong_codes._write(cur, Y, [[now, "y"]], now)
            other = threading.Thread(target=try_x)
            other.start()
            deadline = time.monotonic() + WAIT_SECONDS
            while not _waiting_on_a_lock(store) and other.is_alive():
                assert time.monotonic() < deadline, "the try on X never reached Y's lock"
            # ... now cleaning up while it holds Y: it must not wait on X's row.
            cur.execute("DELETE FROM party_code_tries WHERE last_at < %s AND case_key <> %s",
                        (now - WrongCodeLimiter(store).window, Y))
        other.join(WAIT_SECONDS)
        assert not other.is_alive() and errors == []
    finally:
        store.close()
