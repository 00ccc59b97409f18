"""Where the audit chain's key ring and checkpoints live (R46, DESIGN §8), from the
environment; both stay outside the data folder, so whoever can rewrite the database
cannot also re-sign it, nor its checkpoints.

- `ZHIXING_AUDIT_KEYS` — the key ring itself, ``<id>:<base64>`` entries separated by
  commas or lines, the current key last (a cluster mounts it from a Secret).
- `ZHIXING_AUDIT_KEY_FILE` — else, a file holding the ring; default
  ``$XDG_CONFIG_HOME/zhixing/audit.keys`` (``~/.config/zhixing/audit.keys``). Created,
  mode 0600, with one new key on first run when missing.
- `ZHIXING_AUDIT_CHECKPOINTS` — the file signed checkpoints are appended to; default
  ``$XDG_STATE_HOME/zhixing/audit-checkpoints.jsonl``
  (``~/.local/state/zhixing/audit-checkpoints.jsonl``). Keep it, or ship it, where the
  database's administrators cannot edit it.
- In a cluster (`ZHIXING_KAFKA_BOOTSTRAP`), checkpoints also go to the compacted topic
  `zhixing.audit.checkpoints.v1` (`audit_kafka`).
- `ZHIXING_AUDIT_CHECKPOINT_ROWS` (default 1000) and `ZHIXING_AUDIT_CHECKPOINT_SECONDS`
  (default 60): a checkpoint every N rows, or T seconds after a row, and at shutdown.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from zhixing.runtime.ops_settings import InvalidSetting
from zhixing.security.audit_keys import AuditKey, AuditKeyError, KeyRing, new_key
from zhixing.security.checkpoints import (
    Checkpointer,
    CheckpointFile,
    CheckpointSink,
    CheckpointSinks,
)

KEYS_VARIABLE = "ZHIXING_AUDIT_KEYS"


class AuditSetupError(RuntimeError):
    """The key ring or the checkpoint file cannot be used where the settings say."""


class MissingAuditKey(AuditSetupError):
    """No key ring where the settings say it is, and none may be made here."""


@dataclass(frozen=True)
class AuditSettings:
    """The audit chain's key ring and checkpoint file, and how often to checkpoint."""

    key_file: Path
    checkpoint_file: Path
    keys_text: str = field(default="", repr=False)
    """The ring itself when `ZHIXING_AUDIT_KEYS` holds it: never in a repr."""
    every_rows: int = 1000
    every_seconds: float = 60.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AuditSettings:
        env = os.environ if environ is None else environ
        home = Path(env.get("HOME", "") or Path.home())
        config = Path(env.get("XDG_CONFIG_HOME", "") or home / ".config")
        state = Path(env.get("XDG_STATE_HOME", "") or home / ".local" / "state")
        return cls(
            key_file=Path(env.get("ZHIXING_AUDIT_KEY_FILE", "") or config / "zhixing" / "audit.keys"),
            checkpoint_file=Path(env.get("ZHIXING_AUDIT_CHECKPOINTS", "")
                                 or state / "zhixing" / "audit-checkpoints.jsonl"),
            keys_text=env.get(KEYS_VARIABLE, ""),
            every_rows=_bounded(env, "ZHIXING_AUDIT_CHECKPOINT_ROWS", 1, 10**9, 1000),
            every_seconds=_bounded(env, "ZHIXING_AUDIT_CHECKPOINT_SECONDS", 1, 86400, 60),
        )

    def key_ring(self, *, create: bool) -> KeyRing:
        """The ring from `ZHIXING_AUDIT_KEYS`, else the key file — made with one new key
        when missing and `create`; MissingAuditKey otherwise, AuditKeyError when
        unreadable."""
        if self.keys_text:
            return KeyRing.parse(self.keys_text, KEYS_VARIABLE)
        try:
            return _read_ring(self.key_file)
        except FileNotFoundError:
            if not create:
                raise MissingAuditKey(
                    f"no audit key ring: set {KEYS_VARIABLE} or ZHIXING_AUDIT_KEY_FILE "
                    f"(looked for {self.key_file})") from None
        try:
            return _created(self.key_file)
        except OSError as error:
            raise AuditSetupError(f"cannot create the audit key ring {self.key_file}: "
                                  f"{error.strerror}; set ZHIXING_AUDIT_KEY_FILE") from None

    def rotate(self) -> AuditKey:
        """Append a new current key to the key file (the old ones keep verifying)."""
        if self.keys_text:
            raise AuditKeyError(f"the key ring is in {KEYS_VARIABLE}: append a key from "
                                "`zhixing audit key new` to it there")
        ring = self.key_ring(create=False).rotated()
        _write_private(self.key_file, ring.text(), replace=True)
        return ring.current

    def checkpointer(self, *also: CheckpointSink) -> Checkpointer:
        """Checkpoints to the checkpoint file, which must be writable now (a suite that
        could not publish them stops at start, not at its first audited call), and to
        `also` (a Kafka topic in a cluster)."""
        try:
            self.checkpoint_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(self.checkpoint_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
        except OSError as error:
            raise AuditSetupError(f"cannot write audit checkpoints to {self.checkpoint_file}: "
                                  f"{error.strerror}; set ZHIXING_AUDIT_CHECKPOINTS") from None
        sink: CheckpointSink = CheckpointFile(self.checkpoint_file)
        if also:
            sink = CheckpointSinks(sink, *also)
        return Checkpointer(sink, self.every_rows, self.every_seconds)


def _created(path: Path) -> KeyRing:
    """A new ring of one key at `path`; if another process made it first, theirs."""
    ring = KeyRing((new_key(),))
    try:
        _write_private(path, ring.text(), replace=False)
    except FileExistsError:
        return _read_ring(path)
    return ring


def _read_ring(path: Path) -> KeyRing:
    """The ring in `path`; FileNotFoundError when there is none, AuditKeyError (one line
    naming the file, never its content) when it cannot be read as one."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise
    except UnicodeDecodeError:
        raise AuditKeyError(f"{path}: not a key ring (not UTF-8 text)") from None
    except OSError as error:
        raise AuditKeyError(f"cannot read the audit key ring {path}: {error.strerror}") from None
    return KeyRing.parse(text, str(path))


def _write_private(path: Path, text: str, *, replace: bool) -> None:
    """Write `text` readable by this user only, whole or not at all; unless `replace`,
    FileExistsError when `path` exists (two processes starting together make one ring)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staged = path.with_name(f"{path.name}.{os.getpid()}.new")
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    try:
        if replace:
            staged.replace(path)
        else:
            os.link(staged, path)  # atomic, and refuses an existing file
    finally:
        staged.unlink(missing_ok=True)


def _bounded(env: Mapping[str, str], name: str, low: int, high: int, default: int) -> int:
    text = env.get(name, str(default))
    if not text.isdigit() or not low <= int(text) <= high:
        raise InvalidSetting(f"{name}={text[:20]!r}: must be a whole number from {low} to {high}")
    return int(text)
