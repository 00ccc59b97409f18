"""The process's one audit log (R46): the interceptor and every service's servicers
write to the same keyed chain, so `zhixing audit verify` checks everything at once.

Its store is `ops_settings.audit_store` (`var/audit/log.db` embedded, the schema
`<prefix>_audit` in a cluster); its key ring and checkpoint file are where
`audit_settings` says, outside the data folder, and in a cluster its checkpoints also go
to Kafka (`audit_kafka`). It is opened once per process and shared by whoever asks with
the same settings — SQLite wants one store object per file per process — and closed,
with a last checkpoint, when the last of them lets go.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.runtime.audit_settings import AuditSettings
from zhixing.runtime.ops_settings import AUDIT, audit_store
from zhixing.security.audit import AuditLog
from zhixing.security.checkpoints import CheckpointSink

_lock = threading.Lock()


@dataclass(eq=False)
class AuditHome:
    """The shared audit log (`log`) and its store (`store`, for readiness probes)."""

    log: AuditLog
    store: SqlStore
    key: tuple[str, str]
    users: int = 0


_open: dict[tuple[str, str], AuditHome] = {}


def open_audit(settings: Settings, audit: AuditSettings | None = None) -> AuditHome:
    """The audit home of these settings, opened on first use; pair with `close_audit`.
    `audit`: where the key ring and checkpoints are (default: the environment's); the
    key ring is made on first use when missing."""
    key = _key(settings)
    with _lock:
        home = _open.get(key)
        if home is None:
            where = audit or AuditSettings.from_env()
            keys = where.key_ring(create=True)
            store = audit_store(settings)
            log = AuditLog(store, keys, where.checkpointer(*_topics(settings)),
                           store_tag(settings))
            home = _open[key] = AuditHome(log, store, key)
        home.users += 1
        return home


def close_audit(home: AuditHome) -> None:
    """Let go of `home`; its store closes when nobody in the process holds it any more."""
    with _lock:
        home.users -= 1
        if home.users == 0 and _open.get(home.key) is home:
            del _open[home.key]
            try:
                home.log.close()  # the last checkpoint: a clean shutdown's head
            finally:
                home.store.close()


def _topics(settings: Settings) -> list[CheckpointSink]:
    """In a cluster, checkpoints also go to Kafka, off every machine of the database."""
    if not settings.kafka_bootstrap:
        return []
    from zhixing.runtime.audit_kafka import KafkaCheckpoints

    return [KafkaCheckpoints(settings)]


def store_tag(settings: Settings) -> str:
    """An opaque tag of where the log lives, written into every checkpoint: the
    verifier reads a checkpoint of another chain with this tag as the store's log
    replaced whole. The data folder embedded; in a cluster the database's name and the
    schema, not the whole DSN (hosts and passwords differ between processes and the
    operator's shell). A digest: the checkpoint file never shows a path or a DSN."""
    if settings.uses_postgres:
        from psycopg.conninfo import conninfo_to_dict

        dbname = str(conninfo_to_dict(settings.postgres_dsn).get("dbname", ""))
        place = ("postgres", dbname, settings.schema(AUDIT))
    else:
        place = ("sqlite", str(settings.var_dir.resolve()), "")
    return hashlib.sha256("\n".join(place).encode("utf-8")).hexdigest()[:16]


def _key(settings: Settings) -> tuple[str, str]:
    """Where the log lives: the database and schema in a cluster, the file embedded."""
    if settings.uses_postgres:
        return (settings.postgres_dsn, settings.schema(AUDIT))
    return ("", str(settings.var_dir.resolve()))
