"""Audit benchmark: what the keyed chain costs per row (issue 12 item 9, R46).

Three figures, medians of BENCH_ROUNDS rounds (default 5), on one machine in one run:
- the MAC alone: HMAC-SHA256 of a typical row (derived subkey + MAC) beside the plain
  sha256 link the chain used before, per row;
- `AuditLog.record` on a SQLite file (embedded mode), keyed, with checkpoints to a file
  every 1000 rows — the whole cost a servicer pays per audited call;
- `verify` of the rows written, keys and checkpoints included.

Prints; asserts nothing about time. Run: `.venv/bin/python tests/perf/audit/bench_audit.py`
(no PostgreSQL or Kafka needed; not in `make test`).
"""

from __future__ import annotations

import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from zhixing.eventstore.sql import SqlStore
from zhixing.security.audit import AuditLog, chain_hash
from zhixing.security.audit_keys import KeyRing
from zhixing.security.checkpoints import Checkpointer, CheckpointFile
from zhixing.security.identity import Identity

ROWS = int(os.environ.get("BENCH_AUDIT_ROWS", "5000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
JUDGE = Identity(subject="judge-1", role="judge", court="川0104")
ROW = {"seq": 123456, "at": "2026-12-04T18:00:00.000000+00:00", "actor": "judge-1",
       "role": "judge", "court": "川0104", "action": "/zhixing.cases.v1.CasesService/GetCase",
       "target": "(2026)川0104执123号", "reason": "read case file", "outcome": "ok",
       "key_id": "20261204-0123abcd"}


def per_call(call: Callable[[], object], times: int) -> float:
    """Median microseconds of one call over ROUNDS rounds of `times` calls."""
    rounds = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for _ in range(times):
            call()
        rounds.append((time.perf_counter() - started) / times * 1e6)
    return statistics.median(rounds)


def record_and_verify(folder: Path) -> tuple[float, float]:
    store = SqlStore(sqlite_path=folder / "log.db")
    log = AuditLog(store, KeyRing.ephemeral(),
                   Checkpointer(CheckpointFile(folder / "checkpoints.jsonl"), 1000, 60))
    started = time.perf_counter()
    for n in range(ROWS):
        log.record(JUDGE, "/zhixing.cases.v1.CasesService/GetCase", f"(2026)川0104执{n}号",
                   "read case file", "ok")
    recorded = (time.perf_counter() - started) / ROWS * 1e6
    log.close()
    started = time.perf_counter()
    result = log.verify(CheckpointFile(folder / "checkpoints.jsonl").read())
    verified = (time.perf_counter() - started) / ROWS * 1e6
    assert result.ok and result.checked == ROWS, result
    store.close()
    return recorded, verified


def main() -> None:
    key = KeyRing.ephemeral().current
    plain = per_call(lambda: chain_hash("0" * 64, ROW), 20000)
    keyed = per_call(lambda: key.row_mac("0" * 64, ROW), 20000)
    runs = []
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as folder:
            runs.append(record_and_verify(Path(folder)))
    recorded = statistics.median(r for r, _ in runs)
    verified = statistics.median(v for _, v in runs)
    print(f"audit bench on {platform.machine()} {platform.python_version()}, "
          f"{ROWS} rows × {ROUNDS} rounds (medians)")
    print(f"  plain sha256 link    : {plain:8.2f} µs/row")
    print(f"  HMAC-SHA256 row MAC  : {keyed:8.2f} µs/row  (+{keyed - plain:.2f} µs)")
    print(f"  record (SQLite, keyed, checkpoint every 1000): {recorded:8.1f} µs/row "
          f"— the MAC is {keyed / recorded:.1%} of it")
    print(f"  verify (MACs + checkpoints): {verified:8.1f} µs/row")


if __name__ == "__main__":
    main()
