"""Publicity benchmark (issue 17): 综合查询 over 1,000,000 listed debtors on PostgreSQL.

The data: BENCH_PUBLICITY_DEBTORS (default 1,000,000) listed debtors (`listed`: nine
people to one organisation, valid numbers, Chinese names, 20 courts of 川 and 渝), each a
`ListingPublished` handed to the publicity service's own projections of the credit topic
and written with COPY (`loading`): the rows — names sealed, numbers masked, blind indexes
— are the ones the live consumers would write.

The load: BENCH_PUBLICITY_REQUESTS (default 2,000) searches of listed debtors (seeded
choice; name + number, as the public types them) by BENCH_PUBLICITY_CONCURRENCY (4: the
store's pool) clients at once, one after another each, on loopback:
- `DebtorSearch.search` in process (what the pages and the RPC call);
- `SearchDebtor` over real gRPC (the service built by its bootstrap, served in process by
  `testkit.serving`, a signed-in caller so the anonymous rate does not refuse the load);
- the raw SQL lookup of the same debtors on the same data: the dishonest list's rows by
  the blind indexes of the canonical identity and the name (`raw_lookup`), nothing made
  of them — the ratio's base; and the same over the four lists 综合查询 reads.
Each is run BENCH_PUBLICITY_RUNS (3) times; the medians of p50 and p99 are printed, with
the ratio to the raw SQL. Prints figures; asserts nothing about time.
Run: `make bench-publicity` (starts PostgreSQL), or with ZHIXING_PG_DSN set.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path[:0] = [str(ROOT / "tests"), str(Path(__file__).resolve().parent)]

import grpc  # noqa: E402
import psycopg  # noqa: E402
from listed import Debtor, debtors, listing_event  # noqa: E402
from loading import load  # noqa: E402

from testkit.serving import serving  # noqa: E402
from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb  # noqa: E402
from zhixing.contracts.pb.publicity.v1 import publicity_pb2_grpc  # noqa: E402
from zhixing.contracts.topics import CREDIT_EVENTS  # noqa: E402
from zhixing.eventstore.crypto import FieldCipher  # noqa: E402
from zhixing.eventstore.settings import Settings, new_cipher_key  # noqa: E402
from zhixing.eventstore.sql import SqlStore  # noqa: E402
from zhixing.publicity.application.search import DebtorSearch  # noqa: E402
from zhixing.publicity.bootstrap import build  # noqa: E402
from zhixing.publicity.projections.debtor_index import identity_key, name_key  # noqa: E402
from zhixing.runtime.cli_kit import dev_token  # noqa: E402
from zhixing.security.tokens import bearer_metadata  # noqa: E402

CHUNK = 100_000
Timing = tuple[float, float]
"""(p50, p99) in milliseconds."""


@dataclass(frozen=True)
class Load:
    """The benchmark's sizes."""

    debtors: int = int(os.environ.get("BENCH_PUBLICITY_DEBTORS", "1000000"))
    requests: int = int(os.environ.get("BENCH_PUBLICITY_REQUESTS", "2000"))
    concurrency: int = int(os.environ.get("BENCH_PUBLICITY_CONCURRENCY", "4"))
    runs: int = int(os.environ.get("BENCH_PUBLICITY_RUNS", "3"))


@dataclass
class Figures:
    """What a run found: rows loaded, load time, each way's medians, found counts."""

    loaded: dict[str, int]
    skipped: dict[str, int]
    load_seconds: float
    timings: dict[str, Timing]
    found: dict[str, int]
    asked: int
    missing: dict[str, str]
    """Ways not measured (not on this branch yet) and why."""


def generated(count: int, picks: set[int], sample: list[Debtor]) -> Iterator[Any]:
    """The listing events of `count` debtors, made chunk by chunk; the debtors whose
    serial is in `picks` are kept in `sample` (the searched ones)."""
    for start in range(0, count, CHUNK):
        chunk = debtors(min(CHUNK, count - start), start)
        sample.extend(d for d in chunk if d.serial in picks)
        yield from (listing_event(debtor, debtor.serial + 1) for debtor in chunk)


