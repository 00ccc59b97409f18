"""Encryption of personal data at rest with a key ring (DESIGN §8, R60).

Two users of one ring: eventsourcing's mapper seals whole stored events
(`RingCipher`, the `CIPHER_TOPIC` of every application), and read models seal the
columns that hold personal data (`FieldCipher`), with a keyed blind index where a read
model looks rows up by an identity or a name. AES-GCM throughout; the ring's current key
encrypts and every key decrypts, so rotation needs no rewrite (docs/keys.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from base64 import b64decode, b64encode
from functools import cached_property
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from eventsourcing.persistence import Cipher

from zhixing.eventstore.keys import KeyRing, key_id

if TYPE_CHECKING:
    from eventsourcing.utils import Environment

OLD_KEYS_ENV = "CIPHER_OLD_KEYS"
"""eventsourcing setting (comma-separated, oldest first): retired keys still read."""
PLAINTEXT_ENV = "CIPHER_READS_PLAINTEXT"
"""eventsourcing setting: "y" reads events stored unencrypted by an earlier release
(embedded mode only: its events were plaintext until now)."""
SEALED = "zx1."
"""Marks a sealed column value; anything else is a value written before encryption."""
BLIND = "zb1."
_NONCE = 12
_TAG = 16


class UndecryptableData(ValueError):
    """No key of the ring opens the data: a key is missing from the ring, or tampering."""


class Sealer:
    """AES-GCM with a ring: seals with the current key, opens with any."""

    def __init__(self, ring: KeyRing) -> None:
        self.ring = ring
        self._current = AESGCM(ring.current)
        self._all = [AESGCM(key) for key in ring.newest_first]

    def seal(self, plaintext: bytes, nonce: bytes | None = None) -> bytes:
        """nonce + tag + ciphertext, as eventsourcing's AESCipher lays it out; a random
        nonce unless one is given."""
        nonce = os.urandom(_NONCE) if nonce is None else nonce
        sealed = self._current.encrypt(nonce, plaintext, None)
        return nonce + sealed[-_TAG:] + sealed[:-_TAG]

    def open(self, data: bytes) -> bytes:
        nonce, tag, body = data[:_NONCE], data[_NONCE:_NONCE + _TAG], data[_NONCE + _TAG:]
        if len(nonce) != _NONCE or len(tag) != _TAG:
            raise UndecryptableData("damaged ciphertext: too short")
        for aead in self._all:  # the newest first: what was written lately opens at once
            try:
                return aead.decrypt(nonce, body + tag, None)
            except InvalidTag:
                continue
        raise UndecryptableData(
            f"no key of the ring ({', '.join(key_id(k) for k in self.ring.keys)}) opens "
            "this data: a retired key was dropped, or the data was altered")


class RingCipher(Cipher):
    """eventsourcing's cipher strategy over a key ring; reads what its `AESCipher` wrote
    with any key of the ring (settings `CIPHER_KEY`, `CIPHER_OLD_KEYS`)."""

    def __init__(self, environment: Environment) -> None:
        current = environment.get("CIPHER_KEY") or ""
        if not current:
            raise OSError("'CIPHER_KEY' not in env")
        old = (environment.get(OLD_KEYS_ENV) or "").split(",")
        self.sealer = Sealer(KeyRing.from_text(*old, current))
        self.reads_plaintext = (environment.get(PLAINTEXT_ENV) or "") == "y"

    def encrypt(self, plaintext: bytes) -> bytes:
        return self.sealer.seal(plaintext)

    def decrypt(self, ciphertext: bytes) -> bytes:
        try:
            return self.sealer.open(ciphertext)
        except UndecryptableData:
            # An event stored as JSON before encryption was on (embedded, earlier release).
            if self.reads_plaintext and ciphertext[:1] == b"{":
                return ciphertext
            raise


class FieldCipher:
    """Seals read-model columns holding personal data; blind-indexes looked-up ones.

    Sealing is deterministic (the nonce is a keyed HMAC of the text, as in SIV modes): a
    projection replayed or rebuilt writes the very same bytes (STYLE 7), at the cost of
    showing which sealed values are equal — no more than a blind index shows anyway.
    `seal("")` is "": an empty column tells nothing and stays comparable. `open` of a
    value without the `zx1.` mark returns it as it is (rows of an earlier release, until
    their projection is rebuilt).
    """

    def __init__(self, ring: KeyRing) -> None:
        self.sealer = Sealer(ring)
        self._ring = ring

    @cached_property
    def _nonce_key(self) -> bytes:
        return hmac.digest(self._ring.current, b"zhixing/field-nonce/v1", hashlib.sha256)

    @cached_property
    def _index_key(self) -> bytes:
        # From the OLDEST key: rotating the encryption key keeps every blind index valid.
        return hmac.digest(self._ring.keys[0], b"zhixing/blind-index/v1", hashlib.sha256)

    def seal(self, text: str) -> str:
        if not text:
            return ""
        data = text.encode("utf-8")
        nonce = hmac.digest(self._nonce_key, data, hashlib.sha256)[:_NONCE]
        return SEALED + b64encode(self.sealer.seal(data, nonce)).decode("ascii")

    def open(self, text: str) -> str:
        if not text.startswith(SEALED):
            return text
        return self.sealer.open(b64decode(text[len(SEALED):])).decode("utf-8")

    def seal_json(self, value: Any) -> str:
        return self.seal(json.dumps(value, ensure_ascii=False))

    def open_json(self, text: str) -> Any:
        return json.loads(self.open(text))

    def blind(self, text: str) -> str:
        """A keyed HMAC of `text` (an identity in canonical form, a name): equal texts
        give equal indexes, and without the key nobody can test a guess against it."""
        digest = hmac.digest(self._index_key, text.encode("utf-8"), hashlib.sha256)
        return BLIND + digest[:16].hex()

    @property
    def index_key_id(self) -> str:
        """The fingerprint of the blind indexes' key, safe to store and show: a store
        keeps it to notice when the ring's first key changed (`keep_blind_index_key`)."""
        return key_id(self._index_key)

    def __repr__(self) -> str:
        return f"FieldCipher({self._ring!r})"
