"""Load benchmark (issue 12, item 1): the embedded suite (`zhixing run --no-demo`, SQLite,
the simulated agencies answering over the gateway, as `make run`) held under FileCase
calls for BENCH_LOAD_MINUTES (default 10) while `/readyz` is asked every second.

Each filing has 1–3 respondents; every BENCH_LOAD_HEAVY_EVERY-th (default 20) is as
large as FileCase accepts: 50 respondents (each a debtor whose inquiry asks every
agency) and 200 applicants, one with a 60-character name.
BENCH_LOAD_WORKERS (default 4) clients file back to back; BENCH_LOAD_RATE (filings/s,
default 0: as fast as they go) caps the offered load.

Prints filings/s (the median of 10 s windows), p50/p95 latency, how often `/readyz`
was green, whether the process stayed up, and how far behind the followers ended.
Asserts nothing about time. Run with `make bench-load`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.processes import Processes, free_port
from testkit.suites import embedded_suite
from zhixing.cases.demo import resident_id
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.security.identity import Identity

MINUTES = float(os.environ.get("BENCH_LOAD_MINUTES", "10"))
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "4"))
RATE = float(os.environ.get("BENCH_LOAD_RATE", "0"))
HEAVY_EVERY = int(os.environ.get("BENCH_LOAD_HEAVY_EVERY", "20"))
HEAVY_RESPONDENTS, HEAVY_APPLICANTS = 50, 200  # the request bounds of FileCase
WINDOW = 10.0


def people(index: int, count: int, area: str) -> list[pb.Party]:
    """`count` distinct natural persons; the first has a long (60-character) name."""
    return [pb.Party(name="欧阳" * 30 if k == 0 else f"王{'一二三四'[k % 4]}",
                     kind=pb.PARTY_KIND_NATURAL_PERSON, identity_number=resident_id(
                         area, f"19{60 + k % 40:02d}{1 + k % 12:02d}{1 + index % 28:02d}",
                         f"{100 + k // 40:03d}"))
            for k in range(count)]


def filing(index: int, rng: random.Random) -> pb.FileCaseRequest:
    if index % HEAVY_EVERY:
        return file_case_request(index, respondents=people(index, rng.randint(1, 3), "510104"),
                                 request_id=f"bench-{index}")
    return file_case_request(index, respondents=people(index, HEAVY_RESPONDENTS, "510104"),
                             applicants=people(index, HEAVY_APPLICANTS, "510105"),
                             request_id=f"bench-{index}")


class Readiness:
    """Asks `/readyz` every second until stopped; counts green answers."""

    def __init__(self, port: int) -> None:
        self.port, self.green, self.asked, self.last_problem = port, 0, 0, ""

    def watch(self, stop: threading.Event) -> None:
        while not stop.wait(1.0):
            self.asked += 1
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=5):
                    self.green += 1
            except urllib.error.HTTPError as refused:
                self.last_problem = refused.read().decode()[:300]
            except OSError as down:
                self.last_problem = f"no answer: {down}"


class Filer:
    """Workers filing back to back (or at RATE overall) until the deadline."""

    def __init__(self, client: ZhixingClient, deadline: float) -> None:
        self.client, self.deadline = client, deadline
        self.done: list[tuple[float, float]] = []  # (finished at, latency)
        self.refused: dict[str, int] = {}
        self._next = 0
        self._lock = threading.Lock()
        self._rng = random.Random(12)

    def _take(self) -> tuple[int, pb.FileCaseRequest]:
        with self._lock:
            index, self._next = self._next, self._next + 1
            return index, filing(index, self._rng)

    def work(self) -> None:
        start = time.monotonic()
        while time.monotonic() < self.deadline:
            index, request = self._take()
            if RATE and (wait := start + index / RATE - time.monotonic()) > 0:
                time.sleep(wait)  # pacing the offered load, not synchronisation
            began = time.monotonic()
            try:
                self.client.file_case(request, timeout=60)
                self.done.append((time.monotonic(), time.monotonic() - began))
            except grpc.RpcError as error:  # a benchmark counts every refusal
                code = error.code().name  # type: ignore[attr-defined]
                self.refused[code] = self.refused.get(code, 0) + 1


def report(filer: Filer, ready: Readiness, started: float, alive: bool) -> None:
    windows: dict[int, int] = {}
    for finished, _ in filer.done:
        windows[int((finished - started) // WINDOW)] = windows.get(
            int((finished - started) // WINDOW), 0) + 1
    spans = int(MINUTES * 60 // WINDOW)
    rates = [windows.get(n, 0) / WINDOW for n in range(spans)] or [0.0]
    latencies = sorted(latency for _, latency in filer.done) or [0.0]
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    print(f"load: {MINUTES:g} min, {WORKERS} workers, rate cap {RATE or 'none'}, "
          f"1 filing in {HEAVY_EVERY} with {HEAVY_RESPONDENTS} respondents and "
          f"{HEAVY_APPLICANTS} applicants")
    print(f"  filings accepted      : {len(filer.done)}  refused: {filer.refused or 0}")
    print(f"  filings/s (median of {WINDOW:.0f} s windows): {statistics.median(rates):.2f}"
          f"  (min {min(rates):.2f}, max {max(rates):.2f})")
    print(f"  latency p50 / p95     : {statistics.median(latencies) * 1000:.0f} ms / "
          f"{p95 * 1000:.0f} ms")
    print(f"  /readyz green         : {ready.green}/{ready.asked} "
          f"({100 * ready.green / max(1, ready.asked):.1f}%)")
    print(f"  process stayed up     : {alive}")
    if ready.last_problem:
        print(f"  last /readyz problem  : {ready.last_problem.splitlines()[0]}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        processes = Processes(Path(tmp))
        try:
            metrics = free_port()
            suite = embedded_suite(processes, Path(tmp), ("cases",), "2026-03-02T10:00:00+08:00",
                                   agency_sim=[], ZHIXING_METRICS_PORT=str(metrics))
            client = ZhixingClient(suite.target("cases"),
                                   suite.token(Identity("bench", "officer", "川0104")))
            ready, stop = Readiness(metrics), threading.Event()
            watcher = threading.Thread(target=ready.watch, args=(stop,), daemon=True)
            started = time.monotonic()
            filer = Filer(client, started + MINUTES * 60)
            workers = [threading.Thread(target=filer.work) for _ in range(WORKERS)]
            watcher.start()
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            stop.set()
            watcher.join()
            alive = processes.running[0][1].poll() is None
            report(filer, ready, started, alive)
            client.close()
        finally:
            processes.stop_all()


if __name__ == "__main__":
    main()
