"""Cases benchmark: FileCase and RecordPayment throughput beside raw eventsourcing `save()`
on the same store (ratio), and the time to load a case of 2,000 events cold, with and
without a snapshot.

Backends: PostgreSQL when ZHIXING_PG_DSN is set (a fresh schema prefix per round, AES at
rest as in cluster mode), and a SQLite file in a temporary `var_dir` (embedded mode). The
baseline is a plain `eventsourcing.application.Application` built from the same
`Settings.eventsourcing_env`, saving a one-event aggregate at the same thread count, timed
in slices that alternate with each figure it is compared to, so both meet the same load on
a shared machine. Everything runs in this one process (gRPC: an in-process server).

Prints figures and ratios (medians of BENCH_ROUNDS rounds); asserts nothing about time.
Run with `make bench-cases` (or `make bench`, which runs every benchmark).
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from testkit.filings import file_case_request
from zhixing.cases.application import CasesApplication
from zhixing.cases.demo import credit_code, resident_id
from zhixing.cases.domain.filing import Basis, Claim, Filing, Party, validate_filing
from zhixing.eventstore.settings import Settings, new_cipher_key
from zhixing.kernel.clock import FixedClock

REPO = Path(__file__).resolve().parents[3]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
RAW_SAVES = int(os.environ.get("BENCH_RAW_SAVES", "450"))
FILINGS = int(os.environ.get("BENCH_FILINGS", "240"))
PAYMENTS = int(os.environ.get("BENCH_PAYMENTS", "400"))
PAYMENT_CASES = 100
CASE_EVENTS = int(os.environ.get("BENCH_CASE_EVENTS", "2000"))
LOADS = int(os.environ.get("BENCH_LOADS", "20"))
GRPC = os.environ.get("BENCH_GRPC", "1") != "0"
WARMUP = 10
SLICES = 3

TODAY = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # the clock of every command
COURTS = ["川0104", "川0107", "渝0103", "渝0105", "川0106"]


# --- the baseline -----------------------------------------------------------------------

class Thing(Aggregate):
    @event("Made")
    def __init__(self, n: int) -> None:
        self.n = n


# --- the applications measured ----------------------------------------------------------

class NoSnapshots(CasesApplication):
    """The cases application without a snapshot store (same tables: same `name`)."""

    name = "cases"
    snapshotting_intervals = {}  # noqa: RUF012


def _without_cache(env: Any) -> dict[str, str]:
    return {k: v for k, v in dict(env or {}).items() if not k.startswith("AGGREGATE_CACHE")}


class ColdNoSnapshots(NoSnapshots):
    """Replays every stored event on each `repository.get`: no cache, no snapshots."""

    name = "cases"  # eventsourcing names the PostgreSQL tables after the application

    def construct_env(self, name: str, env: Any = None) -> Any:
        return super().construct_env(name, _without_cache(env))


class ColdWithSnapshots(CasesApplication):
    """Reads the latest snapshot, then the events after it: no cache."""

    name = "cases"

    def construct_env(self, name: str, env: Any = None) -> Any:
        return super().construct_env(name, _without_cache(env))


# --- settings per backend and round -----------------------------------------------------

def backends() -> list[str]:
    return (["postgres"] if os.environ.get("ZHIXING_PG_DSN") else []) + ["sqlite"]


LABELS = {"postgres": "PostgreSQL (schema per round, AES at rest as in cluster mode)",
          "sqlite": "SQLite file (tmp var_dir, embedded mode: no cipher)"}


def fresh_settings(backend: str) -> Settings:
    var_dir = Path(tempfile.mkdtemp(prefix=f"bench-cases-{backend}-"))
    tag = "bc" + uuid.uuid4().hex[:10]
    common: dict[str, Any] = {"var_dir": var_dir, "grpc_port": 0, "jwt_secret": uuid.uuid4().hex}
    if backend == "postgres":
        return Settings(postgres_dsn=os.environ["ZHIXING_PG_DSN"], schema_prefix=tag,
                        cipher_key=new_cipher_key(), **common)
    return Settings(**common)


def discard(settings: Settings) -> None:
    """Drop the round's schemas (PostgreSQL) and files, so runs neither mix nor pile up."""
    if settings.uses_postgres:
        import psycopg

        with psycopg.connect(settings.postgres_dsn, autocommit=True) as conn:
            schemas = [r[0] for r in conn.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
                (settings.schema_prefix + "\\_%",))]
            for schema in schemas:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
    shutil.rmtree(settings.var_dir, ignore_errors=True)


