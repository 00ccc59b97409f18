"""Segments of the audit chain (R46, docs/audit.md): rows from before the key stay a
verified, unkeyed prefix pinned by the first keyed checkpoint; a rotated key starts a
new segment carrying the chain so far over in a checkpoint it signs."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from typer.testing import CliRunner, Result

from zhixing.eventstore.settings import Settings
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.cli import app, mount
from zhixing.security.audit_keys import KeyRing
from zhixing.security.checkpoints import CheckpointFile
from zhixing.security.identity import Identity

JUDGE = Identity(subject="judge-1", role="judge", court="川0104")
# The table as it was before the key (issue 11): no key_id column.
OLD_DDL = """CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
    court TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, reason TEXT NOT NULL,
    outcome TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"""


@pytest.fixture
def place(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ZHIXING_VAR", str(tmp_path / "var"))
    monkeypatch.setenv("ZHIXING_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.keys"))
    monkeypatch.setenv("ZHIXING_AUDIT_CHECKPOINTS", str(tmp_path / "kept" / "checkpoints.jsonl"))
    monkeypatch.delenv("ZHIXING_PG_DSN", raising=False)
    monkeypatch.delenv("ZHIXING_AUDIT_KEYS", raising=False)
    return tmp_path


def record(count: int) -> None:
    home = open_audit(Settings.from_env())
    try:
        for n in range(count):
            home.log.record(JUDGE, "/zhixing.cases.v1.CasesService/GetCase",
                            f"(2026)川0104执{n + 1}号", "read case file", "ok")
    finally:
        close_audit(home)


def zhixing(*args: str) -> Result:
    return CliRunner().invoke(mount(app), list(args))


def old_rows(db: sqlite3.Connection, count: int, start: int = 1, case: int = 0) -> None:
    """Rows as the unkeyed sha256 chain wrote them, from row `start` on; `case`, if
    given, is the case number of the first."""
    prev = db.execute("SELECT hash FROM audit_log WHERE seq = ?", (start - 1,)).fetchone()
    prev_hash = prev[0] if prev else "0" * 64
    for seq in range(start, start + count):
        row = {"seq": seq, "at": "2026-01-01T00:00:00.000000+00:00", "actor": "judge-1",
               "role": "judge", "court": "川0104", "action": "/x/GetCase",
               "target": f"(2025)川0104执{case if case and seq == start else seq}号",
               "reason": "read", "outcome": "ok"}
        text = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256((prev_hash + text).encode()).hexdigest()
        db.execute(f"INSERT OR REPLACE INTO audit_log ({', '.join(row)}, prev_hash, hash) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?)", (*row.values(), prev_hash, digest))
        prev_hash = digest


@pytest.fixture
def old_store(place):  # type: ignore[no-untyped-def]
    (place / "var" / "audit").mkdir(parents=True)
    db = sqlite3.connect(place / "var" / "audit" / "log.db", isolation_level=None)
    db.execute(OLD_DDL)
    old_rows(db, 3)
    return db


class TestRowsFromBeforeTheKey:
    def test_verified_as_before_when_the_suite_has_not_written_since(self, old_store):
        checked = zhixing("audit-verify")
        assert checked.exit_code == 0, checked.output
        assert "3 entries, chain intact; 3 from before the keyed chain" in checked.stdout

    def test_the_keyed_chain_continues_them_when_the_suite_writes(self, old_store):
        record(2)
        checked = zhixing("audit-verify")
        assert checked.exit_code == 0, checked.output
        assert "5 entries, chain intact; 3 from before the keyed chain" in checked.stdout
        assert "2 keyed" in checked.stdout

    def test_an_old_row_rewritten_is_caught_when_the_keyed_chain_has_started(self, old_store):
        record(1)
        old_rows(old_store, 2, start=2, case=99)  # row 2 edited, the plain chain recomputed
        checked = zhixing("audit-verify")
        assert checked.exit_code == 1 and "row 4 does not follow row 3" in checked.stderr


class TestRotation:
    def test_both_segments_verify_when_the_old_key_is_kept(self, place):
        record(2)
        rotated = zhixing("audit-key", "rotate")
        assert rotated.exit_code == 0, rotated.output
        record(2)
        checked = zhixing("audit-verify")
        assert checked.exit_code == 0 and "4 entries, chain intact" in checked.stdout

    def test_the_new_key_signs_the_chain_so_far_when_its_segment_starts(self, place):
        record(2)
        zhixing("audit-key", "rotate")
        record(1)
        ring = KeyRing.parse((place / "keys" / "audit.keys").read_text(), "keys")
        carried = [c for _, c in CheckpointFile(place / "kept" / "checkpoints.jsonl").read()
                   if c is not None and c.seq == 2]
        assert {c.key_id for c in carried} == {k.key_id for k in ring.keys}

    def test_exit_1_naming_the_key_when_the_old_one_was_dropped(self, place):
        record(1)
        zhixing("audit-key", "rotate")
        record(1)
        keys = place / "keys" / "audit.keys"
        old, new = keys.read_text().splitlines()
        keys.write_text(new + "\n")
        checked = zhixing("audit-verify")
        assert checked.exit_code == 1
        assert f"signed with key {old.split(':')[0]}, which the key ring does not hold" in (
            checked.stderr)


class TestWhereTheyLive:
    def test_run_stops_at_start_naming_the_file_when_checkpoints_cannot_be_written(
            self, place, monkeypatch):
        blocker = place / "not-a-folder"
        blocker.write_text("")
        monkeypatch.setenv("ZHIXING_AUDIT_CHECKPOINTS", str(blocker / "checkpoints.jsonl"))
        for port in ("ZHIXING_GRPC_PORT", "ZHIXING_HTTP_PORT", "ZHIXING_METRICS_PORT"):
            monkeypatch.setenv(port, "0")
        started = zhixing("run", "--no-demo")
        assert started.exit_code == 1 and len(started.stderr.splitlines()) == 1
        assert "cannot write audit checkpoints" in started.stderr

    def test_the_key_ring_is_made_once_private_when_the_suite_first_writes(self, place):
        record(1)
        keys = place / "keys" / "audit.keys"
        made = keys.read_text()
        record(1)
        assert keys.read_text() == made and keys.stat().st_mode & 0o777 == 0o600
        assert not (place / "var" / "audit.keys").exists()

    @pytest.mark.parametrize("damage", ["binary", "folder"])
    def test_one_line_naming_the_file_when_the_key_ring_cannot_be_read(self, place, damage):
        # Not UTF-8, or not a file: one line, no traceback (issue 12 item 9).
        record(1)
        keys = place / "keys" / "audit.keys"
        secret = keys.read_text().split(":", 1)[1].strip()
        keys.unlink()
        if damage == "binary":
            keys.write_bytes(b"\xff\xfe" + secret.encode())
        else:
            keys.mkdir()
        for command in (("audit-verify",), ("audit-key", "rotate")):
            refused = zhixing(*command)
            assert refused.exit_code == 1 and len(refused.stderr.splitlines()) == 1, (
                refused.output)
            assert str(keys) in refused.stderr and secret not in refused.output

    def test_exit_2_naming_the_file_when_the_checkpoints_path_is_a_folder(
            self, place, monkeypatch):
        record(1)
        folder = place / "a-folder"
        folder.mkdir()
        monkeypatch.setenv("ZHIXING_AUDIT_CHECKPOINTS", str(folder))
        refused = zhixing("audit-verify")
        assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1, refused.output
        assert str(folder) in refused.stderr
