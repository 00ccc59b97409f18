"""The keys of the audit chain (R46, DESIGN §8): HMAC-SHA256 keys the database never holds.

A key ring is text, one key an entry, ``<key id>:<base64 secret>``, entries on lines or
separated by commas, ``#`` starting a comment. The LAST entry is the current key: it
MACs new rows and signs checkpoints. Older entries stay only to verify the rows and
checkpoints they signed, so rotating a key is appending one (`KeyRing.rotated`).

Rows and checkpoints use subkeys derived from the key for each purpose, so a row's MAC
can never be replayed as a checkpoint's signature, nor the other way round.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

KEY_BYTES = 32
_KEY_ID = re.compile(r"[A-Za-z0-9._-]{1,40}")
_ROW_PURPOSE = b"zhixing-audit-row-v1"
_CHECKPOINT_PURPOSE = b"zhixing-audit-checkpoint-v1"


class AuditKeyError(ValueError):
    """A key ring that cannot be read; the message names the entry, never a secret."""


def canonical(fields: Mapping[str, object]) -> str:
    """The one text a row or checkpoint is MACed over: sorted keys, no spaces."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class AuditKey:
    """One HMAC key: its id (written beside every row it MACs) and its secret."""

    key_id: str
    secret: bytes = field(repr=False)
    _row_key: bytes = field(init=False, repr=False, compare=False)
    _checkpoint_key: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Derived once: each MAC then costs one HMAC, not two.
        object.__setattr__(self, "_row_key", _subkey(self.secret, _ROW_PURPOSE))
        object.__setattr__(self, "_checkpoint_key", _subkey(self.secret, _CHECKPOINT_PURPOSE))

    def row_mac(self, prev_mac: str, fields: Mapping[str, object]) -> str:
        """The MAC of a row: over the previous row's MAC and the row's own fields."""
        return _mac(self._row_key, prev_mac + canonical(fields))

    def sign(self, fields: Mapping[str, object]) -> str:
        """The signature of a checkpoint's fields."""
        return _mac(self._checkpoint_key, canonical(fields))


def _subkey(secret: bytes, purpose: bytes) -> bytes:
    return hmac.new(secret, purpose, hashlib.sha256).digest()


def _mac(subkey: bytes, text: str) -> str:
    return hmac.new(subkey, text.encode("utf-8"), hashlib.sha256).hexdigest()


def new_key(now: datetime | None = None) -> AuditKey:
    """A fresh random key, its id the date it was made and a random suffix."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return AuditKey(f"{moment:%Y%m%d}-{secrets.token_hex(4)}", secrets.token_bytes(KEY_BYTES))


@dataclass(frozen=True)
class KeyRing:
    """Every key a chain may hold, the current (signing) one last."""

    keys: tuple[AuditKey, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise AuditKeyError("an audit key ring holds at least one key")
        ids = [k.key_id for k in self.keys]
        if len(set(ids)) != len(ids):
            raise AuditKeyError("an audit key ring names each key id once")

    @property
    def current(self) -> AuditKey:
        return self.keys[-1]

    def get(self, key_id: str) -> AuditKey | None:
        """The key with this id, or None when the ring does not hold it."""
        return next((k for k in self.keys if k.key_id == key_id), None)

    def rotated(self, now: datetime | None = None) -> KeyRing:
        """This ring with a new current key appended (the old ones still verify)."""
        return KeyRing((*self.keys, new_key(now)))

    def text(self) -> str:
        """The ring as key-file text, one entry a line."""
        return "".join(f"{k.key_id}:{base64.b64encode(k.secret).decode()}\n" for k in self.keys)

    @classmethod
    def ephemeral(cls) -> KeyRing:
        """A ring of one random key kept nowhere: for a log whose rows only the same
        process verifies (unit tests, tools)."""
        return cls((new_key(),))

    @classmethod
    def parse(cls, text: str, source: str) -> KeyRing:
        """Read a ring; `source` (a file name or a variable) names where an error is."""
        entries = [e.strip() for line in text.splitlines()
                   for e in line.split("#", 1)[0].split(",") if e.strip()]
        return cls(tuple(_key(entry, n, source) for n, entry in enumerate(entries, 1)))


def _key(entry: str, number: int, source: str) -> AuditKey:
    key_id, _, encoded = entry.partition(":")
    if not _KEY_ID.fullmatch(key_id):
        raise AuditKeyError(f"{source}: key {number} has no id of 1–40 letters, digits, '._-' "
                            "before ':'")
    try:
        secret = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise AuditKeyError(f"{source}: key {key_id} is not base64") from None
    if len(secret) < KEY_BYTES:
        raise AuditKeyError(f"{source}: key {key_id} has {len(secret)} bytes; at least "
                            f"{KEY_BYTES} are needed")
    return AuditKey(key_id, secret)
