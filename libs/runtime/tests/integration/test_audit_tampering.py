"""`zhixing audit-verify` against someone who can write the audit database but holds
neither the audit key nor the checkpoint file (issue 12 item 9, R46, DESIGN §8).

Before the key, each tamper below passed: the sha256 chain could be recomputed by
anyone, and nothing outside the store said how many rows there had been. The attacker
here recomputes that plain chain after every change, as the issue's test did.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from zhixing.eventstore.settings import Settings
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.cli import app, mount
from zhixing.security.identity import Identity

JUDGE = Identity(subject="judge-1", role="judge", court="川0104")
CASE = "(2026)川0104执{n}号"
ROWS = 6


@pytest.fixture
def suite(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """An audit log of six rows written by the suite, closed cleanly; its key ring and
    checkpoints where the operator keeps them (outside var/)."""
    monkeypatch.setenv("ZHIXING_VAR", str(tmp_path / "var"))
    monkeypatch.setenv("ZHIXING_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.keys"))
    monkeypatch.setenv("ZHIXING_AUDIT_CHECKPOINTS", str(tmp_path / "kept" / "checkpoints.jsonl"))
    monkeypatch.delenv("ZHIXING_PG_DSN", raising=False)
    monkeypatch.delenv("ZHIXING_AUDIT_KEYS", raising=False)
    record(ROWS)
    return tmp_path


def record(count: int) -> None:
    home = open_audit(Settings.from_env())
    try:
        for n in range(count):
            home.log.record(JUDGE, "/zhixing.cases.v1.CasesService/GetCase",
                            CASE.format(n=n + 1), "read case file", "ok")
    finally:
        close_audit(home)


def verify() -> Result:
    return CliRunner().invoke(mount(app), ["audit-verify"])


def broken(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert len(result.stderr.splitlines()) == 1
    assert "执" not in result.stderr  # names rows, never their content
    return result.stderr


# -- the attacker: plain SQL on the database, and the public sha256 recipe ---------------

def database(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / "var" / "audit" / "log.db", isolation_level=None)


def rows(db: sqlite3.Connection) -> list[dict[str, object]]:
    cursor = db.execute("SELECT * FROM audit_log ORDER BY seq")
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def rewrite(db: sqlite3.Connection, new_rows: list[dict[str, object]], start: int) -> None:
    """Replace the log with `new_rows`, the sha256 chain recomputed from row `start` on
    (the rows before it keep theirs), as the pre-key recipe made it: over every column
    but the two hashes (and an empty `key_id`, which the old rows did not have)."""
    prev = str(new_rows[start - 2]["hash"]) if start > 1 else "0" * 64
    for row in new_rows[start - 1:]:
        row["prev_hash"] = prev
        fields = {k: v for k, v in row.items()
                  if k not in ("prev_hash", "hash") and (k != "key_id" or v)}
        canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        row["hash"] = prev = hashlib.sha256((prev + canonical).encode("utf-8")).hexdigest()
    db.execute("DELETE FROM audit_log")
    for row in new_rows:
        db.execute(f"INSERT INTO audit_log ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                   tuple(row.values()))


class TestTamperingIsDetected:
    def test_intact_when_nobody_touched_the_log(self, suite):
        checked = verify()
        assert checked.exit_code == 0, checked.output
        assert f"audit log: {ROWS} entries, chain intact" in checked.stdout
        assert f"the last covering entry {ROWS}" in checked.stdout

    def test_exit_1_naming_the_missing_rows_when_the_last_rows_are_cut_off(self, suite):
        database(suite).execute("DELETE FROM audit_log WHERE seq > 4")
        assert f"rows 5–{ROWS} are missing" in broken(verify())

    def test_exit_1_naming_the_row_when_it_is_edited_and_the_chain_recomputed(self, suite):
        db = database(suite)
        edited = rows(db)
        edited[2]["target"] = CASE.format(n=99)
        rewrite(db, edited, start=3)
        assert "row 3 does not match its MAC" in broken(verify())

    def test_exit_1_naming_the_row_when_a_middle_row_is_deleted_and_the_rest_renumbered(
            self, suite):
        db = database(suite)
        kept = [row for row in rows(db) if row["seq"] != 3]
        for seq, row in enumerate(kept, 1):
            row["seq"] = seq
        rewrite(db, kept, start=3)
        assert "row 3 does not match its MAC" in broken(verify())

    def test_exit_1_naming_the_line_when_a_checkpoint_is_forged(self, suite):
        kept = suite / "kept" / "checkpoints.jsonl"
        last = json.loads(kept.read_text().splitlines()[-1])
        forged = {**last, "seq": ROWS + 10, "sig": "0" * 64}
        with kept.open("a") as out:
            out.write(json.dumps(forged) + "\n")
        lines = len(kept.read_text().splitlines())
        assert f"checkpoint line {lines} has a bad signature" in broken(verify())

    def test_exit_1_when_keyed_rows_are_relabelled_as_rows_from_before_the_key(self, suite):
        db = database(suite)
        relabelled = [{**row, "key_id": ""} for row in rows(db)]
        rewrite(db, relabelled, start=1)
        assert "checkpoint line" in broken(verify())

    def test_exit_1_when_no_checkpoint_vouches_for_the_keyed_rows(self, suite):
        (suite / "kept" / "checkpoints.jsonl").unlink()
        assert "no checkpoint of this chain" in broken(verify())


    def test_exit_1_when_the_whole_log_is_replaced_under_a_new_chain_id(self, suite):
        # Every row deleted and the chain's id with them: the next start makes a new
        # chain whose own checkpoints all hold (issue 12 item 9; passed before).
        db = database(suite)
        db.execute("DELETE FROM audit_log")
        db.execute("DELETE FROM audit_chain")
        record(2)
        assert "another chain of this same store" in broken(verify())


class TestTheCopyKeptElsewhere:
    def test_a_truncation_is_caught_by_the_copy_when_the_suites_file_was_cut_too(self, suite):
        kept = suite / "kept" / "checkpoints.jsonl"
        copy = suite / "offsite.jsonl"
        copy.write_text(kept.read_text())
        database(suite).execute("DELETE FROM audit_log WHERE seq > 4")
        kept.write_text(kept.read_text().splitlines()[0] + "\n")  # only the chain's start
        assert verify().exit_code == 0  # the local file no longer knows
        checked = CliRunner().invoke(mount(app), ["audit-verify", "--checkpoints", str(copy)])
        assert "rows 5–6 are missing" in broken(checked)

    def test_exit_2_when_the_copy_named_is_not_there(self, suite):
        checked = CliRunner().invoke(mount(app), ["audit-verify", "--checkpoints",
                                                  str(suite / "nowhere.jsonl")])
        assert checked.exit_code == 2 and "checkpoints:" in checked.stderr


class TestASharedCheckpointFile:
    def test_another_stores_checkpoints_are_noted_not_judged_when_they_share_the_file(
            self, suite, monkeypatch):
        monkeypatch.setenv("ZHIXING_VAR", str(suite / "other-var"))
        record(2)  # a second store, same key ring and checkpoint file
        monkeypatch.setenv("ZHIXING_VAR", str(suite / "var"))
        checked = verify()
        assert checked.exit_code == 0, checked.output
        assert f"{ROWS} entries, chain intact" in checked.stdout
        assert "checkpoints of 1 other chain(s)" in checked.stdout
