"""Rebuild benchmark: how fast `zhixing publicity rebuild dishonest_list` replays, beside
the raw read rate of the same source in the same run (ratio).

The source is a notification log of N `ListingPublished` events (BENCH_REBUILD_EVENTS,
default 50,000) — the embedded store of injected events, which reads exactly as a
service's log does (`NotificationLogSource`). The raw rate is that source iterated from
the start and parsed, nothing applied. The rebuild is the real one (`Rebuild`): the
public list's projection writing a new version of its four tables, with tracking and
`ce_id` de-duplication, then the swap. The live consumer's position is set at the head
of the log, so each round replays everything into a fresh version.

Backends: a SQLite file (embedded mode), and PostgreSQL when ZHIXING_PG_DSN is set (a
fresh schema, dropped at the end). Prints medians of BENCH_ROUNDS rounds (default 3);
asserts nothing about time. Run with `make bench-rebuild`.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.credit.v1 import ListingPublished
from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.injected import InjectedEvents
from zhixing.messaging.rebuild import Rebuild
from zhixing.messaging.sources import NotificationLogSource
from zhixing.messaging.tracking import Tracking
from zhixing.publicity.projections.dishonest_list import DishonestListProjection

EVENTS = int(os.environ.get("BENCH_REBUILD_EVENTS", "50000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
TOPIC = "zhixing.credit.events.v1"
GROUP = "publicity.dishonest-list"
BATCH = 1000
COURTS = ("川0104", "渝0103", "川0105")


def envelope(i: int) -> str:
    event = ListingPublished(
        listing_id=f"L{i}", court_code=COURTS[i % 3], debtor_identity_number="510104199803121239",
        case_id=f"c{i}", case_number=f"(2026)川0104执{i}号", debtor_name="张三丰",
        debtor_kind="person", grounds=[1 + i % 4], decided_on="2026-04-20",
        published_on="2026-05-10")
    cloud = CloudEvent(id=uuid.uuid4().hex, source="/zhixing/chengdu/credit",
                       type=event.event_type, time="2026-05-10T01:00:00Z", subject=f"L{i}",
                       court=event.court_code, region="chengdu", sequence=1, position=0,
                       data=event.model_dump(mode="json"))
    return json.dumps(asdict(cloud), ensure_ascii=False, sort_keys=True)


def fill(injected: InjectedEvents, n: int) -> None:
    """N events in the log, in multi-row inserts (the writer is not what is measured)."""
    for start in range(0, n, 500):
        rows = [envelope(i) for i in range(start, min(n, start + 500))]
        with injected.store.transaction() as cur:
            cur.execute("INSERT INTO injected_events (topic, envelope) VALUES "
                        + ", ".join(["(%s, %s)"] * len(rows)),
                        [value for row in rows for value in (TOPIC, row)])


def raw_read(injected: InjectedEvents) -> int:
    """The source from its start, as the rebuild reads it, nothing applied."""
    source = NotificationLogSource(injected.log(TOPIC), batch=BATCH)
    source.start(lambda stream: None)
    count = 0
    while deliveries := source.poll(0):
        count += len(deliveries)
    return count


def rebuild(store: SqlStore, injected: InjectedEvents) -> int:
    cipher = FieldCipher(KeyRing.from_text(new_key()))  # R60: sealed, as in the suite
    job = Rebuild(store, DishonestListProjection(cipher),
                  lambda group: NotificationLogSource(injected.log(TOPIC), batch=BATCH), GROUP)
    job.run()
    return job.replayed


def rate(work: Callable[[], int]) -> float:
    started = time.perf_counter()
    count = work()
    return count / (time.perf_counter() - started)


def measure(name: str, store: SqlStore, injected: InjectedEvents) -> tuple[str, float, float]:
    DishonestListProjection.migrate(store)
    fill(injected, EVENTS)
    live = Tracking(store, GROUP)
    with store.transaction() as cur:
        live.record(cur, injected.log(TOPIC).stream, injected.log(TOPIC).head())
    raws, rebuilds = [], []
    for _round in range(ROUNDS):  # alternating, so both meet the same load
        raws.append(rate(lambda: raw_read(injected)))
        rebuilds.append(rate(lambda: rebuild(store, injected)))
    return name, statistics.median(raws), statistics.median(rebuilds)


def sqlite_round(tmp: Path) -> tuple[str, float, float]:
    store = SqlStore(sqlite_path=tmp / "publicity" / "views.db")
    injected = InjectedEvents(SqlStore(sqlite_path=tmp / "injected" / "events.db"),
                              FieldCipher(KeyRing.from_text(new_key())))
    try:
        return measure("SQLite", store, injected)
    finally:
        store.close()
        injected.close()


def postgres_round(dsn: str) -> tuple[str, float, float]:
    import psycopg

    schema = f"bench_rebuild_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        for part in ("views", "log"):
            conn.execute(f'CREATE SCHEMA "{schema}_{part}"')
    store = SqlStore(dsn=dsn, schema=f"{schema}_views")
    injected = InjectedEvents(SqlStore(dsn=dsn, schema=f"{schema}_log"),
                              FieldCipher(KeyRing.from_text(new_key())))
    try:
        return measure("PostgreSQL", store, injected)
    finally:
        store.close()
        injected.close()
        with psycopg.connect(dsn, autocommit=True) as conn:
            for part in ("views", "log"):
                conn.execute(f'DROP SCHEMA "{schema}_{part}" CASCADE')


def main() -> None:
    print(f"rebuild benchmark — {EVENTS:,} ListingPublished events, medians of {ROUNDS} "
          f"rounds, {platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(sqlite_round(Path(tmp)))
    dsn = os.environ.get("ZHIXING_PG_DSN", "")
    if dsn:
        results.append(postgres_round(dsn))
    else:
        print("  (ZHIXING_PG_DSN not set: PostgreSQL skipped; `make bench-rebuild` starts it)")
    print(f"  {'backend':<11} {'raw read ev/s':>14} {'rebuild ev/s':>13} {'rebuild/raw':>12}")
    for name, raw, rebuilt in results:
        print(f"  {name:<11} {raw:>14,.0f} {rebuilt:>13,.0f} {rebuilt / raw:>12.2f}")


if __name__ == "__main__":
    main()
