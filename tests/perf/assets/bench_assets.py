"""Assets benchmark: 网络查控 fan-out on the real Kafka broker and PostgreSQL (R41, DESIGN
§5, §13) — debtors per second from `start_inquiries` until every agency's answer is
applied, beside Kafka's own ProducerPerformance on the same broker in the same run.

Each run takes a fresh corner of the stack (its own schemas and topics, dropped after
the run) and runs it as a cluster does, one process per role: `zhixing assets relay`,
`zhixing assets worker` (its sweep job idle and the clock standing still, so nothing but
the fan-out is measured) and `zhixing agency-sim` (the 16 agencies of the registry, 12
kinds, answering over Kafka after 0–5 ms, no errors). This process stands in for the API:
it starts the inquiries through the application on the same store. After a warm-up
(consumer groups joined, caches filled) it starts one inquiry per debtor (one case per
debtor, one thread) and times three moments from the first start:
  - every inquiry started (each one event-store save of the inquiry and its requests);
  - every request published (the relay's position: Kafka acknowledged them all);
  - every answer applied (agencies → Kafka → tracked consumer → batched saves), which
    also completes every inquiry.

Prints figures and ratios (medians of BENCH_RUNS runs); asserts nothing about time.
Run with `make bench-assets` (or `make bench`, which runs every benchmark).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import get_topic

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from testkit.processes import Processes
from testkit.stack import process_env, stack_settings
from zhixing.assets.application import AssetsApplication
from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.assets.bootstrap import build
from zhixing.assets.domain.inquiry import Inquiry
from zhixing.cases.demo import resident_id
from zhixing.eventstore.settings import Settings
from zhixing.messaging import relay
from zhixing.messaging.kafka import ensure_topics

REPO = Path(__file__).resolve().parents[3]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
DEBTORS = int(os.environ.get("BENCH_DEBTORS", "300"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "20"))
PRODUCER_RECORDS = int(os.environ.get("BENCH_PRODUCER_RECORDS", "200000"))
RAW_SAVES = int(os.environ.get("BENCH_RAW_SAVES", "600"))
TIMEOUT = 600.0
CLOCK = "2026-03-02T10:00:00+08:00"
"""The service's clock stands still: no resend or deadline falls due during a run."""


# --- baselines, measured in every run on the same servers -------------------------------

class Thing(Aggregate):
    @event("Made")
    def __init__(self, n: int) -> None:
        self.n = n


def raw_eventsourcing_saves(settings: Settings) -> float:
    """raw eventsourcing save() of a one-event aggregate, 1 thread, same PostgreSQL."""
    app: Application[Any] = Application(env=settings.eventsourcing_env("rawbench"))
    try:
        began = time.perf_counter()
        for n in range(RAW_SAVES):
            app.save(Thing(n))
        return RAW_SAVES / (time.perf_counter() - began)
    finally:
        app.close()


def producer_performance(bootstrap: str, topic: str) -> float:
    """Kafka's own ProducerPerformance: 300-byte records, acks=all, on a topic of 3
    partitions like the service's (records/s)."""
    ensure_topics(bootstrap, [topic])
    out = subprocess.run(
        ["java", "-Xmx512m", "-cp", os.environ["ZHIXING_KAFKA_CP"],
         "org.apache.kafka.tools.ProducerPerformance", "--topic", topic,
         "--num-records", str(PRODUCER_RECORDS), "--record-size", "300",
         "--throughput", "-1", "--producer-props", f"bootstrap.servers={bootstrap}",
         "acks=all"], capture_output=True, text=True, check=True).stdout
    return float(re.findall(r"([\d.]+) records/sec", out)[-1])


# --- the service under load ---------------------------------------------------------------

