"""Pipeline benchmark (issue 2): FileCase commands/s and command-to-visible latency on
Kafka + PostgreSQL, beside two baselines measured in the same run on the same servers:
raw eventsourcing `save()` on the same PostgreSQL, and Kafka's own ProducerPerformance.

Prints figures and ratios; asserts nothing about time. Run with `make bench`.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.processes import Processes
from testkit.stack import process_env, stack_settings
from zhixing.eventstore.sql import SqlStore
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CLOSED_LOOP = 600  # commands per closed-loop run
OFFERED_RATE = 40  # commands per second for the latency run
OFFERED_SECONDS = 10


class Thing(Aggregate):
    @event("Made")
    def __init__(self, n: int) -> None:
        self.n = n


def raw_eventsourcing_saves(settings, count: int = 1500) -> float:
    """Baseline: raw eventsourcing save() of a small aggregate, 1 thread."""
    app = Application(env=settings.eventsourcing_env("rawbench"))
    start = time.perf_counter()
    for n in range(count):
        app.save(Thing(n))
    rate = count / (time.perf_counter() - start)
    app.close()
    return rate


def kafka_producer_performance(bootstrap: str, records: int = 200_000) -> float:
    """Baseline: Kafka's own ProducerPerformance, 300-byte records, acks=all."""
    cp = os.environ["ZHIXING_KAFKA_CP"]
    out = subprocess.run(
        ["java", "-Xmx512m", "-cp", cp, "org.apache.kafka.tools.ProducerPerformance",
         "--topic", f"bench-{time.time_ns()}", "--num-records", str(records),
         "--record-size", "300", "--throughput", "-1", "--producer-props",
         f"bootstrap.servers={bootstrap}", "acks=all"],
        capture_output=True, text=True, check=True).stdout
    return float(re.findall(r"([\d.]+) records/sec", out)[-1])


def filing(index: int):
    return file_case_request(index)


class Visibility:
    """Polls the publicity read model and notes when each case number first appears."""

    def __init__(self, settings) -> None:
        self.store = SqlStore(dsn=settings.postgres_dsn, schema=settings.schema("publicity"))
        self.seen: dict[str, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        while not self.stop.is_set():
            try:
                with self.store.transaction() as cur:
                    cur.execute("SELECT case_number FROM case_progress")
                    rows = cur.fetchall()
            except Exception:
                rows = []
            now = time.perf_counter()
            for (number,) in rows:
                self.seen.setdefault(number, now)
            self.stop.wait(0.005)

    def wait_for(self, numbers: list[str], timeout: float = 120) -> None:
        deadline = time.perf_counter() + timeout
        while not all(n in self.seen for n in numbers):
            if time.perf_counter() > deadline:
                raise SystemExit(f"only {sum(n in self.seen for n in numbers)} of "
                                 f"{len(numbers)} cases became visible")
            time.sleep(0.01)

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.store.close()


def closed_loop(client: ZhixingClient, start: int) -> float:
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda i: client.file_case(filing(i)), range(start, start + CLOSED_LOOP)))
    return CLOSED_LOOP / (time.perf_counter() - began)


def offered_load(client: ZhixingClient, visibility: Visibility) -> list[float]:
    """Open loop at OFFERED_RATE/s; latency = visible in publicity − command accepted."""
    accepted: dict[str, float] = {}
    interval = 1 / OFFERED_RATE
    began = time.perf_counter()

    def file_at(i: int) -> None:
        time.sleep(max(0.0, began + i * interval - time.perf_counter()))  # the schedule
        number = client.file_case(filing(10_000 + i)).case_number
        accepted[number] = time.perf_counter()

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(file_at, range(OFFERED_RATE * OFFERED_SECONDS)))
    visibility.wait_for(list(accepted))
    return sorted(visibility.seen[n] - t for n, t in accepted.items())


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(p * len(values)))]


def one_run(run: int) -> dict[str, float]:
    settings = stack_settings(Path(tempfile.mkdtemp()))
    env = process_env(settings)
    processes = Processes(Path(tempfile.mkdtemp()))
    try:
        api = processes.start_api("cases-api", ["cases", "api"], env)
        processes.start("cases-relay", ["cases", "relay"], env)
        processes.start("publicity-worker", ["publicity", "worker"], env)
        token = issue_token(Identity("bench", "officer", "川0104"), settings.jwt_secret)
        client = ZhixingClient(api, token)
        throughput = closed_loop(client, 0)
        visibility = Visibility(settings)  # only now: its polling would load the closed loop
        latencies = offered_load(client, visibility)
        visibility.close()
        client.close()
    finally:
        processes.stop_all()
    figures = {
        "filecase_per_s": throughput,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "raw_save_per_s": raw_eventsourcing_saves(settings),
        "kafka_records_per_s": kafka_producer_performance(settings.kafka_bootstrap),
    }
    print(f"run {run}: " + ", ".join(f"{k}={v:,.1f}" for k, v in figures.items()), flush=True)
    return figures


def main() -> None:
    runs = [one_run(n + 1) for n in range(RUNS)]
    for run in runs:  # ratios within a run: both sides saw the same machine load
        run["vs_raw_save"] = run["filecase_per_s"] / run["raw_save_per_s"]
        run["vs_kafka"] = run["filecase_per_s"] / run["kafka_records_per_s"]
    m = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"\nmedians of {RUNS} runs (2-core machine, loopback):")
    print(f"  FileCase closed loop (8 clients)      {m['filecase_per_s']:10,.1f} commands/s")
    print(f"  accepted -> visible at {OFFERED_RATE}/s offered   p50 {m['p50_ms']:8,.1f} ms"
          f"   p99 {m['p99_ms']:8,.1f} ms")
    print(f"  raw eventsourcing save() on same PG   {m['raw_save_per_s']:10,.1f} saves/s")
    print(f"  Kafka ProducerPerformance (300 B)     {m['kafka_records_per_s']:10,.1f} records/s")
    print(f"  ratio FileCase / raw save()           {m['vs_raw_save']:10.3f}")
    print(f"  ratio FileCase / Kafka producer       {m['vs_kafka']:10.5f}")


if __name__ == "__main__":
    main()
