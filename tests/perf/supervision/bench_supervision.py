"""Supervision KPI benchmark (issue 15, R33): the KPI projection's throughput beside the
raw read rate of the same source in the same run, and the latency of a KPI query for one
court-year and for a whole region beside the equivalent raw SQL.

The source: N synthetic integration events of the cases, assets, credit and relief topics
(BENCH_SUPERVISION_EVENTS, default 200,000, about 8 minutes for three rounds on both
backends; the issue's size, 1,000,000, took 11 minutes for ONE round on both on a busy
two-core machine — run it with BENCH_ROUNDS=1) in the
injected-events store, which reads exactly as a service's notification log does
(`NotificationLogSource`). The raw rate is the four logs iterated from the start and
parsed, nothing applied. The projection is the real one: `CaseKpiView`, one part per
topic, each replayed by `Rebuild` (tracking, `ce_id` de-duplication, the swap) as
`zhixing supervision rebuild` would, into a fresh version each round.

Queries at that size: `KpiQueries.court_months` for one court over 2026 (12 months and
the total) and `KpiQueries.region("成渝", …)` (all 20 courts); beside them the raw SQL
that gives what plain aggregation can — received, closed, 终本, claimed and recovered per
month (per court for the region) in two GROUP BY statements — with no R16 evaluation,
percentiles or limits.

Backends: a SQLite file (embedded mode), and PostgreSQL when ZHIXING_PG_DSN is set (a
fresh schema, dropped at the end). Prints medians of BENCH_ROUNDS rounds (default 3) and
of BENCH_QUERIES query runs (default 5); asserts nothing about time. Run with
`make bench-supervision`.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyRing, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.injected import InjectedEvents
from zhixing.messaging.rebuild import Rebuild
from zhixing.messaging.sources import NotificationLogSource
from zhixing.messaging.tracking import Tracking
from zhixing.supervision.projections.case_kpis import GROUPS, TOPICS, CaseKpiView
from zhixing.supervision.projections.kpi_queries import KpiQueries

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kpi_workload import envelopes

EVENTS = int(os.environ.get("BENCH_SUPERVISION_EVENTS", "200000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "5"))
BATCH = 1000
COURT, REGION, YEAR = "川0101", "成渝", ("2026-01", "2026-12")
RAW_CLOSED = """SELECT {group_closed}, COUNT(*), SUM(c.claim_total_fen),
    SUM((SELECT COALESCE(SUM(r.amount_fen), 0) FROM supervision_kpi_receipts r
         WHERE r.case_id = c.case_id AND r.received_on <= x.closed_on)),
    SUM(CASE WHEN x.closure = 'zhongben' THEN 1 ELSE 0 END)
    FROM supervision_kpi_cases c JOIN supervision_kpi_closures x ON x.case_id = c.case_id
    WHERE {scope} AND x.closed_on >= %s AND x.closed_on <= %s GROUP BY 1"""
RAW_RECEIVED = """SELECT {group_filed}, COUNT(*) FROM supervision_kpi_cases c
    WHERE {scope} AND c.filed_on >= %s AND c.filed_on <= %s GROUP BY 1"""


def fill(injected: InjectedEvents, n: int) -> dict[str, int]:
    """N events in the four logs, in multi-row inserts (the writer is not measured)."""
    counts: dict[str, int] = {}
    rows: list[tuple[str, str]] = []

    def flush() -> None:
        with injected.store.transaction() as cur:
            cur.execute("INSERT INTO injected_events (topic, envelope) VALUES "
                        + ", ".join(["(%s, %s)"] * len(rows)),
                        [value for row in rows for value in row])
        rows.clear()

    for topic, envelope in envelopes(n):
        counts[topic] = counts.get(topic, 0) + 1
        rows.append((topic, envelope))
        if len(rows) == 500:
            flush()
    if rows:
        flush()
    return counts


def raw_read(injected: InjectedEvents) -> int:
    """The four sources from their start, as the projection reads them, nothing applied."""
    count = 0
    for topic in TOPICS.values():
        source = NotificationLogSource(injected.log(topic), batch=BATCH)
        source.start(lambda stream: None)
        while deliveries := source.poll(0):
            count += len(deliveries)
    return count


def project(store: SqlStore, injected: InjectedEvents, cipher: FieldCipher) -> int:
    """Every part of the KPI view replayed from its topic (as `rebuild` does)."""
    replayed = 0
    for part, topic in TOPICS.items():
        job = Rebuild(store, CaseKpiView(cipher, part),
                      lambda group, topic=topic: NotificationLogSource(injected.log(topic),
                                                                       batch=BATCH),
                      GROUPS[part])
        job.run()
        replayed += job.replayed
    return replayed


def rate(work: Callable[[], int]) -> float:
    started = time.perf_counter()
    count = work()
    return count / (time.perf_counter() - started)


def latency(work: Callable[[], object]) -> float:
    """Median milliseconds of QUERIES runs."""
    times = []
    for _ in range(QUERIES):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def raw_sql(store: SqlStore, by_month: bool, scope: str, params: tuple[str, ...]) -> None:
    """Per month (by_month) or per court: what two GROUP BY statements can give."""
    groups = ({"group_closed": "substr(x.closed_on, 1, 7)", "group_filed": "substr(c.filed_on, 1, 7)"}
              if by_month else {"group_closed": "c.court_code", "group_filed": "c.court_code"})
    first, last = f"{YEAR[0]}-01", f"{YEAR[1]}-31"
    with store.transaction(read_only=True) as cur:
        for sql in (RAW_CLOSED, RAW_RECEIVED):
            cur.execute(sql.format(scope=scope, **groups), (*params, first, last))
            cur.fetchall()


def measure(name: str, store: SqlStore, injected: InjectedEvents) -> dict[str, float]:
    cipher = FieldCipher(KeyRing.from_text(new_key()))
    CaseKpiView.migrate(store)
    counts = fill(injected, EVENTS)
    for part, topic in TOPICS.items():  # the live consumers are at the head of each log
        live, log = Tracking(store, GROUPS[part]), injected.log(topic)
        with store.transaction() as cur:
            live.record(cur, log.stream, log.head())
    told = ", ".join(f"{topic.split('.')[1]} {n:,}" for topic, n in counts.items())
    print(f"  {name}: {told}")
    raws, projected = [], []
    for _round in range(ROUNDS):  # alternating, so both meet the same load
        raws.append(rate(lambda: raw_read(injected)))
        projected.append(rate(lambda: project(store, injected, cipher)))
    kpis = KpiQueries(store)
    return {
        "raw": statistics.median(raws), "projection": statistics.median(projected),
        "court": latency(lambda: kpis.court_months(COURT, *YEAR)),
        "court_raw": latency(lambda: raw_sql(store, True, "c.court_code = %s", (COURT,))),
        "region": latency(lambda: kpis.region(REGION, *YEAR)),
        "region_raw": latency(lambda: raw_sql(store, False,
                                              "(c.court_code LIKE %s OR c.court_code LIKE %s)",
                                              ("川%", "渝%")))}


def sqlite_round(tmp: Path) -> dict[str, float]:
    store = SqlStore(sqlite_path=tmp / "supervision" / "views.db")
    injected = InjectedEvents(SqlStore(sqlite_path=tmp / "injected" / "events.db"),
                              FieldCipher(KeyRing.from_text(new_key())))
    try:
        return measure("SQLite", store, injected)
    finally:
        store.close()
        injected.close()


def postgres_round(dsn: str) -> dict[str, float]:
    import psycopg

    schema = f"bench_supervision_{uuid.uuid4().hex[:8]}"
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
    print(f"supervision KPI benchmark — {EVENTS:,} integration events (cases, assets, credit, "
          f"relief), medians of {ROUNDS} rounds and {QUERIES} query runs, "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(("SQLite", sqlite_round(Path(tmp))))
    dsn = os.environ.get("ZHIXING_PG_DSN", "")
    if dsn:
        results.append(("PostgreSQL", postgres_round(dsn)))
    else:
        print("  (ZHIXING_PG_DSN not set: PostgreSQL skipped; `make bench-supervision` starts it)")
    print(f"  {'backend':<11} {'raw read ev/s':>14} {'KPI view ev/s':>14} {'view/raw':>9}")
    for name, r in results:
        print(f"  {name:<11} {r['raw']:>14,.0f} {r['projection']:>14,.0f} "
              f"{r['projection'] / r['raw']:>9.2f}")
    print(f"  {'backend':<11} {'query':<26} {'KpiQueries ms':>14} {'raw SQL ms':>11} "
          f"{'ratio':>7}")
    for name, r in results:
        for label, key in ((f"court-year {COURT} 2026", "court"),
                           (f"region {REGION} 2026", "region")):
            print(f"  {name:<11} {label:<26} {r[key]:>14,.1f} {r[key + '_raw']:>11,.1f} "
                  f"{r[key] / r[key + '_raw']:>7.1f}")


if __name__ == "__main__":
    main()
