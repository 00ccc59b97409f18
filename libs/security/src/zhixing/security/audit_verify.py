"""Verify an audit chain against its keys and its checkpoints (R46, DESIGN §8).

The database is not trusted: a row must carry a MAC only a key holder can make, the
rows must run 1, 2, 3, … each naming the previous row's MAC, and every signed
checkpoint of the chain must still find its row with the MAC it recorded. So:

- an edited row fails its MAC, even if the plain hashes after it were recomputed;
- a deleted row leaves a gap, or a link that no longer matches;
- rows cut off the end leave a checkpoint counting more rows than the store holds;
- a forged or altered checkpoint fails its signature;
- a store emptied and given a new chain id (rows and chain replaced whole) leaves the
  signed checkpoints of its old chain naming the same store.

Findings name row numbers and where a checkpoint was read (a line of the file, a
Kafka record), never a row's content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .audit_keys import KeyRing
from .audit_rows import GENESIS_HASH, AuditEntry, AuditVerification
from .checkpoints import Checkpoint, NumberedCheckpoint


class _Broken(Exception):
    def __init__(self, problem: str, seq: int | None = None) -> None:
        super().__init__(problem)
        self.problem, self.seq = problem, seq


@dataclass
class _Walk:
    """The rows seen so far, and the MACs of the rows the checkpoints name."""

    keys: KeyRing
    wanted: set[int]
    checked: int = 0
    legacy: int = 0
    prev_hash: str = GENESIS_HASH
    macs: dict[int, str] = field(default_factory=dict)

    def take(self, entry: AuditEntry) -> None:
        expected = self.checked + 1
        if entry.seq != expected:
            raise _Broken(f"row {expected} is missing (the next row is {entry.seq})", expected)
        if entry.prev_hash != self.prev_hash:
            raise _Broken(f"row {entry.seq} does not follow row {entry.seq - 1}", entry.seq)
        if entry.key_id:
            self._keyed(entry)
        elif self.legacy < self.checked:
            raise _Broken(f"row {entry.seq} is unkeyed after keyed rows", entry.seq)
        elif entry.hash != entry.expected_hash():
            raise _Broken(f"row {entry.seq} (unkeyed) does not match its hash", entry.seq)
        else:
            self.legacy += 1
        self.checked, self.prev_hash = entry.seq, entry.hash
        if entry.seq in self.wanted:
            self.macs[entry.seq] = entry.hash

    def _keyed(self, entry: AuditEntry) -> None:
        key = self.keys.get(entry.key_id)
        if key is None:
            raise _Broken(f"row {entry.seq} is signed with key {entry.key_id}, which the "
                          "key ring does not hold", entry.seq)
        if entry.hash != key.row_mac(entry.prev_hash, entry.fields()):
            raise _Broken(f"row {entry.seq} does not match its MAC (edited)", entry.seq)


def verify_chain(chain: str, entries: Iterable[AuditEntry], keys: KeyRing,
                 checkpoints: Sequence[NumberedCheckpoint] | None,
                 store: str = "") -> AuditVerification:
    """Check the rows, then the chain's checkpoints against them (see the module);
    `store` is the tag of the store the rows were read from (none: not checked)."""
    walk = _Walk(keys, set())
    try:
        mine, others = _checked_checkpoints(chain, checkpoints or (), keys, store)
        walk.wanted = {c.seq for _, c in mine}
        for entry in entries:
            walk.take(entry)
        if checkpoints is not None:
            _complete(walk, mine)
    except _Broken as broken:
        return AuditVerification(False, walk.checked, broken.seq, broken.problem, walk.legacy,
                                 len(walk.wanted))
    covered = max((c.seq for _, c in mine), default=0)
    return AuditVerification(True, walk.checked, None, "", walk.legacy, len(mine), covered,
                             len(others))


def _checked_checkpoints(chain: str, lines: Sequence[NumberedCheckpoint], keys: KeyRing,
                         store: str) -> tuple[list[tuple[str, Checkpoint]], set[str]]:
    """This chain's checkpoints, every one of them signed by a key of the ring, and the
    ids of the other chains in the file — other stores' only: a signed checkpoint of
    another chain of this same store means the store's log was replaced whole."""
    mine: list[tuple[str, Checkpoint]] = []
    others: set[str] = set()
    for where, checkpoint in lines:
        if checkpoint is None:
            raise _Broken(f"checkpoint {where} is not a checkpoint (damaged or altered)")
        if checkpoint.chain != chain and not (store and checkpoint.store == store):
            others.add(checkpoint.chain)  # another store's, sharing the file
            continue
        _check_signature(where, checkpoint, keys)
        if checkpoint.chain != chain:
            raise _Broken(f"checkpoint {where} is of another chain of this same store "
                          f"({checkpoint.seq} rows), which the store no longer holds (the "
                          "log was replaced whole; if its data folder was deleted on "
                          "purpose, keep the old checkpoint file apart and start a new one)",
                          1)
        mine.append((where, checkpoint))
    return mine, others


def _check_signature(where: str, checkpoint: Checkpoint, keys: KeyRing) -> None:
    key = keys.get(checkpoint.key_id)
    if key is None:
        raise _Broken(f"checkpoint {where} is signed with key {checkpoint.key_id}, "
                      "which the key ring does not hold")
    if checkpoint.sig != key.sign(checkpoint.payload()):
        raise _Broken(f"checkpoint {where} has a bad signature (forged or altered)")


def _complete(walk: _Walk, mine: list[tuple[str, Checkpoint]]) -> None:
    """Every checkpoint still finds its row, with its MAC, and the same unkeyed prefix."""
    if walk.checked > walk.legacy and not mine:
        raise _Broken("no checkpoint of this chain: that no rows were cut off the end "
                      "cannot be proven (is the checkpoint file the one the suite writes?)")
    where, latest = max(mine, key=lambda found: found[1].seq, default=("", None))
    if latest is not None and latest.seq > walk.checked:
        first = walk.checked + 1
        missing = f"row {first} is" if first == latest.seq else f"rows {first}–{latest.seq} are"
        raise _Broken(f"{missing} missing: checkpoint {where} ({latest.at}) counts "
                      f"{latest.seq} rows, the store holds {walk.checked} (truncated)", first)
    for where, checkpoint in mine:
        mac = walk.macs.get(checkpoint.seq, GENESIS_HASH)
        if mac != checkpoint.mac:
            raise _Broken(f"row {checkpoint.seq} is not the one checkpoint {where} "
                          "recorded (rewritten)", checkpoint.seq or None)
        if checkpoint.legacy != walk.legacy:
            raise _Broken(f"checkpoint {where} counts {checkpoint.legacy} unkeyed rows, "
                          f"the store {walk.legacy} (rows were re-labelled)")
