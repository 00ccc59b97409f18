"""Credit benchmark (issue 5): the partners' index at 10 million debtors, against the
goals — BatchCheck ≥ 1,000,000 identities/s over gRPC (issue 19: in the packed answer
form), Check p99 ≤ 5 ms at 500/s, index ≤ 1.5 GB, rebuild from the compacted topic
≥ 100,000 entries/s — each beside a baseline measured in the same run:

1. memory: `CreditIndex` (tracemalloc after and during `bulk_load`, `memory_bytes`) vs a
   plain dict {identity: packed int} of the same entries (dict table + its int objects;
   the key strings it would keep alive are shown apart);
2. `check_many` identities/s (process CPU time; batches of 10,000, half of them absent;
   also with 10,000 recent changes pending) vs `[d.get(i) for i in batch]` on that dict;
3. gRPC on loopback, server in a forked process (one core each): `BatchCheck` identities/s
   streaming batches of 1,000 and 10,000 (4 in flight; the real servicer in the default
   and in the packed answer form, the client reading the words), and `Check` p50/p99
   latency at a fixed offered load (from each call's scheduled start), served by the real
   `CreditCheckServicer` over the pre-loaded index vs a bare servicer of the same proto
   answering from a set (DESIGN §13's baseline); both behind the real `AuthInterceptor`
   with a partner token, no TLS, no tracing interceptor;
4. rebuild from `bench.zhixing.credit.list.v1` (compacted, recreated each time) on the
   Kafka broker of `infra/stack.sh` (ZHIXING_KAFKA_BOOTSTRAP): records in the contract's
   format (key = identity, CloudEvents binary headers, `DebtorCreditState` JSON), then a
   raw consumer (baseline: no parsing) vs read + parse + `CreditIndex.bulk_load`, parsing
   through the contract (`CloudEvent.from_kafka` + `DebtorCreditState` model), with
   `json.loads` alone, as a partner's fast path would (orjson, no headers: on the list
   a null value is a tombstone and any other a state), leanly with the contract's
   acceptance (`examples/partner_mirror/lean.py`), and as the mirror catches up at its
   start (leanly, one process per partition: `examples/partner_mirror/catch_up.py`);
   each in wall time and per CPU second of the process and its children (librdkafka's
   threads included), with the load average and what 10 million entries would take at
   that rate.

Figures are medians of BENCH_RUNS runs (default 3). BENCH_ENTRIES (default 10,000,000)
debtors, one in ten a unified social credit code; BENCH_KAFKA_RECORDS (default 2,000,000:
parsing is the slow part) of them go to Kafka; BENCH_CHECK_RATE and BENCH_CHECK_SECONDS
(500/s, 10 s) set the Check load; BENCH_PARTS=memory,check,grpc,kafka picks parts.
Asserts nothing about time. Run with `make bench-credit`.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[3]))  # examples.partner_mirror
import debtors
import rebuild
import serving

from zhixing.credit.index import CreditIndex, State

ENTRIES = int(os.environ.get("BENCH_ENTRIES", "10000000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
KAFKA_RECORDS = int(os.environ.get("BENCH_KAFKA_RECORDS", str(min(ENTRIES, 2_000_000))))
"""2M by default: parsing runs at ~15–30k records/s here, so 10M would take ~30 min a run."""
CHECK_RATE = int(os.environ.get("BENCH_CHECK_RATE", "500"))
CHECK_SECONDS = float(os.environ.get("BENCH_CHECK_SECONDS", "10"))
PARTS = set(os.environ.get("BENCH_PARTS", "memory,check,grpc,kafka").split(","))
CHECKED = min(ENTRIES, 1_000_000)
"""Identities checked per run (half present, half absent)."""
GOALS = {"memory": 1.5e9, "grpc": 1_000_000, "rebuild": 100_000}


def median(measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(RUNS))


def show(name: str, figure: float, unit: str, baseline: float | None = None,
         base_name: str = "", goal: str = "") -> None:
    ratio = f"  ({figure / baseline:.2f}× {base_name} {baseline:,.0f} {unit})" if baseline else ""
    print(f"  {name:<44} {figure:>14,.0f} {unit}{ratio}{goal}", flush=True)


def met(figure: float, goal: float, at_most: bool = False) -> str:
    ok = figure <= goal if at_most else figure >= goal
    return f"  goal {'≤' if at_most else '≥'} {goal:,.0f}: {'met' if ok else 'NOT met'}"


def packed(state: State) -> int:
    return (int(state.listed) | int(state.restricted) << 1 | state.codes << 2
            | state.since << 18 | state.cases << 38)


def memory(pairs: list[tuple[str, State]]) -> tuple[CreditIndex, dict[str, int]]:
    print(f"1. memory, {len(pairs):,} entries", flush=True)
    tracemalloc.start()
    index = CreditIndex.bulk_load(pairs)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    baseline = {identity: packed(state) for identity, state in pairs}
    table = sys.getsizeof(baseline) + sum(map(sys.getsizeof, baseline.values()))
    strings = sum(map(sys.getsizeof, baseline))
    show("CreditIndex held (tracemalloc)", held, "B", table, "dict", met(held, GOALS["memory"],
                                                                         at_most=True))
    print(f"  {'':<44} {held / len(index):>14.1f} B/entry  (dict {table / len(index):.1f}, "
          f"+{strings / len(index):.1f} for its key strings; ratio with them "
          f"{held / (table + strings):.2f}×)")
    show("CreditIndex.memory_bytes()", index.memory_bytes(), "B")
    show("bulk_load peak (tracemalloc)", peak, "B")
    return index, baseline


def check_many(index: CreditIndex, baseline: dict[str, int], batches: list[list[str]]) -> None:
    print(f"2. check_many, {CHECKED:,} identities a run in batches of {len(batches[0]):,}",
          flush=True)

    def rate(check: Callable[[list[str]], object]) -> float:
        began = time.process_time()
        for batch in batches:
            check(batch)
        return sum(map(len, batches)) / (time.process_time() - began)

    rate(index.check_many)  # warm-up: first touches of the arrays, numpy's first calls
    dict_rate = median(lambda: rate(lambda batch: [baseline.get(i) for i in batch]))
    show("dict.get baseline", dict_rate, "ids/s")
    show("check_many", median(lambda: rate(index.check_many)), "ids/s", dict_rate, "dict")
    fresh = debtors.identities(2 * ENTRIES, 10_000)
    for identity in fresh:  # pending changes: the bitmap and the dict take part
        index.put(identity, State(True, True, 3, 20_000, 1))
    show("check_many, 10,000 changes pending", median(lambda: rate(index.check_many)),
         "ids/s", dict_rate, "dict")
    for identity in fresh:
        index.remove(identity)
    began, sample = time.process_time(), [b[0] for b in batches]
    for identity in sample * (10_000 // len(sample) + 1):
        index.get(identity)
    show("get (one at a time)", len(sample) * (10_000 // len(sample) + 1)
         / (time.process_time() - began), "ids/s", dict_rate, "dict")


def bulk_load(pairs: list[tuple[str, State]]) -> None:
    def rate() -> float:
        began = time.process_time()
        CreditIndex.bulk_load(pairs)
        return len(pairs) / (time.process_time() - began)

    show("bulk_load (in memory, no Kafka)", median(rate), "entries/s")


def main() -> None:
    print(f"credit benchmark: {ENTRIES:,} debtors, medians of {RUNS} runs", flush=True)
    began = time.perf_counter()
    identities = debtors.identities(0, ENTRIES)
    states = debtors.states(ENTRIES)
    pairs = list(zip(identities, states, strict=True))
    absent = debtors.identities(ENTRIES, CHECKED // 2)
    batches = serving.batches(identities, absent, CHECKED, 10_000)
    print(f"  (synthetic data in {time.perf_counter() - began:.0f} s)", flush=True)
    index, baseline = memory(pairs) if PARTS & {"memory", "check", "grpc"} else (None, {})
    if "check" in PARTS and index is not None:
        check_many(index, baseline, batches)
        bulk_load(pairs)
    del baseline
    gc.collect()
    if "grpc" in PARTS and index is not None:
        serving.report(index, identities, absent, RUNS, show, met, GOALS["grpc"],
                       CHECK_RATE, CHECK_SECONDS)
    del index, pairs
    gc.collect()
    if "kafka" in PARTS:
        bootstrap = os.environ.get("ZHIXING_KAFKA_BOOTSTRAP")
        if not bootstrap:
            print("4. rebuild: skipped (no ZHIXING_KAFKA_BOOTSTRAP; run via make bench-credit)")
        else:
            rebuild.report(bootstrap, identities[:KAFKA_RECORDS], states[:KAFKA_RECORDS],
                           RUNS, show, met, GOALS["rebuild"])


if __name__ == "__main__":
    main()
