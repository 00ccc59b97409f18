"""Signed checkpoints of the audit chain, kept outside its store (R46, DESIGN §8).

A checkpoint says "chain C of store S had row `seq` with MAC `mac`, its first `legacy`
rows unkeyed, at time `at`", signed with an audit key. `store` is an opaque tag of where
the log lives (`audit_home.store_tag`; empty on checkpoints from before it): a store
whose chain was replaced whole — every row and its chain id gone — is caught by the
checkpoints of its old chain. The database never sees them: they
are appended to a file the operator keeps (one JSON object a line), so cutting rows off
the end of the log, or rewriting it, is caught by `zhixing audit verify` without
trusting the database. A `Checkpointer` writes one every N rows or T seconds after a
row, and when the log closes (clean shutdown).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Protocol

from .audit_keys import AuditKey

_log = logging.getLogger(__name__)
_FIELDS = ("chain", "seq", "mac", "legacy", "at", "key_id", "sig")
_OPTIONAL = ("store",)


@dataclass(frozen=True)
class Checkpoint:
    """The head of a chain at one moment, signed by key `key_id`."""

    chain: str
    seq: int
    mac: str
    legacy: int
    at: str
    key_id: str
    sig: str = ""
    store: str = ""

    def payload(self) -> dict[str, object]:
        """What the signature covers: every field but the signature (and `store` only
        when set, so checkpoints from before it still verify)."""
        fields = self._fields()
        del fields["sig"]
        return fields

    def _fields(self) -> dict[str, object]:
        fields = asdict(self)
        if not self.store:
            del fields["store"]
        return fields

    def signed(self, key: AuditKey) -> Checkpoint:
        unsigned = replace(self, key_id=key.key_id)
        return replace(unsigned, sig=key.sign(unsigned.payload()))

    def line(self) -> str:
        return json.dumps(self._fields(), sort_keys=True, ensure_ascii=True)

    @classmethod
    def from_line(cls, text: str) -> Checkpoint:
        """Parse one line; ValueError when it is not a checkpoint."""
        data = json.loads(text)
        if not isinstance(data, dict) or sorted(set(data) - set(_OPTIONAL)) != sorted(_FIELDS):
            raise ValueError("not a checkpoint")
        if not all(isinstance(data[k], int) for k in ("seq", "legacy")):
            raise ValueError("seq and legacy are whole numbers")
        if not all(isinstance(data.get(k, ""), str)
                   for k in ("chain", "mac", "at", "key_id", "sig", *_OPTIONAL)):
            raise ValueError("chain, mac, at, key_id and sig are text")
        return cls(**data)


class CheckpointSink(Protocol):
    """Where checkpoints go; a file today, a Kafka topic could be another."""

    def append(self, checkpoint: Checkpoint) -> None: ...


NumberedCheckpoint = tuple[str, Checkpoint | None]
"""A checkpoint and where it was read (``line 3``, ``kafka record 2``); None where that
record is not a checkpoint."""


class CheckpointFile:
    """An append-only file of checkpoints, one JSON line each, synced to disk."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def append(self, checkpoint: Checkpoint) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = (checkpoint.line() + "\n").encode("ascii")
        with self._lock:  # one write(2) per line on an O_APPEND file: processes interleave lines
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)

    def read(self) -> list[NumberedCheckpoint]:
        """Every non-blank line, parsed; a missing file holds none."""
        try:
            text = self.path.read_text("utf-8", errors="replace")
        except FileNotFoundError:
            return []
        return [(f"line {n}", parsed(line)) for n, line in enumerate(text.splitlines(), 1)
                if line.strip()]


class CheckpointSinks:
    """Every checkpoint to each of several sinks (the file, and a topic in a cluster)."""

    def __init__(self, *sinks: CheckpointSink) -> None:
        self.sinks = sinks

    def append(self, checkpoint: Checkpoint) -> None:
        for sink in self.sinks:
            sink.append(checkpoint)


def parsed(line: str) -> Checkpoint | None:
    """The checkpoint a line holds, or None."""
    try:
        return Checkpoint.from_line(line)
    except (ValueError, TypeError):
        return None


class Checkpointer:
    """Publishes the head the log reports: at once every `every_rows` rows, else
    `every_seconds` after the first row not yet published, and on `close()`."""

    def __init__(self, sink: CheckpointSink, every_rows: int = 1000,
                 every_seconds: float = 60.0,
                 timer: Callable[[float, Callable[[], None]], threading.Timer] | None = None
                 ) -> None:
        self.sink = sink
        self._every_rows, self._every_seconds = max(every_rows, 1), every_seconds
        self._timer_factory = timer or _daemon_timer
        self._lock = threading.Lock()
        self._head: tuple[Checkpoint, AuditKey] | None = None
        self._since = 0
        self._timer: threading.Timer | None = None

    def publish(self, checkpoint: Checkpoint, key: AuditKey) -> None:
        """Sign and write one checkpoint now (a chain segment starts)."""
        self.sink.append(checkpoint.signed(key))

    def recorded(self, head: Checkpoint, key: AuditKey) -> None:
        """The log appended a row; `head` is the chain after it (unsigned)."""
        with self._lock:
            if self._head is None or head.seq > self._head[0].seq:
                self._head = (head, key)
            self._since += 1
            if self._since >= self._every_rows:
                self._flush_locked()
            elif self._timer is None:
                self._timer = self._timer_factory(self._every_seconds, self.flush)
                self._timer.start()

    def flush(self) -> None:
        """Publish the last head seen, if it is not published yet."""
        with self._lock:
            self._flush_locked()

    def close(self) -> None:
        """Clean shutdown: no timer left behind, the last head published."""
        self.flush()

    def _flush_locked(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._head is None or self._since == 0:
            return
        head, key = self._head
        try:
            self.sink.append(replace(head, at=_now_text()).signed(key))
        except Exception:  # the rows are stored; the next row or the close tries again
            _log.exception("could not publish an audit checkpoint")
            return
        self._since = 0


def _daemon_timer(seconds: float, call: Callable[[], None]) -> threading.Timer:
    timer = threading.Timer(seconds, call)
    timer.daemon = True
    return timer


def _now_text() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
