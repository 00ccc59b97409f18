"""The publicity benchmark's harness, run tiny (issue 17): 2,000 listed debtors loaded the
benchmark's way (projections recorded, COPY), then every way of the 综合查询 asked for
50 of them — each must find every one, so the figures `make bench-publicity` prints are
of searches that work. Bounded to seconds; PostgreSQL of `make test`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_publicity import Load, measure

pytestmark = pytest.mark.connected


def test_every_way_finds_every_searched_debtor_when_the_harness_runs_small(tmp_path):
    dsn = os.environ.get("ZHIXING_PG_DSN", "")
    if not dsn:
        pytest.fail("needs ZHIXING_PG_DSN: run it with `make test`, which starts PostgreSQL")
    figures = measure(Load(debtors=2_000, requests=50, concurrency=2, runs=1), dsn, tmp_path)
    assert figures.missing == {}
    assert figures.loaded["dishonest_list__v1"] == 2_000
    assert figures.found == {"raw SQL lookup": 50, "raw SQL, all 4 lists": 50,
                             "DebtorSearch.search": 50, "SearchDebtor (gRPC)": 50}
    assert all(p50 > 0 for p50, _ in figures.timings.values())
