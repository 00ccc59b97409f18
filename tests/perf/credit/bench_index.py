"""Credit index benchmark (issue 5): bytes an entry, BatchCheck and get rates, bulk-load
(rebuild) rate and put rate of `CreditIndex`, all in this one process.

BENCH_ENTRIES entries (default 1,000,000) of valid resident ID numbers spread over many
region prefixes; half of the checked identities are absent. Memory is reported twice:
`memory_bytes()` and the bytes tracemalloc sees still allocated after a bulk load (plus
its peak, which includes the load's temporary dicts and one merge's second copy).
Rates are per CPU second of this process (process_time), so a shared machine skews them
less. Prints figures; asserts nothing about time. Run: `.venv/bin/python tests/perf/credit/bench_index.py`.
"""

from __future__ import annotations

import os
import random
import time
import tracemalloc

from zhixing.credit.index import CreditIndex, State

_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))


def resident_id(serial: int) -> str:
    """A valid resident ID: region and birth date from the serial, check digit computed."""
    body = f"{110000 + serial % 500_000:06d}{19500101 + serial // 500_000 % 5000:08d}" \
           f"{serial % 997:03d}"
    check = (1 - sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True))) % 11
    return body + ("X" if check == 10 else str(check))


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s ({seconds:.2f} s)"


def main() -> None:
    entries = int(os.environ.get("BENCH_ENTRIES", "1000000"))
    rng = random.Random(5)
    identities = list(dict.fromkeys(resident_id(s) for s in range(entries)))
    state = State(listed=True, restricted=False, codes=5, since=20_000, cases=1)
    pairs = [(identity, state._replace(cases=n % 100)) for n, identity in enumerate(identities)]

    started = time.process_time()
    index = CreditIndex.bulk_load(pairs)
    print(f"entries: {len(index):,}  bulk_load: {rate(len(pairs), time.process_time() - started)}")
    print(f"memory_bytes: {index.memory_bytes() / len(index):.1f} B/entry")
    del index

    tracemalloc.start()
    index = CreditIndex.bulk_load(pairs)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"tracemalloc: {current / len(index):.1f} B/entry held, peak {peak / len(index):.1f}")

    absent = [resident_id(s) for s in range(entries, entries + len(identities))]
    batch = [rng.choice(identities) if n % 2 else rng.choice(absent)
             for n in range(len(identities))]
    started = time.process_time()
    answers = index.check_many(batch)
    elapsed = time.process_time() - started
    print(f"check_many: {rate(len(batch), elapsed)}  found {sum(a is not None for a in answers):,}")

    sample = batch[:100_000]
    started = time.process_time()
    for identity in sample:
        index.get(identity)
    print(f"get: {rate(len(sample), time.process_time() - started)}")

    fresh = absent[:100_000]
    started = time.process_time()
    for identity in fresh:
        index.put(identity, state)
    print(f"put (new, with merges): {rate(len(fresh), time.process_time() - started)}")


if __name__ == "__main__":
    main()
