"""Relief benchmark: approvals/s with two processes contending for one fund on
PostgreSQL, beside raw eventsourcing `save()` on the same PostgreSQL in the same run
(ratio), the fund's ledger checked exact afterwards (issue 14, R32).

Each round takes a fresh schema prefix (AES at rest, as in cluster mode). The parent
enters the wage (R30), credits one fund with exactly what the round's approvals need,
and files and reviews the applications; then two worker processes (spawned, each with
its own `ReliefApplication` and its own connections, as two API processes would be)
approve their halves of them, all against the same fund of one court and year: every
approval reserves on that fund in the same save as the relief case, so the two processes
conflict on it and the loser retries on fresh state. The baseline is a plain
`eventsourcing.application.Application` built from the same `Settings.eventsourcing_env`,
saving one-event aggregates in the same two processes, timed in slices that alternate
with the approvals so both meet the same load on a shared machine. A figure is the
operations of both processes divided by the time from the common start to the last
one's end.

Afterwards the fund must hold exactly: income = the credit, reserved = every approval,
available = 0, one ledger line per approval naming it — else the benchmark fails.

Prints medians of BENCH_ROUNDS rounds (default 3); asserts nothing about time. Needs
ZHIXING_PG_DSN: run with `make bench-relief`.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from eventsourcing.application import Application

sys.path.insert(0, str(Path(__file__).resolve().parent))
from relief_workload import (
    AMOUNT,
    COURT,
    YEAR,
    Thing,
    Workload,
    build_app,
    discard,
    fresh_settings,
    settings_from,
)

REPO = Path(__file__).resolve().parents[3]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
APPROVALS = int(os.environ.get("BENCH_APPROVALS", "240"))
RAW_SAVES = int(os.environ.get("BENCH_RAW_SAVES", "480"))
PROCESSES = 2
SLICES = 3
TODAY = datetime(2026, 6, 15, 2, 0, tzinfo=UTC)


# --- the two contending processes -------------------------------------------------------

@dataclass(frozen=True)
class Timed:
    """One process's part of a slice: when it started and ended (CLOCK_MONOTONIC, the
    same in every process on Linux), how many operations it did and how many were refused."""

    began: float
    ended: float
    done: int
    refused: int
    conflicts: int
    """Saves the other process got in first: acted again on fresh state."""


class Conflicts(logging.Handler):
    """Counts the command unit's "conflict on attempt" records (its retries)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += record.getMessage().startswith("conflict on attempt")


def worker(settings_values: dict[str, Any], case_ids: list[str], inbox: Any, outbox: Any,
           barrier: Any) -> None:
    """A process of its own: its relief application and its raw baseline application on
    the round's PostgreSQL schemas; runs each slice it is sent after the common barrier."""
    settings = settings_from(settings_values)
    conflicts = Conflicts()
    unit_log = logging.getLogger("zhixing.eventstore.unit")
    unit_log.setLevel(logging.DEBUG)
    unit_log.addHandler(conflicts)
    app = build_app(settings, case_ids, TODAY)
    raw: Application[Any] = Application(env=settings.eventsourcing_env("rawbench"))
    try:
        for n in range(5):  # connections opened, code paths warm
            raw.save(Thing(n))
        outbox.put("ready")
        while (task := inbox.get()) is not None:
            kind, items = task
            barrier.wait()
            began, refused, before = time.monotonic(), 0, conflicts.count
            if kind == "raw":
                for n in items:
                    raw.save(Thing(n))
            else:
                for application_id in items:
                    try:
                        app.approve(application_id, AMOUNT, TODAY.date(), "president-bench",
                                    None)
                    except Exception as error:  # counted, and reported by the parent
                        refused += 1
                        outbox.put(f"refused: {type(error).__name__}: {error}")
            outbox.put(Timed(began, time.monotonic(), len(items), refused,
                             conflicts.count - before))
    finally:
        app.close()
        raw.close()


class Pair:
    """The two worker processes of a round and the slices they run together."""

    def __init__(self, settings_values: dict[str, Any], case_ids: list[str]) -> None:
        context = multiprocessing.get_context("spawn")
        self.barrier = context.Barrier(PROCESSES)
        self.inboxes = [context.Queue() for _ in range(PROCESSES)]
        self.outboxes = [context.Queue() for _ in range(PROCESSES)]
        self.processes = [context.Process(target=worker, args=(
            settings_values, case_ids, self.inboxes[i], self.outboxes[i], self.barrier))
            for i in range(PROCESSES)]
        for process in self.processes:
            process.start()
        for outbox in self.outboxes:
            assert outbox.get(timeout=180) == "ready"

    def run(self, kind: str, halves: list[list[Any]]) -> tuple[float, int, int, int]:
        """Seconds from the common start to the last end, operations, refusals, conflicts."""
        for inbox, items in zip(self.inboxes, halves, strict=True):
            inbox.put((kind, items))
        timed: list[Timed] = []
        for outbox in self.outboxes:
            while not isinstance(answer := outbox.get(timeout=600), Timed):
                print(f"  {answer}", flush=True)
            timed.append(answer)
        seconds = max(t.ended for t in timed) - min(t.began for t in timed)
        return (seconds, sum(t.done for t in timed), sum(t.refused for t in timed),
                sum(t.conflicts for t in timed))

    def close(self) -> None:
        for inbox in self.inboxes:
            inbox.put(None)
        for process in self.processes:
            process.join(60)


