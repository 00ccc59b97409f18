"""Writers of one SQLite file in one process take turns (issue 12, item 1): a dozen
consumer threads polling SQLite's busy handler for the one write lock starved some of
them past the busy timeout ("database is locked") while others took it again and again."""

from __future__ import annotations

import threading
import time

from zhixing.eventstore.sql import SqlStore

WRITERS = 8
TURNS = 25


class TestWritersOfOneFile:
    def test_no_writer_times_out_when_many_threads_write_back_to_back(self, tmp_path):
        stores = [SqlStore(sqlite_path=tmp_path / "views.db", busy_timeout=1.0)
                  for _ in range(WRITERS)]
        stores[0].migrate("CREATE TABLE IF NOT EXISTS turns (writer INTEGER, turn INTEGER)")
        failures: list[str] = []

        def write(n: int) -> None:
            for turn in range(TURNS):
                try:
                    with stores[n].transaction() as cur:
                        cur.execute("INSERT INTO turns VALUES (%s, %s)", (n, turn))
                        time.sleep(0.01)  # a transaction that does some work (GIL released)
                except Exception as error:
                    failures.append(type(error).__name__)

        threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with stores[0].transaction(read_only=True) as cur:
            cur.execute("SELECT COUNT(*) FROM turns")
            written = cur.fetchone()
        for store in stores:
            store.close()
        assert (failures, written) == ([], (WRITERS * TURNS,))