# --- filings ----------------------------------------------------------------------------

def a_filing(index: int, court: str = "川0104") -> Filing:
    person = resident_id("510104", "19980312", f"{index % 900 + 100:03d}")
    return validate_filing(
        court_code=court, case_type="执",
        basis=Basis("judgment", "成都市锦江区人民法院", f"(2025)川0104民初{index}号",
                    "2025-12-01"),
        applicants=[Party("applicant", "natural_person", "张伟", person)],
        respondents=[Party("respondent", "organisation", "成都锦城建设有限公司",
                           credit_code("91510104MA6C", "Q1W2E"))],
        claim=Claim(100_000_00 + index, 0, 1_000_00), today=date(2026, 3, 2))


_serial = iter(range(10**9))


def next_index() -> int:
    return next(_serial)


# --- timing helpers ---------------------------------------------------------------------

def in_threads(work: Sequence[Sequence[Callable[[], Any]]]) -> float:
    """Run each list of calls in its own thread, all starting together; return seconds."""
    if len(work) == 1:
        began = time.perf_counter()
        for call in work[0]:
            call()
        return time.perf_counter() - began
    barrier = threading.Barrier(len(work) + 1)
    errors: list[BaseException] = []

    def run(calls: Sequence[Callable[[], Any]]) -> None:
        barrier.wait()
        try:
            for call in calls:
                call()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(calls,)) for calls in work]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - began


Work = list[list[Callable[[], Any]]]
"""One list of calls per thread."""


def split(calls: list[Callable[[], Any]], threads: int) -> Work:
    return [calls[i::threads] for i in range(threads)]


