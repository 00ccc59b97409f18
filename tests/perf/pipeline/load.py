"""Driving the suite and seeing its effect, for the pipeline benchmark: the closed loop,
the open loop at an offered rate, and when each case became visible — by the bench's own
poll of the publicity read model, or by the stage log's `consumer.committed` mark."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from stage_breakdown import read_marks

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from zhixing.eventstore.sql import SqlStore

CLOSED_LOOP = int(os.environ.get("BENCH_CLOSED", "600"))  # commands per closed-loop run
OFFERED_SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))


def filing(index: int):  # type: ignore[no-untyped-def]
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


@dataclass
class Offered:
    """One open-loop run: when each case was accepted (for the bench's poll and, in wall
    clock ns by case id, for the stage log)."""

    by_number: dict[str, float] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)


def offered_load(client: ZhixingClient, rate: float, first: int) -> Offered:
    """Open loop at `rate`/s for OFFERED_SECONDS."""
    offered = Offered()
    interval = 1 / rate
    began = time.perf_counter()

    def file_at(i: int) -> None:
        time.sleep(max(0.0, began + i * interval - time.perf_counter()))  # the schedule
        reply = client.file_case(filing(first + i))
        offered.by_number[reply.case_number] = time.perf_counter()
        offered.by_id[reply.case_id] = time.time_ns()

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(file_at, range(int(rate * OFFERED_SECONDS))))
    return offered


def visible_latencies(offered: Offered, visibility: Visibility) -> list[float]:
    """Latency = visible in publicity (the bench's 5 ms poll) − command accepted."""
    visibility.wait_for(list(offered.by_number))
    return sorted(visibility.seen[n] - t for n, t in offered.by_number.items())


def committed_latencies(offered: Offered, log: Path, timeout: float = 120) -> list[float]:
    """Latency = the case-progress projection committed − command accepted (stage log)."""
    deadline = time.perf_counter() + timeout
    while True:
        marks = read_marks(log)
        done = [marks[s]["consumer.committed"] - t for s, t in offered.by_id.items()
                if "consumer.committed" in marks.get(s, {})]
        if len(done) == len(offered.by_id) or time.perf_counter() > deadline:
            return sorted(ns / 1e9 for ns in done)
        time.sleep(0.1)


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(p * len(values)))] if values else float("nan")
