"""Pipeline benchmark (issue 2): FileCase commands/s and command-to-visible latency on
Kafka + PostgreSQL, beside two baselines measured in the same run on the same servers:
raw eventsourcing `save()` on the same PostgreSQL, and Kafka's own ProducerPerformance.

Latency is measured at BENCH_RATE (40) commands/s offered and at half the closed loop's
rate, with a stage breakdown (issue 19): the relay and the consumer mark each event's
stages in a shared log (`zhixing.messaging.stages`), and `stage_breakdown` splits each
case's latency into them. Embedded mode (`zhixing run`, SQLite, one process) is measured
too: accepted -> the case-progress projection committed, between the notification logs.

Knobs: BENCH_RUNS (3), BENCH_CLOSED (600 commands), BENCH_RATE (40/s), BENCH_SECONDS
(10 s of offered load), BENCH_HALF (1: also at half the maximum rate), BENCH_BASELINES
(1: the raw save() and Kafka producer baselines), BENCH_MODES ("cluster,embedded").

Prints figures and ratios; asserts nothing about time. Run with `make bench`.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import (
    Visibility,
    closed_loop,
    committed_latencies,
    offered_load,
    percentile,
    visible_latencies,
)
from stage_breakdown import CLUSTER, EMBEDDED, gaps, print_table, read_marks, summary

from testkit.client import ZhixingClient
from testkit.processes import Processes
from testkit.stack import process_env, stack_settings
from testkit.suites import embedded_suite
from zhixing.messaging.stages import SETTING
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
OFFERED_RATE = float(os.environ.get("BENCH_RATE", "40"))  # commands/s for the latency run
HALF = os.environ.get("BENCH_HALF", "1") == "1"
BASELINES = os.environ.get("BENCH_BASELINES", "1") == "1"
MODES = os.environ.get("BENCH_MODES", "cluster,embedded").split(",")
BEFORE = os.environ.get("BENCH_BEFORE", "")
"""A git revision: each run also measures the pipeline code (libs/messaging, libs/runtime)
as it was there, beside today's, on the same servers (before/after in the same run)."""
OVERLAID = ("libs/messaging/src", "libs/runtime/src")


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


def rates(throughput: float) -> list[tuple[str, float]]:
    """The offered rates of a run: BENCH_RATE, and half the closed loop's rate."""
    return [("rate", OFFERED_RATE)] + ([("half", throughput / 2)] if HALF else [])


