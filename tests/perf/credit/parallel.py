"""The rebuild parsed per partition in parallel (issue 19): one process per partition
(at most one per core) reads its partitions from the beginning and reads each record
leanly with the contract's acceptance (`examples.partner_mirror.lean`); the parent
`bulk_load`s what they found. An identity's records all go to one partition, so the
processes never see the same identity and their tombstones apply to their own pairs."""

from __future__ import annotations

import multiprocessing
import os
from itertools import chain, repeat
from typing import Any

import rebuild

from zhixing.credit.index import CreditIndex, State
from zhixing.messaging.kafka import DEFAULT_PARTITIONS

Found = tuple[list[str], list[tuple[Any, ...]], set[str]]
"""A process's identities, their states as five columns (listed, restricted, codes,
since, cases: far cheaper to send than a tuple each) and the identities cleared."""


def processes() -> int:
    """One per partition, at most one per core."""
    return max(1, min(DEFAULT_PARTITIONS, int(os.cpu_count() or 1)))


def read_partitions(bootstrap: str, partitions: list[int]) -> Found:
    """What one process finds in its partitions (run in the child)."""
    cleared: set[str] = set()
    found = list(rebuild.pairs_of(rebuild.messages(bootstrap, partitions), rebuild.by_lean,
                                  cleared))
    return ([identity for identity, _ in found],
            list(zip(*(state for _, state in found), strict=True)), cleared)


def rebuild_in_parallel(bootstrap: str) -> rebuild.Rate:
    """Read and parse in `processes()` children, bulk_load in this one."""
    clock, count = rebuild.Clock(), processes()
    shares = [list(range(DEFAULT_PARTITIONS))[at::count] for at in range(count)]
    # fork: the children start at once with the parent's modules (no client is open here).
    with multiprocessing.get_context("fork").Pool(count) as pool:
        results = pool.starmap(read_partitions, zip(repeat(bootstrap), shares))
    pairs = chain.from_iterable(
        zip(identities, map(tuple.__new__, repeat(State), zip(*columns, strict=True)),
            strict=True)
        for identities, columns, _ in results)
    index = CreditIndex.bulk_load(pairs)
    for identity in chain.from_iterable(cleared for *_, cleared in results):
        index.remove(identity)
    return clock.rate(len(index))
