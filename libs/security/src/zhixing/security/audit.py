"""The append-only, keyed and checkpointed audit log (R46, DESIGN §8).

Each row records who (actor, role, court), what (action), about which case (target),
why (reason) and when, with the outcome. Its MAC is HMAC-SHA256, with a key the
database does not hold (`audit_keys`), over the previous row's MAC and the row, so
changing or deleting a row is caught even if whoever changed it recomputed every
plain hash after it. Cutting rows off the end is caught by signed checkpoints kept
outside the store (`checkpoints`). `verify()` (`audit_verify`) names the first broken
row or checkpoint.

Rows from before the key (the unkeyed sha256 chain, `key_id` empty) are a prefix the
first keyed row continues; the checkpoint written when the keyed chain starts pins
that prefix's head, so from then on it cannot change unseen either.

Rows hold case numbers and codes only: a value shaped like a resident ID number is
refused (R60).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import mask_id_number

from .audit_keys import KeyRing
from .audit_rows import GENESIS_HASH, AuditEntry, AuditVerification, chain_hash
from .audit_verify import verify_chain
from .checkpoints import Checkpoint, Checkpointer, NumberedCheckpoint
from .identity import Identity

ANONYMOUS = "anonymous"
__all__ = ["ANONYMOUS", "GENESIS_HASH", "AuditEntry", "AuditLog", "AuditVerification",
           "chain_hash", "masked_id_numbers"]

_DDL = """CREATE TABLE IF NOT EXISTS audit_log (
    seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
    court TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, reason TEXT NOT NULL,
    outcome TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    key_id TEXT NOT NULL DEFAULT '')"""
# What the chain is (its id, how many unkeyed rows precede the keyed ones). Not trusted:
# checkpoints carry both, signed, and the verifier compares.
_CHAIN_DDL = "CREATE TABLE IF NOT EXISTS audit_chain (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
_COLUMNS = "seq, at, actor, role, court, action, target, reason, outcome, prev_hash, hash, key_id"
_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_VERIFY_BATCH = 1000


class AuditLog:
    """Append-only audit log in a `SqlStore` (SQLite or PostgreSQL).

    `keys` MAC the rows (without a ring, a random key no one keeps: rows then verify only
    through this object); `checkpoints` publishes the chain's head outside the store;
    `store_tag` names where the store is in every checkpoint, so a chain replaced whole
    in the same place is caught (`audit_verify`).
    """

    def __init__(self, store: SqlStore, keys: KeyRing | None = None,
                 checkpoints: Checkpointer | None = None, store_tag: str = "") -> None:
        self._store = store
        self.store_tag = store_tag
        self.keys = keys or KeyRing.ephemeral()
        self.checkpoints = checkpoints
        store.migrate(_DDL, _CHAIN_DDL)
        self._migrate_key_column()
        self.chain = self._chain_setting("chain", uuid.uuid4().hex)
        self._legacy_rows: int | None = None

    def record(
        self,
        identity: Identity | None,
        action: str,
        target: str,
        reason: str,
        outcome: str,
        at: datetime | None = None,
    ) -> AuditEntry:
        """Append one entry. `target`/`reason` name case numbers, never ID numbers."""
        _refuse_id_numbers(target=target, reason=reason, action=action)
        who = (
            (identity.subject, str(identity.role), identity.court)
            if identity
            else (ANONYMOUS, "", "")
        )
        key = self.keys.current
        with self._store.transaction() as cur:
            self._lock(cur)
            cur.execute("SELECT seq, hash, key_id FROM audit_log ORDER BY seq DESC LIMIT 1")
            last = cur.fetchone()
            prev_seq, prev_hash, prev_key = (
                (int(last[0]), str(last[1]), str(last[2])) if last else (0, GENESIS_HASH, ""))
            legacy = self._legacy(cur, prev_seq, prev_key)
            unsealed = AuditEntry(prev_seq + 1, _utc_text(at), *who, action, target, reason,
                                  outcome, prev_hash=prev_hash, hash="", key_id=key.key_id)
            entry = replace(unsealed, hash=key.row_mac(prev_hash, unsealed.fields()))
            if prev_key != key.key_id and self.checkpoints is not None:
                # A keyed segment starts (first key, or a rotated one): the chain so far is
                # carried over, signed with the new key, before the row can commit.
                self.checkpoints.publish(Checkpoint(self.chain, prev_seq, prev_hash, legacy,
                                                    entry.at, key.key_id,
                                                    store=self.store_tag), key)
            cur.execute(
                f"INSERT INTO audit_log ({_COLUMNS}) VALUES ({', '.join(['%s'] * 12)})",
                _values(entry),
            )
        if self.checkpoints is not None:
            self.checkpoints.recorded(Checkpoint(self.chain, entry.seq, entry.hash, legacy,
                                                 entry.at, key.key_id, store=self.store_tag),
                                      key)
        return entry

    def entries(self, limit: int = 100, after_seq: int = 0) -> list[AuditEntry]:
        """Up to `limit` entries with seq greater than `after_seq`, in order."""
        with self._store.transaction(read_only=True) as cur:
            cur.execute(
                f"SELECT {_COLUMNS} FROM audit_log WHERE seq > %s ORDER BY seq LIMIT %s",
                (after_seq, limit),
            )
            rows = cur.fetchall()
        return [_entry(row) for row in rows]

    def head(self) -> AuditEntry | None:
        """The last entry."""
        with self._store.transaction(read_only=True) as cur:
            cur.execute(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1")
            row = cur.fetchone()
        return _entry(row) if row else None

    def verify(self, checkpoints: Sequence[NumberedCheckpoint] | None = None
               ) -> AuditVerification:
        """Walk the whole chain with this log's keys: seqs contiguous from 1, links and
        MACs intact; then every checkpoint of this chain (signature, and the row it
        names still there with its MAC). `checkpoints=None`: rows only, completeness
        unchecked (a service's own pre-suite log has none)."""
        return verify_chain(self.chain, self._all(), self.keys, checkpoints, self.store_tag)

    def close(self) -> None:
        """Publish the last head (clean shutdown); the store is its owner's to close."""
        if self.checkpoints is not None:
            self.checkpoints.close()

    def _all(self) -> Iterator[AuditEntry]:
        after = 0
        while batch := self.entries(_VERIFY_BATCH, after):
            yield from batch
            after = batch[-1].seq

    def _legacy(self, cur: Cursor, prev_seq: int, prev_key: str) -> int:
        """How many unkeyed rows precede the keyed chain; fixed by its first row, so read
        once per process after that."""
        if prev_key == "":
            cur.execute("DELETE FROM audit_chain WHERE name = 'legacy'")
            cur.execute("INSERT INTO audit_chain (name, value) VALUES ('legacy', %s)",
                        (str(prev_seq),))
            return prev_seq
        if self._legacy_rows is None:
            cur.execute("SELECT value FROM audit_chain WHERE name = 'legacy'")
            row = cur.fetchone()
            self._legacy_rows = int(row[0]) if row else 0
        return self._legacy_rows

    def _chain_setting(self, name: str, default: str) -> str:
        with self._store.transaction() as cur:
            cur.execute("INSERT INTO audit_chain (name, value) VALUES (%s, %s) "
                        "ON CONFLICT (name) DO NOTHING", (name, default))
            cur.execute("SELECT value FROM audit_chain WHERE name = %s", (name,))
            row = cur.fetchone()
        return str(row[0]) if row else default

    def _migrate_key_column(self) -> None:
        """A log from before the keyed chain gains `key_id` (empty on its old rows)."""
        if not self._store.is_sqlite:
            self._store.migrate(
                "ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS key_id TEXT NOT NULL DEFAULT ''")
            return
        with self._store.transaction() as cur:
            cur.execute("SELECT COUNT(*) FROM pragma_table_info('audit_log') "
                        "WHERE name = 'key_id'")
            found = cur.fetchone()
            if not found or not found[0]:
                cur.execute("ALTER TABLE audit_log ADD COLUMN key_id TEXT NOT NULL DEFAULT ''")

    def _lock(self, cur: Cursor) -> None:
        # SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs a lock
        # so two writers cannot both read the same head and leave a gap or a fork.
        if not self._store.is_sqlite:
            cur.execute("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE")


def masked_id_numbers(text: str) -> str:
    """`text` with every value shaped like a resident ID number masked (R60): for text
    a caller chose (a method name) that must still be recorded."""
    return _RESIDENT_ID.sub(lambda found: mask_id_number(found.group()), text)


def _refuse_id_numbers(**values: str) -> None:
    for name, value in values.items():
        if _RESIDENT_ID.search(value):
            raise InvalidInput(
                "looks like a resident ID number; audit rows name case numbers",
                rule="R60",
                field=name,
            )


def _utc_text(at: datetime | None) -> str:
    moment = at or datetime.now(UTC)
    if moment.tzinfo is None:
        raise InvalidInput("audit time must carry a time zone", field="at")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _values(entry: AuditEntry) -> tuple[object, ...]:
    return (
        entry.seq,
        entry.at,
        entry.actor,
        entry.role,
        entry.court,
        entry.action,
        entry.target,
        entry.reason,
        entry.outcome,
        entry.prev_hash,
        entry.hash,
        entry.key_id,
    )


def _entry(row: tuple[object, ...]) -> AuditEntry:
    seq, at, actor, role, court, action, target, reason, outcome, prev, digest, key = map(str, row)
    return AuditEntry(
        int(seq), at, actor, role, court, action, target, reason, outcome, prev, digest, key
    )