def timed_load(call: Callable[[Debtor], bool], sample: list[Debtor],
               concurrency: int) -> tuple[Timing, int]:
    """p50, p99 (ms, nearest rank) of one call per debtor of `sample` made by
    `concurrency` clients at once; and how many found their debtor."""
    call(sample[0])  # warm-up: connections, caches of the first call

    def one(debtor: Debtor) -> tuple[float, bool]:
        began = time.perf_counter()
        found = call(debtor)
        return (time.perf_counter() - began) * 1000, found

    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, sample))
    times = sorted(t for t, _ in results)
    p99 = times[max(0, -(-99 * len(times) // 100) - 1)]
    return (statistics.median(times), p99), sum(found for _, found in results)


RAW_LISTS = {
    "dishonest": "SELECT d.* FROM dishonest_list d JOIN dishonest_keys k "
                 "ON k.listing_id = d.listing_id",
    "restricted": "SELECT r.* FROM restricted_list r JOIN restricted_keys k "
                  "ON k.restriction_id = r.restriction_id",
    "zhongben": "SELECT z.* FROM zhongben_library z JOIN zhongben_keys k "
                "ON k.case_number = z.case_number",
    "in progress": "SELECT p.* FROM case_progress p JOIN case_progress_keys k "
                   "ON k.case_number = p.case_number"}
"""Each public list's rows of one identity, by its search keys (the read models' own)."""
KEYED = " WHERE k.identity_key = %s AND k.name_key = %s"


def raw_lookup(store: SqlStore, cipher: FieldCipher,
               lists: tuple[str, ...] = ("dishonest",)) -> Callable[[Debtor], bool]:
    """The statements alone — `lists`' rows of one debtor by the blind indexes of its
    canonical identity and its name, in one transaction — fetched, nothing made of them:
    what 综合查询 costs the database, without the service around it."""
    statements = [RAW_LISTS[name] + KEYED for name in lists]

    def run(debtor: Debtor) -> bool:
        keys = (identity_key(cipher, debtor.identity), name_key(cipher, debtor.name))
        found = False
        with store.transaction(read_only=True) as cur:
            for sql in statements:
                cur.execute(sql, keys)
                found = bool(cur.fetchall()) or found
        return found
    return run


def in_process(search: DebtorSearch) -> Callable[[Debtor], bool]:
    def run(debtor: Debtor) -> bool:
        standing = search.search(debtor.name, debtor.identity)
        return bool(standing.dishonest)
    return run


def over_grpc(target: str, secret: str) -> tuple[Callable[[Debtor], bool], Callable[[], None]]:
    channel = grpc.insecure_channel(target)
    stub = publicity_pb2_grpc.PublicityServiceStub(channel)
    metadata = bearer_metadata(dev_token("bench-1", "officer", court="川0101", secret=secret))

    def run(debtor: Debtor) -> bool:
        answer = stub.SearchDebtor(pb.SearchDebtorRequest(
            name=debtor.name, identity_number=debtor.identity), metadata=metadata, timeout=30)
        return bool(answer.dishonest)
    return run, channel.close


def measure(load_: Load, dsn: str, tmp: Path) -> Figures:
    """One benchmark: fresh schemas, the data, every way measured `runs` times."""
    tag = "b" + uuid.uuid4().hex[:10]
    settings = Settings(var_dir=tmp, postgres_dsn=dsn, schema_prefix=tag,
                        cipher_key=new_cipher_key(), jwt_secret=uuid.uuid4().hex)
    instance = build(settings)
    try:
        rng = random.Random(17)
        picks = set(rng.sample(range(load_.debtors), min(load_.requests, load_.debtors)))
        sample: list[Debtor] = []
        handlers = [c.handler for c in instance.consumes
                    if c.topic == settings.topic(CREDIT_EVENTS)]
        loaded, skipped, seconds = load(instance.store, handlers,
                                        generated(load_.debtors, picks, sample))
        rng.shuffle(sample)
        cipher = settings.field_cipher
        ways: dict[str, list[tuple[Timing, int]]] = {}
        missing: dict[str, str] = {}
        with serving(instance, settings) as target:
            rpc, close = over_grpc(target, settings.jwt_secret)
            calls = {"raw SQL lookup": raw_lookup(instance.store, cipher),
                     "raw SQL, all 4 lists": raw_lookup(instance.store, cipher,
                                                        tuple(RAW_LISTS)),
                     "DebtorSearch.search": in_process(DebtorSearch(instance.store, cipher)),
                     "SearchDebtor (gRPC)": rpc}
            try:
                for _ in range(load_.runs):  # interleaved: a slow moment hits every way
                    for name, call in calls.items():
                        if name in missing:
                            continue
                        try:
                            ways.setdefault(name, []).append(
                                timed_load(call, sample, load_.concurrency))
                        except (NotImplementedError, AttributeError, grpc.RpcError) as error:
                            missing[name] = type(error).__name__
                            ways.pop(name, None)
            finally:
                close()
        return Figures(loaded, skipped, seconds, {
            name: (statistics.median(t[0] for t, _ in runs),
                   statistics.median(t[1] for t, _ in runs)) for name, runs in ways.items()},
            {name: min(n for _, n in runs) for name, runs in ways.items()}, len(sample),
            missing)
    finally:
        instance.close()
        with psycopg.connect(dsn, autocommit=True) as conn:
            for schema in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s",
                                       (f"{tag}%",)).fetchall():
                conn.execute(f'DROP SCHEMA "{schema[0]}" CASCADE')


def show(load_: Load, figures: Figures) -> None:
    rows = ", ".join(f"{table} {n:,}" for table, n in sorted(figures.loaded.items()))
    print(f"  data: {load_.debtors:,} ListingPublished through the projections, COPY: {rows} "
          f"in {figures.load_seconds:,.0f} s"
          + (f" (left out: {dict(figures.skipped)})" if figures.skipped else ""))
    raw = figures.timings["raw SQL lookup"]
    print(f"  {load_.requests:,} searches of listed debtors, {load_.concurrency} clients, "
          f"medians of {load_.runs} runs:")
    for name, (p50, p99) in figures.timings.items():
        ratio = f"  ×{p50 / raw[0]:>5.1f} p50, ×{p99 / raw[1]:>5.1f} p99 of raw SQL"
        print(f"    {name:<22} p50 {p50:>7.2f} ms  p99 {p99:>7.2f} ms"
              f"{ratio if name != 'raw SQL lookup' else ''}  "
              f"(found {figures.found[name]:,}/{figures.asked:,})")
    for name, why in figures.missing.items():
        print(f"    {name:<22} not measured: {why} (not on this branch yet?)")


def main() -> None:
    dsn = os.environ.get("ZHIXING_PG_DSN", "")
    if not dsn:
        sys.exit("ZHIXING_PG_DSN is not set: run `make bench-publicity`, which starts PostgreSQL")
    load_ = Load()
    print(f"publicity benchmark (综合查询) — {load_.debtors:,} listed debtors, PostgreSQL; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        show(load_, measure(load_, dsn, Path(tmp)))


if __name__ == "__main__":
    main()
