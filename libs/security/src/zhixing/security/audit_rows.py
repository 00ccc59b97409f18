"""The rows of the audit log and the result of verifying them (R46, DESIGN §8)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

GENESIS_HASH = "0" * 64
"""What the first row follows."""


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log; `key_id` empty on a row from before the keyed chain."""

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
    key_id: str = ""

    def fields(self) -> dict[str, object]:
        """What the row's MAC covers (with `prev_hash`): everything but the MACs; an
        unkeyed row's hash covered the same without `key_id`."""
        fields = asdict(self)
        del fields["prev_hash"], fields["hash"]
        if not self.key_id:
            del fields["key_id"]
        return fields

    def expected_hash(self) -> str:
        """The plain sha256 link of an unkeyed (legacy) row."""
        return chain_hash(self.prev_hash, self.fields())


@dataclass(frozen=True)
class AuditVerification:
    """The result of walking the chain: ok, rows checked, the first bad seq if any, and
    what is wrong (`problem`, naming rows and checkpoint lines, never their content)."""

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str = ""
    legacy: int = 0
    """Rows from before the keyed chain (plain sha256, unkeyed)."""
    checkpoints: int = 0
    """Checkpoints of this chain, every one checked against the rows."""
    covered: int = 0
    """The last row a checkpoint vouches for; rows after it are newer than the last one."""
    other_chains: int = 0
    """Chains other than this one with checkpoints in the same file: other stores, or
    this store replaced whole (its chain id is new)."""


def chain_hash(prev_hash: str, row: dict[str, object]) -> str:
    canonical = json.dumps(row, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()
