"""Access codes to the parties' window (当事人查询, issue 17).

Each party of a case gets one code at filing, e.g. `K7QW-M3PX-2D9R`: twelve characters
of Crockford's base-32 alphabet (no I, L, O, U), 5 bits each — 60 bits from the
operating system's CSPRNG. Only a salted scrypt hash is ever stored,
`scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>` (the format `PartyAccessV1.code_hash`
documents), so a copy of the event log gives nobody a code. A code is read forgivingly
(case, spaces and dashes do not matter; O is read as 0, I and L as 1, as Crockford's
alphabet reads them) and verified in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: digits and letters without I, L, O, U."""
GROUPS, GROUP_LENGTH = 3, 4
BITS = GROUPS * GROUP_LENGTH * 5
"""Entropy of one code: 60 bits."""
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**12, 8, 1
"""scrypt's cost: 4 MiB and some milliseconds a hash. A code is 60 random bits, not a
password a person chose, so a copied hash is out of reach at this cost already (2^59
hashes on average) while filing a case with many parties, and each try of the window,
stay cheap; online guessing is held by the per-case limit. A stored hash names its own
cost, so it may rise later without invalidating older codes."""
_SALT_BYTES, _HASH_BYTES = 16, 32
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_MAX_MEMORY = 64 * 1024 * 1024


def new_code() -> str:
    """A fresh code, `XXXX-XXXX-XXXX`."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(chars[i:i + GROUP_LENGTH] for i in range(0, len(chars), GROUP_LENGTH))


def normalise(code: str) -> str:
    """The code's twelve characters as `new_code` wrote them, whatever a person typed
    around them; "" when it cannot be a code (so it matches no hash)."""
    text = "".join(code.split()).replace("-", "").upper().translate(_READ_AS)
    if len(text) != GROUPS * GROUP_LENGTH or any(c not in ALPHABET for c in text):
        return ""
    return text


def hash_code(code: str, *, salt: bytes | None = None) -> str:
    """The salted scrypt hash of `code` (normalised first), as stored."""
    salt = salt if salt is not None else secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(normalise(code), salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(("scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P),
                     _b64(salt), _b64(digest)))


def verify(code: str, hashed: str) -> bool:
    """Whether `code` is the one `hashed` was made from; the digests are compared in
    constant time. A malformed hash or a text that cannot be a code matches nothing."""
    text = normalise(code)
    parts = hashed.split("$")
    if not text or len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, expected = base64.b64decode(parts[4]), base64.b64decode(parts[5])
        return hmac.compare_digest(_scrypt(text, salt, n, r, p), expected)
    except ValueError:
        return False


def _scrypt(text: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(text.encode(), salt=salt, n=n, r=r, p=p, maxmem=_MAX_MEMORY,
                          dklen=_HASH_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