def chunk(work: Work, index: int, count: int) -> Work:
    """The index-th of `count` consecutive parts of every thread's calls."""
    return [calls[len(calls) * index // count:len(calls) * (index + 1) // count]
            for calls in work]


def paired(raw: Application[Any], work: Work) -> tuple[float, float]:
    """Calls/s of `work` and of raw saves at the same thread count, in alternating slices
    (raw, work, raw, work, ...), so that both meet the same load on a shared machine."""
    def make_and_save(n: int) -> None:
        raw.save(Thing(n))

    for n in range(WARMUP):
        make_and_save(n)
    saves = split([partial(make_and_save, n) for n in range(RAW_SAVES)], len(work))
    raw_s = work_s = 0.0
    for index in range(SLICES):
        raw_s += in_threads(chunk(saves, index, SLICES))
        work_s += in_threads(chunk(work, index, SLICES))
    return sum(map(len, work)) / work_s, sum(map(len, saves)) / raw_s


# --- throughput -------------------------------------------------------------------------

def file_cases(app: CasesApplication, threads: int, courts: int) -> Work:
    """`threads` filers; with courts == threads each files for its own court (its own
    case-number sequence), with courts == 1 they queue on one sequence."""
    for _ in range(WARMUP):
        app.file_case(a_filing(next_index()))
    return [[partial(app.file_case, a_filing(next_index(), COURTS[t % courts]))
             for _ in range(FILINGS // threads)] for t in range(threads)]


def record_payments(app: CasesApplication, case_ids: list[uuid.UUID], threads: int) -> Work:
    """Each thread pays into its own share of the cases: no two threads race on one
    account (a race would only add retries, not work)."""
    def pay(case_id: uuid.UUID) -> Callable[[], Any]:
        return partial(app.record_payment, case_id, f"slip-{uuid.uuid4().hex[:16]}", 1_00)

    for case_id in case_ids[:WARMUP]:
        pay(case_id)()
    shares = [case_ids[t::threads] for t in range(threads)]
    return [[pay(share[n % len(share)]) for n in range(PAYMENTS // threads)] for share in shares]


class InProcessServer:
    """The cases service's gRPC server (`build` + `GrpcServer`) on a background loop."""

    def __init__(self, settings: Settings) -> None:
        from zhixing.cases.bootstrap import build
        from zhixing.runtime.server import GrpcServer
        self.instance = build(settings)
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        servers: list[Any] = []

        async def start() -> None:
            servers.append(GrpcServer([self.instance], settings, self.instance.audit))
            await servers[0].start()

        failed: list[BaseException] = []

        def serve() -> None:
            asyncio.set_event_loop(self.loop)
            try:
                self.loop.run_until_complete(start())
            except BaseException as error:  # raised in the caller
                failed.append(error)
                return
            finally:
                ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=serve, daemon=True)
        self.thread.start()
        if not ready.wait(30) or failed:
            self.instance.close()
            raise (failed or [RuntimeError("the in-process gRPC server did not start")])[0]
        self.server = servers[0]
        self.target = f"127.0.0.1:{self.server.port}"

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(0), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.instance.close()


def grpc_file_cases(server: InProcessServer, settings: Settings, raw: Application[Any],
                    threads: int) -> tuple[float, float]:
    """FileCase RPCs, one client (channel, token for its court) per thread."""
    from testkit.client import ZhixingClient
    from zhixing.security.identity import Identity
    from zhixing.security.tokens import issue_token

    clients = [ZhixingClient(server.target, issue_token(
        Identity("bench", "officer", COURTS[t]), settings.jwt_secret)) for t in range(threads)]
    try:
        for _ in range(WARMUP):
            clients[0].file_case(file_case_request(next_index(), court=COURTS[0]))
        work: Work = [[partial(client.file_case, file_case_request(next_index(), court=COURTS[t]))
                       for _ in range(FILINGS // threads)] for t, client in enumerate(clients)]
        return paired(raw, work)
    finally:
        for client in clients:
            client.close()


def throughput_round(backend: str) -> dict[str, float]:
    """Each figure with its own raw-save baseline, measured in slices alternating with it."""
    settings = fresh_settings(backend)
    raw: Application[Any] = Application(env=settings.eventsourcing_env("rawbench"))
    app = CasesApplication(settings, clock=FixedClock(TODAY))
    pairs: dict[str, tuple[float, float]] = {}
    try:
        pairs["file_1"] = paired(raw, file_cases(app, 1, 1))
        pairs["file_n_courts"] = paired(raw, file_cases(app, THREADS, THREADS))
        pairs["file_n_one_court"] = paired(raw, file_cases(app, THREADS, 1))
        case_ids = [app.file_case(a_filing(next_index(), COURTS[i % len(COURTS)])).id
                    for i in range(PAYMENT_CASES)]
        pairs["pay_1"] = paired(raw, record_payments(app, case_ids, 1))
        pairs["pay_n"] = paired(raw, record_payments(app, case_ids, THREADS))
    finally:
        app.close()
    try:
        if GRPC:
            try:
                server = InProcessServer(settings)
            except Exception as error:
                print(f"  gRPC skipped: could not build the in-process server: {error!r}")
            else:
                try:
                    pairs["grpc_1"] = grpc_file_cases(server, settings, raw, 1)
                    pairs["grpc_n"] = grpc_file_cases(server, settings, raw, THREADS)
                finally:
                    server.close()
    finally:
        raw.close()
    discard(settings)
    f: dict[str, float] = {}
    for key, (subject, baseline) in pairs.items():
        f[key], f[key + "_raw"], f[key + "_ratio"] = subject, baseline, subject / baseline
    # the baseline row: the median of the round's raw measurements at that thread count
    f["raw_1"] = statistics.median(b for k, (_, b) in pairs.items() if k.endswith("_1"))
    f["raw_n"] = statistics.median(b for k, (_, b) in pairs.items() if not k.endswith("_1"))
    return f


# --- load time of a long case -----------------------------------------------------------

def long_case(settings: Settings) -> tuple[uuid.UUID, float]:
    """File a case and act on it until it has CASE_EVENTS events (no snapshots written).
    Returns its id and the commands/s of acting on it (cache + fast-forward, as served)."""
    writer = NoSnapshots(settings, clock=FixedClock(TODAY))
    try:
        case = writer.file_case(a_filing(next_index()))
        writer.assign_case(case.id, "执行一庭", "officer-1")
        count = CASE_EVENTS - 2
        began = time.perf_counter()
        for n in range(count):
            writer.interview_applicant(case.id, f"约谈 {n}: measures taken, what 终本 means")
        per_s = count / (time.perf_counter() - began)
        assert writer.get_case(case.id).version == CASE_EVENTS
        return case.id, per_s
    finally:
        writer.close()


def load_round(backend: str) -> dict[str, float]:
    settings = fresh_settings(backend)
    case_id, commands_per_s = long_case(settings)
    plain = ColdNoSnapshots(settings, clock=FixedClock(TODAY))
    snapped = ColdWithSnapshots(settings, clock=FixedClock(TODAY))
    warm = CasesApplication(settings, clock=FixedClock(TODAY))
    try:
        assert plain.repository.cache is None and plain.snapshots is None
        assert snapped.repository.cache is None and snapped.snapshots is not None
        began = time.perf_counter()
        snapped.take_snapshot(case_id)  # at the latest version, like an interval would
        snapshot_ms = (time.perf_counter() - began) * 1000
        replayed: Any = plain.repository.get(case_id)
        restored: Any = snapped.repository.get(case_id)
        assert replayed.version == restored.version == CASE_EVENTS
        assert replayed.interviewed_on == restored.interviewed_on
        warm.get_case(case_id)  # fills the cache
        times: dict[str, list[float]] = {"cold_plain": [], "cold_snap": [], "warm": []}
        for _ in range(LOADS):  # interleaved, so both see the same machine
            loads: list[tuple[str, Callable[[], Any]]] = [
                ("cold_plain", partial(plain.repository.get, case_id)),
                ("cold_snap", partial(snapped.repository.get, case_id)),
                ("warm", partial(warm.get_case, case_id))]
            for key, load in loads:
                began = time.perf_counter()
                load()
                times[key].append((time.perf_counter() - began) * 1000)
    finally:
        for app in (plain, snapped, warm):
            app.close()
    discard(settings)
    f = {f"{k}_ms": statistics.median(v) for k, v in times.items()}
    f["snap_ratio"] = f["cold_plain_ms"] / f["cold_snap_ms"]
    f["take_snapshot_ms"] = snapshot_ms
    f["long_case_commands_per_s"] = commands_per_s
    return f


# --- report -----------------------------------------------------------------------------

def medians(rounds: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in rounds if k in r)
            for k in {k for r in rounds for k in r}}


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True,
                              text=True).stdout.strip()

    dirty = " + uncommitted changes" if git("status", "--porcelain") else ""
    return f"{git('rev-parse', '--short', 'HEAD')}{dirty}"


def print_table(backend: str, t: dict[str, float], lo: dict[str, float]) -> None:
    n = THREADS
    print(f"\n{backend}: {LABELS[backend]}")
    print(f"  {'throughput (median of rounds)':<44} {'1 thread':>10} {'ratio':>7}"
          f" {f'{n} threads':>11} {'ratio':>7}")

    def row(label: str, one: str | None, many: str | None) -> None:
        def cell(key: str | None, width: int) -> str:
            if key is None or key not in t:
                return f"{'–':>{width}} {'':>7}"
            ratio = f"{t[key + '_ratio']:7.3f}" if key + "_ratio" in t else f"{'(base)':>7}"
            return f"{t[key]:{width},.1f} {ratio}"

        print(f"  {label:<44} {cell(one, 10)} {cell(many, 11)}")

    row("raw eventsourcing save(), 1 event /s", "raw_1", "raw_n")
    row("FileCase /s (app; threads: own court each)", "file_1", "file_n_courts")
    row("FileCase /s (app; threads: one court)", None, "file_n_one_court")
    row("RecordPayment /s (app; 100 cases)", "pay_1", "pay_n")
    row("FileCase /s (gRPC in-process; court each)", "grpc_1", "grpc_n")
    print("  ratio = throughput / raw save() at the same thread count, measured in slices")
    print("  alternating with it (median of the rounds' ratios); the raw row is the median")
    print("  of those baselines")
    print(f"  load a case of {CASE_EVENTS:,} events (median of {LOADS} loads, median of rounds)")
    print(f"    cold, no snapshots (replay all events)     {lo['cold_plain_ms']:9.1f} ms")
    print(f"    cold, snapshot at the latest version       {lo['cold_snap_ms']:9.1f} ms")
    print(f"    ratio no-snapshot / snapshot               {lo['snap_ratio']:9.1f} x")
    print(f"    warm: cache hit + fast-forward + deepcopy  {lo['warm_ms']:9.1f} ms")
    print(f"    take_snapshot() (replays, then stores)     {lo['take_snapshot_ms']:9.1f} ms")
    print(f"    commands/s on that case while writing it   {lo['long_case_commands_per_s']:9.1f} /s")


def round_line(t: dict[str, float], lo: dict[str, float]) -> str:
    shown = [f"{k}={v:,.1f}" + (f" ({t[k + '_ratio']:.3f})" if k + "_ratio" in t else "")
             for k, v in t.items() if not k.endswith(("_ratio", "_raw"))]
    return ", ".join(shown + [f"{k}={v:,.1f}" for k, v in lo.items()])


def main() -> None:
    began = time.perf_counter()
    print(f"cases benchmark — {os.cpu_count()} CPUs, commit {commit()}, Python "
          f"{platform.python_version()}, eventsourcing {version('eventsourcing')}, "
          f"{ROUNDS} rounds, {THREADS} threads, load average {load_average()}", flush=True)
    results: dict[str, Any] = {}
    for backend in backends():
        t_rounds, l_rounds = [], []
        for n in range(ROUNDS):
            t_rounds.append(throughput_round(backend))
            l_rounds.append(load_round(backend))
            print(f"{backend} round {n + 1}: {round_line(t_rounds[-1], l_rounds[-1])}",
                  flush=True)
        results[backend] = {"throughput": medians(t_rounds), "load": medians(l_rounds),
                            "rounds": {"throughput": t_rounds, "load": l_rounds}}
    for backend, r in results.items():
        print_table(backend, r["throughput"], r["load"])
    print(f"\n(whole benchmark {time.perf_counter() - began:,.0f} s; "
          f"load average now {load_average()}: other work on the machine shows here)")
    out = REPO / "var" / "bench" / "cases.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "cpus": os.cpu_count(), "commit": commit(), "load_average_after": os.getloadavg(),
        "rounds": ROUNDS, "threads": THREADS,
        "counts": {"raw_saves": RAW_SAVES, "filings": FILINGS, "payments": PAYMENTS,
                   "case_events": CASE_EVENTS, "loads": LOADS},
        "results": results}, indent=2, ensure_ascii=False))
    print(f"figures also in {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