def slices(items: list[Any], index: int) -> list[list[Any]]:
    """The index-th of SLICES consecutive parts of `items`, split between the processes."""
    part = items[len(items) * index // SLICES:len(items) * (index + 1) // SLICES]
    return [part[i::PROCESSES] for i in range(PROCESSES)]


# --- a round ------------------------------------------------------------------------------

def one_round() -> dict[str, float]:
    settings, values = fresh_settings("br")
    workload = Workload(settings, APPROVALS, TODAY)
    try:
        began = time.perf_counter()
        application_ids = workload.prepare()
        setup_s = time.perf_counter() - began
        pair = Pair(values, workload.case_ids)
        approve_s = raw_s = 0.0
        approved = saved = refused = conflicts = 0
        raws = list(range(10, 10 + RAW_SAVES))
        try:
            for index in range(SLICES):
                seconds, done, _, _ = pair.run("raw", slices(raws, index))
                raw_s, saved = raw_s + seconds, saved + done
                seconds, done, no, again = pair.run("approve", slices(application_ids, index))
                approve_s, approved = approve_s + seconds, approved + done
                refused, conflicts = refused + no, conflicts + again
        finally:
            pair.close()
        workload.check_ledger(application_ids)  # raises unless the fund is exact (R32)
    finally:
        workload.close()
        discard(settings)
    approvals = (approved - refused) / approve_s
    raw = saved / raw_s
    return {"approvals_per_s": approvals, "raw_saves_per_s": raw, "ratio": approvals / raw,
            "refused": float(refused), "conflicts": float(conflicts), "setup_s": setup_s}


# --- report -------------------------------------------------------------------------------

def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True,
                              text=True).stdout.strip()

    dirty = " + uncommitted changes" if git("status", "--porcelain") else ""
    return f"{git('rev-parse', '--short', 'HEAD')}{dirty}"


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    if not os.environ.get("ZHIXING_PG_DSN"):
        sys.exit("the relief benchmark needs PostgreSQL: run it with `make bench-relief`")
    began = time.perf_counter()
    print(f"relief benchmark — {os.cpu_count()} CPUs, commit {commit()}, Python "
          f"{platform.python_version()}, eventsourcing {version('eventsourcing')}, "
          f"{ROUNDS} rounds, {PROCESSES} processes, {APPROVALS} approvals and {RAW_SAVES} raw "
          f"saves per round on one fund ({COURT}, {YEAR}), load average {load_average()}",
          flush=True)
    rounds = []
    for n in range(ROUNDS):
        rounds.append(one_round())
        r = rounds[-1]
        print(f"round {n + 1}: approvals {r['approvals_per_s']:,.1f}/s, raw save() "
              f"{r['raw_saves_per_s']:,.1f}/s, ratio {r['ratio']:.3f}, refused "
              f"{r['refused']:.0f}, conflicts retried {r['conflicts']:.0f}, setup "
              f"{r['setup_s']:.1f} s; ledger exact", flush=True)
    median = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    print(f"\nPostgreSQL (schema per round, AES at rest as in cluster mode), {PROCESSES} "
          f"processes on one fund, medians of {ROUNDS} rounds:")
    print(f"  raw eventsourcing save(), 1 event          {median['raw_saves_per_s']:10,.1f} /s")
    print(f"  Approve (relief case + fund reservation)   {median['approvals_per_s']:10,.1f} /s")
    print(f"  ratio approvals / raw save()               {median['ratio']:10.3f}")
    print(f"  conflicts retried per round (fund raced)   {median['conflicts']:10,.0f}")
    print("  measured in slices alternating raw saves and approvals; after each round the")
    print("  fund's income, reservations, availability (0) and ledger lines were exact")
    print(f"\n(whole benchmark {time.perf_counter() - began:,.0f} s; load average now "
          f"{load_average()}: other work on the machine shows here)")
    out = REPO / "var" / "bench" / "relief.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "cpus": os.cpu_count(), "commit": commit(), "load_average_after": os.getloadavg(),
        "rounds": rounds, "median": median, "processes": PROCESSES,
        "approvals": APPROVALS, "raw_saves": RAW_SAVES, "day": date.today().isoformat()},
        indent=2))
    print(f"figures also in {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