def variants() -> list[tuple[str, dict[str, str]]]:
    """("after", no change) and, with BENCH_BEFORE, ("before", its code first on the path)."""
    if not BEFORE:
        return [("now", {})]
    root = Path(tempfile.mkdtemp(prefix="bench-before-"))
    archive = subprocess.run(["git", "archive", BEFORE, *OVERLAID], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    path = os.pathsep.join(str(root / part) for part in OVERLAID)
    return [("before", {"PYTHONPATH": path}), ("after", {})]


def cluster_run(run: int, variant: dict[str, str]) -> dict[str, object]:
    settings = stack_settings(Path(tempfile.mkdtemp()))
    log = Path(tempfile.mkdtemp()) / "stages.log"
    env = {**process_env(settings), SETTING: str(log), **variant}
    processes = Processes(Path(tempfile.mkdtemp()))
    figures: dict[str, object] = {}
    try:
        api = processes.start_api("cases-api", ["cases", "api"], env)
        processes.start("cases-relay", ["cases", "relay"], env)
        processes.start("publicity-worker", ["publicity", "worker"], env)
        token = issue_token(Identity("bench", "officer", "川0104"), settings.jwt_secret)
        client = ZhixingClient(api, token)
        figures["filecase_per_s"] = closed_loop(client, 0)
        visibility = Visibility(settings)  # only now: its polling would load the closed loop
        for n, (name, rate) in enumerate(rates(float(figures["filecase_per_s"]))):
            offered = offered_load(client, rate, 10_000 * (n + 1))
            latencies = visible_latencies(offered, visibility)
            committed_latencies(offered, log)  # every mark written before reading them
            figures[f"{name}_per_s"] = rate
            figures[f"{name}_p50_ms"] = percentile(latencies, 0.50) * 1000
            figures[f"{name}_p99_ms"] = percentile(latencies, 0.99) * 1000
            figures[f"{name}_stages"] = summary(gaps(offered.by_id, read_marks(log), CLUSTER))
        visibility.close()
        client.close()
    finally:
        processes.stop_all()
    if BASELINES:
        figures["raw_save_per_s"] = raw_eventsourcing_saves(settings)
        figures["kafka_records_per_s"] = kafka_producer_performance(settings.kafka_bootstrap)
    _print_run(f"cluster run {run}{' (before)' if variant else ''}", figures)
    return figures


def embedded_run(run: int, variant: dict[str, str]) -> dict[str, object]:
    """The same measure in embedded mode: accepted -> the projection committed."""
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        log = Path(tmp) / "stages.log"
        processes = Processes(Path(tmp))
        try:
            suite = embedded_suite(processes, Path(tmp), ("cases",), "2026-03-02T10:00:00+08:00",
                                   **{SETTING: str(log), **variant})
            client = ZhixingClient(suite.target("cases"),
                                   suite.token(Identity("bench", "officer", "川0104")))
            figures["filecase_per_s"] = closed_loop(client, 0)
            for n, (name, rate) in enumerate(rates(float(figures["filecase_per_s"]))):
                offered = offered_load(client, rate, 10_000 * (n + 1))
                latencies = committed_latencies(offered, log)
                figures[f"{name}_per_s"] = rate
                figures[f"{name}_p50_ms"] = percentile(latencies, 0.50) * 1000
                figures[f"{name}_p99_ms"] = percentile(latencies, 0.99) * 1000
                figures[f"{name}_stages"] = summary(gaps(offered.by_id, read_marks(log),
                                                         EMBEDDED))
            client.close()
        finally:
            processes.stop_all()
    _print_run(f"embedded run {run}{' (before)' if variant else ''}", figures)
    return figures


def _print_run(title: str, figures: dict[str, object]) -> None:
    print(f"{title}: " + ", ".join(f"{k}={v:,.1f}" for k, v in figures.items()
                                   if isinstance(v, float)) + f"  (load {_load()})", flush=True)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _median(runs: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs if key in r)  # type: ignore[arg-type]


def report(mode: str, runs: list[dict[str, object]]) -> None:
    print(f"\n{mode}: medians of {len(runs)} runs (2-core machine, loopback; load {_load()}):")
    print(f"  FileCase closed loop (8 clients)      {_median(runs, 'filecase_per_s'):10,.1f} commands/s")
    for name, _rate in rates(_median(runs, "filecase_per_s")):
        print(f"  accepted -> visible at {_median(runs, f'{name}_per_s'):6,.1f}/s offered"
              f"   p50 {_median(runs, f'{name}_p50_ms'):8,.1f} ms"
              f"   p99 {_median(runs, f'{name}_p99_ms'):8,.1f} ms")
        print_table(f"stages at {_median(runs, f'{name}_per_s'):,.1f}/s",
                    [r[f"{name}_stages"] for r in runs])  # type: ignore[misc]
    if mode.startswith("cluster") and BASELINES:
        print(f"  raw eventsourcing save() on same PG   {_median(runs, 'raw_save_per_s'):10,.1f} saves/s")
        kafka = _median(runs, "kafka_records_per_s")
        print(f"  Kafka ProducerPerformance (300 B)     {kafka:10,.1f} records/s")
        for r in runs:  # ratios within a run: both sides saw the same machine load
            r["vs_raw_save"] = float(r["filecase_per_s"]) / float(r["raw_save_per_s"])  # type: ignore[arg-type]
            r["vs_kafka"] = float(r["filecase_per_s"]) / float(r["kafka_records_per_s"])  # type: ignore[arg-type]
        print(f"  ratio FileCase / raw save()           {_median(runs, 'vs_raw_save'):10.3f}")
        print(f"  ratio FileCase / Kafka producer       {_median(runs, 'vs_kafka'):10.5f}")


def main() -> None:
    chosen = variants()
    for mode, one_run in (("cluster", cluster_run), ("embedded", embedded_run)):
        if mode not in MODES:
            continue
        runs: dict[str, list[dict[str, object]]] = {name: [] for name, _ in chosen}
        for n in range(RUNS):  # before and after alternate, first one then the other
            for name, variant in chosen if n % 2 == 0 else chosen[::-1]:  # (load drifts)
                runs[name].append(one_run(n + 1, variant))
        for name, _ in chosen:
            report(f"{mode} ({name})", runs[name])


if __name__ == "__main__":
    main()
