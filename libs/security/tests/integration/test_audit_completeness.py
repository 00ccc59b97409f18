"""The keyed chain and its checkpoints on both backends (R46, issue 12 item 9): rows cut
off the end are caught by a checkpoint kept outside the store, and a log from before
the key gains its key column and continues as a keyed chain."""

from __future__ import annotations

from pathlib import Path

from zhixing.eventstore.sql import SqlStore
from zhixing.security import AuditLog, Identity, KeyRing, Role
from zhixing.security.audit import GENESIS_HASH, chain_hash
from zhixing.security.checkpoints import Checkpointer, CheckpointFile

OFFICER = Identity("officer-7", Role.OFFICER, court="2400")
CASE = "(2025)川0104执1234号"
KEYS = KeyRing.ephemeral()


def keyed_log(store: SqlStore, kept: Path) -> AuditLog:
    return AuditLog(store, KEYS, Checkpointer(CheckpointFile(kept), every_rows=2))


def write(log: AuditLog, count: int) -> None:
    for _ in range(count):
        log.record(OFFICER, "/zhixing.assets.v1.AssetsService/GetResults", CASE, CASE, "ok")


class TestCompleteness:
    def test_intact_with_every_checkpoint_when_untouched(self, store: SqlStore, tmp_path):
        log = keyed_log(store, tmp_path / "kept.jsonl")
        write(log, 5)
        log.close()
        result = log.verify(CheckpointFile(tmp_path / "kept.jsonl").read())
        # the segment's start (0), every 2 rows (2, 4), and the close (5)
        assert (result.ok, result.checked, result.checkpoints, result.covered) == (True, 5, 4, 5)

    def test_the_cut_rows_are_named_when_the_last_rows_are_deleted(self, store, tmp_path):
        log = keyed_log(store, tmp_path / "kept.jsonl")
        write(log, 5)
        log.close()
        with store.transaction() as cur:
            cur.execute("DELETE FROM audit_log WHERE seq > 3")
        result = log.verify(CheckpointFile(tmp_path / "kept.jsonl").read())
        assert (result.ok, result.first_bad_seq) == (False, 4)
        assert result.problem.startswith("rows 4–5 are missing")


class TestLogFromBeforeTheKey:
    def test_old_rows_are_an_unkeyed_prefix_when_the_keyed_chain_continues_them(
            self, store: SqlStore, tmp_path):
        store.migrate("""CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at TEXT NOT NULL,
            actor TEXT NOT NULL, role TEXT NOT NULL, court TEXT NOT NULL, action TEXT NOT NULL,
            target TEXT NOT NULL, reason TEXT NOT NULL, outcome TEXT NOT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL)""")
        row = {"seq": 1, "at": "2026-01-01T00:00:00.000000+00:00", "actor": "officer-7",
               "role": "officer", "court": "2400", "action": "read", "target": CASE,
               "reason": CASE, "outcome": "ok"}
        with store.transaction() as cur:
            cur.execute("INSERT INTO audit_log VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                        (*row.values(), GENESIS_HASH, chain_hash(GENESIS_HASH, row)))
        log = keyed_log(store, tmp_path / "kept.jsonl")
        write(log, 2)
        log.close()
        result = log.verify(CheckpointFile(tmp_path / "kept.jsonl").read())
        assert (result.ok, result.checked, result.legacy) == (True, 3, 1)
        assert [e.key_id for e in log.entries()] == ["", KEYS.current.key_id, KEYS.current.key_id]
