"""Secret keys kept in a file outside the data folder (DESIGN §8, R60).

A key file holds base64 keys, one a line, oldest first; `#` starts a comment. The last
key encrypts; every key decrypts, so a key can be rotated without re-encrypting what
was written before (docs/keys.md). The file is created on first use with mode 0600 in
a folder of mode 0700 and refused if others may read it. Keys are never logged: what a
message may name is a key's fingerprint (`key_id`).

Shared helper: any secret the suite creates for itself on first run (the cipher key
here; an audit HMAC key may use `read_or_create` too) lives in `config_dir()`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from base64 import b64decode, b64encode
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

KEY_FILE_ENV = "ZHIXING_CIPHER_KEY_FILE"
KEY_SIZE = 32
"""AES-256."""
_HEADER = ("# Zhixing cipher keys for personal data at rest (DESIGN §8, R60). Keep secret,\n"
           "# back up, never inside the data folder. Oldest first: the last line encrypts,\n"
           "# every line decrypts. Rotate: `zhixing cipher-key --rotate` (docs/keys.md).\n")


class KeyFileError(RuntimeError):
    """A key file that cannot be used: unreadable, readable by others, malformed."""


def config_dir(environ: Mapping[str, str]) -> Path:
    """`$XDG_CONFIG_HOME/zhixing`, else `~/.config/zhixing` (the XDG default)."""
    base = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME") or Path.home())
                                                 / ".config")
    return Path(base) / "zhixing"


def default_key_file(environ: Mapping[str, str]) -> Path:
    """`ZHIXING_CIPHER_KEY_FILE`, else `cipher.key` in `config_dir()`."""
    explicit = environ.get(KEY_FILE_ENV, "")
    return Path(explicit) if explicit else config_dir(environ) / "cipher.key"


def new_key() -> str:
    """A fresh random AES-256 key, base64."""
    return b64encode(os.urandom(KEY_SIZE)).decode("ascii")


def key_id(key: bytes) -> str:
    """A key's fingerprint, safe to show: the first 8 hex digits of its SHA-256."""
    return hashlib.sha256(key).hexdigest()[:8]


@dataclass(frozen=True)
class KeyRing:
    """Keys oldest first: `current` (the last) encrypts, all decrypt."""

    keys: tuple[bytes, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyFileError("a key ring needs at least one key")
        for key in self.keys:
            if len(key) not in (16, 24, 32):
                raise KeyFileError(f"key {key_id(key)} is {len(key)} bytes, not 16, 24 or 32")

    @classmethod
    def from_text(cls, *keys: str) -> KeyRing:
        """Base64 keys, oldest first; blanks are skipped."""
        try:
            return cls(tuple(b64decode(k.strip(), validate=True) for k in keys if k.strip()))
        except ValueError:
            raise KeyFileError("a cipher key is not valid base64") from None

    @property
    def current(self) -> bytes:
        return self.keys[-1]

    @property
    def newest_first(self) -> tuple[bytes, ...]:
        return self.keys[::-1]

    def __repr__(self) -> str:  # never the keys themselves
        return f"KeyRing({', '.join(key_id(k) for k in self.keys)})"


def load_ring(path: Path) -> KeyRing:
    """The ring in `path`, created with one new key if the file does not exist yet."""
    return KeyRing.from_text(*_key_lines(read_or_create(path, lambda: _HEADER + new_key() + "\n")))


def add_key(path: Path) -> str:
    """Rotation: append a new key to the file (it becomes the current one); its id."""
    load_ring(path)  # create and check the file first
    key = new_key()
    # A file edited by hand may end without a newline: the key must start a line of its
    # own, or it is glued onto the last key and neither can be read any more.
    ends_a_line = path.read_bytes().endswith(b"\n")
    with path.open("a", encoding="utf-8") as out:
        out.write(("" if ends_a_line else "\n") + key + "\n")
    return key_id(b64decode(key))


def read_or_create(path: Path, make: Callable[[], str]) -> str:
    """The secret text in `path`; on first use `make()` is written there (mode 0600).

    Processes starting together race to create it: the text is written to a private
    temporary file and linked into place, which fails if another process won, and then
    that process's file is read. Never half a file, never two different keys.
    """
    if not path.exists():
        try:
            _create(path, make())
        except OSError as error:  # a read-only root file system (the image), a bad path
            raise KeyFileError(f"{path} cannot be created: {error.strerror}; give the key "
                               f"instead (an environment variable or a mounted file)") from None
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(f"{path} may be read by others (mode {stat.filemode(mode)}); "
                           f"run: chmod 600 {path}")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise KeyFileError(f"{path} cannot be read: {type(error).__name__}") from None


def _create(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process created it first: use theirs
    finally:
        temporary.unlink(missing_ok=True)


def _key_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
