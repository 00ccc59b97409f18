"""Stage timestamps for the pipeline benchmark (issue 19): when each event passed each
stage of its way from the publisher's log to the consumer's committed transaction.

Off unless `ZHIXING_STAGE_LOG` names a file. Then every relay and consumer process
appends one line per event and stage:
``<wall-clock ns> <stage> <where> <subject> <ce_type>`` (`where`: the consumer group or the
relay; the subject is an aggregate id, never personal data: R60). Each line is one `write`
on a file opened for appending, so processes share the file without interleaving. The
wall clock, not a monotonic one, so that marks of different processes compare.

Stages, in order: ``relay.read`` (the relay has the entry from the log), ``relay.acked``
(the broker acknowledged the batch), ``consumer.received`` (the Kafka source's batch
fetch returned it), ``consumer.polled`` (the consumer's loop took it), and
``consumer.committed`` (its transaction, with the projection's effect, committed).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable

from zhixing.contracts.envelope import CloudEvent

SETTING = "ZHIXING_STAGE_LOG"

_lock = threading.Lock()
_opened: dict[str, int] = {}  # path -> descriptor, opened on first use


def _descriptor() -> int | None:
    """The stage log's descriptor; None when marks are off. Read from the environment at
    each call (a dictionary lookup), so nothing happens at import."""
    path = os.environ.get(SETTING, "")
    if not path:
        return None
    with _lock:
        if path not in _opened:
            _opened[path] = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        return _opened[path]


def enabled() -> bool:
    """Whether stage marks are written (`ZHIXING_STAGE_LOG` is set)."""
    return _descriptor() is not None


def mark(stage: str, where: str, events: Iterable[CloudEvent | None]) -> None:
    """Note that `events` passed `stage` of `where` (a consumer group, a relay) now;
    nothing when marks are off."""
    descriptor = _descriptor()
    if descriptor is None:
        return
    now = time.time_ns()
    lines = "".join(f"{now} {stage} {where} {event.subject} {event.type}\n"
                    for event in events if event is not None)
    if lines:
        os.write(descriptor, lines.encode())