def debtor_case(run: int, index: int) -> CaseRef:
    """One case of 川0104 with one natural-person debtor; every index a new debtor."""
    birth = (date(1960, 1, 1) + timedelta(days=index // 900)).strftime("%Y%m%d")
    debtor = Debtor(resident_id("510104", birth, f"{index % 900 + 100:03d}"), "王某")
    return CaseRef(f"bench-{run}-{index:06d}", f"(2026)川0104执{index + 1}号", "川0104",
                   (debtor,), claim_total_fen=10_000_00)


class Applied:
    """Answers applied and inquiries completed, counted from the event store's
    notification log (filtered by event topic, from where it last looked)."""

    def __init__(self, app: AssetsApplication) -> None:
        self.app = app
        self.position = 0
        self.answered_topic = get_topic(Inquiry.Answered)
        self.topics = [self.answered_topic, get_topic(Inquiry.Completed)]
        self.answered = self.completed = 0

    def count(self) -> tuple[int, int]:
        while True:
            batch = self.app.notification_log.select(
                start=self.position, limit=1000, topics=self.topics, inclusive_of_start=False)
            for notification in batch:
                if notification.topic == self.answered_topic:
                    self.answered += 1
                else:
                    self.completed += 1
            if batch:
                self.position = batch[-1].id
            if len(batch) < 1000:
                return self.answered, self.completed


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class FanOut:
    """The service as a cluster runs it — `zhixing assets relay`, `zhixing assets worker`
    and `zhixing agency-sim`, each its own process — and this process in the API's place,
    starting inquiries through the application on the same store."""

    def __init__(self, settings: Settings, seed: int, log_dir: Path) -> None:
        self.instance = build(settings)  # creates the schemas before the processes start
        self.app: AssetsApplication = self.instance.outbox.app  # type: ignore[union-attr]
        queried = self.app.agencies.able_to("query")
        self.agencies, self.kinds = len(queried), len({a.kind for a in queried})
        self.applied = Applied(self.app)
        self.store = self.instance.store
        relay.migrate(self.store)  # the relay process may not have created its table yet
        env = process_env(settings, ZHIXING_CLOCK_FILE=settings.clock_file,
                          ZHIXING_SWEEP_SECONDS=str(settings.sweep_seconds))
        self.processes = Processes(log_dir)
        self.processes.start("assets-relay", ["assets", "relay"], env)
        self.processes.start("assets-worker", ["assets", "worker"], env)
        self.processes.start("agency-sim", [
            "agency-sim", "--transport", "kafka", "--latency-ms", "0-5", "--error-rate", "0",
            "--seed", str(seed), "--group", f"sim-{settings.topic_namespace}",
            "--progress-every", "0"], env)

    def published(self) -> int:
        """The relay's position: notifications whose events Kafka has acknowledged."""
        with self.store.transaction(read_only=True) as cur:
            cur.execute("SELECT COALESCE(MAX(position), 0) FROM relay_position")
            return int(cur.fetchone()[0])  # type: ignore[index]

    def cpu(self) -> dict[str, float]:
        """CPU seconds each process has used so far (this one: starts and polling)."""
        used = {name: cpu_seconds(process.pid) for name, process in self.processes.running}
        return {**used, "bench": cpu_seconds(os.getpid())}

    def inquire(self, cases: list[CaseRef]) -> dict[str, float]:
        """Start one inquiry per case; seconds from the first start until each moment,
        and the CPU seconds each process used meanwhile ("cpu:<process>")."""
        expected = len(cases) * self.agencies
        answered, completed = self.applied.count()
        cpu_before, before = self.cpu(), self.app.recorder.max_notification_id() or 0
        began = time.perf_counter()
        for case in cases:
            self.app.start_inquiries(case, "filing")
        moments = {"started": time.perf_counter() - began}
        last_start = self._last_started(since=before)
        while "applied" not in moments:
            now = time.perf_counter() - began
            if "published" not in moments and self.published() >= last_start:
                moments["published"] = now
            done = self.applied.count()
            if done[0] - answered >= expected and done[1] - completed >= len(cases):
                moments["applied"] = now
                moments.setdefault("published", now)
            elif now > TIMEOUT or self._exited():
                raise SystemExit(f"not every answer applied after {now:.0f} s; "
                                 + "; ".join(f"{name}: {self.processes.log(name)[-800:]}"
                                             for name, _ in self.processes.running))
            else:
                time.sleep(0.005)  # polling interval of the measurement
        cpu_after = self.cpu()
        return moments | {f"cpu:{k}": cpu_after[k] - v for k, v in cpu_before.items()}

    def _last_started(self, since: int) -> int:
        """The notification id of the last inquiry started after `since`."""
        started, topics = since, [get_topic(Inquiry.Started)]
        while batch := self.app.notification_log.select(
                start=started, limit=1000, topics=topics, inclusive_of_start=False):
            started = batch[-1].id
        return started

    def _exited(self) -> bool:
        return any(process.poll() is not None for _, process in self.processes.running)

    def close(self) -> None:
        self.processes.stop_all()
        self.instance.close()


def discard(settings: Settings, topics: list[str]) -> None:
    """Drop the run's schemas and topics: runs neither mix nor pile up on the broker."""
    import psycopg
    from confluent_kafka.admin import AdminClient

    with psycopg.connect(settings.postgres_dsn, autocommit=True) as conn:
        schemas = [r[0] for r in conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
            (settings.schema_prefix + "\\_%",))]
        for schema in schemas:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    admin = AdminClient({"bootstrap.servers": settings.kafka_bootstrap})
    ours = [t for t in admin.list_topics(timeout=30).topics
            if t.startswith(settings.topic_namespace + ".") or t in topics]
    for future in (admin.delete_topics(ours, operation_timeout=30).values() if ours else []):
        future.result(30)
    shutil.rmtree(settings.var_dir, ignore_errors=True)


def one_run(run: int) -> dict[str, float]:
    var_dir = Path(tempfile.mkdtemp(prefix="bench-assets-"))
    (var_dir / "clock").write_text(CLOCK)
    settings = stack_settings(var_dir, clock_file=str(var_dir / "clock"), sweep_seconds=3600.0)
    producer_topic = settings.topic("bench.producer-performance")
    try:
        fan_out = FanOut(settings, seed=run, log_dir=var_dir)
        try:
            fan_out.inquire([debtor_case(run, 100_000 + i) for i in range(WARMUP)])
            moments = fan_out.inquire([debtor_case(run, i) for i in range(DEBTORS)])
            agencies, kinds = fan_out.agencies, fan_out.kinds
        finally:
            fan_out.close()
        kafka = producer_performance(settings.kafka_bootstrap, producer_topic)
        raw = raw_eventsourcing_saves(settings)
    finally:
        discard(settings, [producer_topic])
    requests = DEBTORS * agencies
    f = {"agencies": agencies, "kinds": kinds,
         "debtors_per_s": DEBTORS / moments["applied"],
         "requests_per_s": requests / moments["published"],
         "answers_per_s": requests / moments["applied"],
         "starts_per_s": DEBTORS / moments["started"],
         "started_s": moments["started"], "published_s": moments["published"],
         "applied_s": moments["applied"],
         "kafka_records_per_s": kafka, "raw_save_per_s": raw}
    f["requests_vs_kafka"] = f["requests_per_s"] / kafka
    f["answers_vs_kafka"] = f["answers_per_s"] / kafka
    f["starts_vs_raw_save"] = f["starts_per_s"] / raw
    f.update({k: v for k, v in moments.items() if k.startswith("cpu:")})
    print(f"run {run}: " + ", ".join(f"{k}={v:,.4g}" for k, v in f.items()), flush=True)
    return f


# --- report -------------------------------------------------------------------------------

def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True,
                              text=True).stdout.strip()

    dirty = " + uncommitted changes" if git("status", "--porcelain") else ""
    return f"{git('rev-parse', '--short', 'HEAD')}{dirty}"


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def report(m: dict[str, float]) -> None:
    n, requests = DEBTORS, int(DEBTORS * m["agencies"])
    print(f"\nmedians of {RUNS} runs: {n} debtors (one inquiry each) x {m['agencies']:.0f} "
          f"agencies of {m['kinds']:.0f} kinds = {requests:,} requests; agencies answer "
          f"after 0-5 ms, no errors; processes: assets relay, assets worker, agency-sim")
    print(f"  debtors/s, first start -> every answer applied  {m['debtors_per_s']:12,.1f} /s")
    print(f"  requests/s, first start -> all published        {m['requests_per_s']:12,.1f} /s")
    print(f"  answers applied/s, first start -> all applied   {m['answers_per_s']:12,.1f} /s")
    print(f"  start_inquiries/s (one save per inquiry)        {m['starts_per_s']:12,.1f} /s")
    print(f"  Kafka ProducerPerformance (300 B, acks=all)     {m['kafka_records_per_s']:12,.1f}"
          " records/s")
    print(f"  raw eventsourcing save() on the same PG         {m['raw_save_per_s']:12,.1f} /s")
    print(f"  ratio requests/s / Kafka producer records/s     {m['requests_vs_kafka']:12.5f}")
    print(f"  ratio answers applied/s / Kafka records/s       {m['answers_vs_kafka']:12.5f}")
    print(f"  ratio start_inquiries/s / raw save()/s          {m['starts_vs_raw_save']:12.3f}")
    print("  where the time goes (seconds from the first start_inquiries call):")
    print(f"    every inquiry started (saved)                 {m['started_s']:9.2f} s")
    print(f"    every request published (Kafka acknowledged)  {m['published_s']:9.2f} s")
    print(f"    every answer applied, every inquiry complete  {m['applied_s']:9.2f} s")
    print("  CPU seconds each process used from the first start until all applied")
    print(f"  ({os.cpu_count()} CPUs shared with whatever else runs on the machine):")
    for key in sorted(k for k in m if k.startswith("cpu:")):
        print(f"    {key[4:]:<44}  {m[key]:9.2f} s")


def main() -> None:
    began = time.perf_counter()
    print(f"assets benchmark — {os.cpu_count()} CPUs, commit {commit()}, {RUNS} runs of "
          f"{DEBTORS} debtors (+{WARMUP} warm-up), load average {load_average()}", flush=True)
    runs = [one_run(n + 1) for n in range(RUNS)]
    medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    report(medians)
    print(f"\n(whole benchmark {time.perf_counter() - began:,.0f} s; load average now "
          f"{load_average()}: other work on the machine shows here)")
    out = REPO / "var" / "bench" / "assets.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"cpus": os.cpu_count(), "commit": commit(), "runs": runs,
                               "debtors": DEBTORS, "medians": medians}, indent=2))
    print(f"figures also in {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
