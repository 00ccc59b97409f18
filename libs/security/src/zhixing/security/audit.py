"""The append-only, hash-chained audit log (R46, DESIGN §8).

Each row records who (actor, role, court), what (action), about which case (target),
why (reason) and when, with the outcome. Its hash is
``sha256(prev_hash + canonical JSON of the row)``, so changing or deleting a row
breaks the chain from that row on; `verify()` reports the first broken sequence number.
Rows hold case numbers and codes only: a value shaped like a resident ID number is
refused (R60).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime

from zhixing.eventstore.sql import Cursor, SqlStore
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import mask_id_number

from .identity import Identity

GENESIS_HASH = "0" * 64
ANONYMOUS = "anonymous"

_DDL = """CREATE TABLE IF NOT EXISTS audit_log (
    seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
    court TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, reason TEXT NOT NULL,
    outcome TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"""
_COLUMNS = "seq, at, actor, role, court, action, target, reason, outcome, prev_hash, hash"
_RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_VERIFY_BATCH = 1000


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log."""

    seq: int
    at: str
    actor: str
    role: str
    court: str
    action: str
    target: str
    reason: str
    outcome: str
    prev_hash: str
    hash: str

    def expected_hash(self) -> str:
        fields = asdict(self)
        del fields["prev_hash"], fields["hash"]
        return chain_hash(self.prev_hash, fields)


@dataclass(frozen=True)
class AuditVerification:
    """The result of walking the chain: ok, rows checked, the first bad seq if any."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None


def chain_hash(prev_hash: str, row: dict[str, object]) -> str:
    canonical = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


class AuditLog:
    """Append-only audit log in a `SqlStore` (SQLite or PostgreSQL)."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store
        store.migrate(_DDL)

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
        with self._store.transaction() as cur:
            self._lock(cur)
            cur.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            last = cur.fetchone()
            seq, prev_hash = (int(last[0]) + 1, str(last[1])) if last else (1, GENESIS_HASH)
            unsealed = AuditEntry(
                seq,
                _utc_text(at),
                *who,
                action,
                target,
                reason,
                outcome,
                prev_hash=prev_hash,
                hash="",
            )
            entry = replace(unsealed, hash=unsealed.expected_hash())
            cur.execute(
                f"INSERT INTO audit_log ({_COLUMNS}) VALUES ({', '.join(['%s'] * 11)})",
                _values(entry),
            )
        return entry

    def entries(self, limit: int = 100, after_seq: int = 0) -> list[AuditEntry]:
        """Up to `limit` entries with seq greater than `after_seq`, in order."""
        with self._store.transaction() as cur:
            cur.execute(
                f"SELECT {_COLUMNS} FROM audit_log WHERE seq > %s ORDER BY seq LIMIT %s",
                (after_seq, limit),
            )
            rows = cur.fetchall()
        return [_entry(row) for row in rows]

    def head(self) -> AuditEntry | None:
        """The last entry; anchoring its hash elsewhere also detects truncation."""
        with self._store.transaction() as cur:
            cur.execute(f"SELECT {_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1")
            row = cur.fetchone()
        return _entry(row) if row else None

    def verify(self) -> AuditVerification:
        """Walk the whole chain: seqs contiguous from 1, links intact, hashes recomputed."""
        checked, expected_seq, prev_hash = 0, 1, GENESIS_HASH
        for entry in self._all():
            if (
                entry.seq != expected_seq
                or entry.prev_hash != prev_hash
                or entry.hash != entry.expected_hash()
            ):
                return AuditVerification(False, checked, min(entry.seq, expected_seq))
            checked, expected_seq, prev_hash = checked + 1, entry.seq + 1, entry.hash
        return AuditVerification(True, checked, None)

    def _all(self) -> Iterator[AuditEntry]:
        after = 0
        while batch := self.entries(_VERIFY_BATCH, after):
            yield from batch
            after = batch[-1].seq

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
    )


def _entry(row: tuple[object, ...]) -> AuditEntry:
    seq, at, actor, role, court, action, target, reason, outcome, prev, digest = map(str, row)
    return AuditEntry(
        int(seq), at, actor, role, court, action, target, reason, outcome, prev, digest
    )
