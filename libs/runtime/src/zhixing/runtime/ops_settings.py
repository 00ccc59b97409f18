"""Settings of the operations side of every process, read once from the environment,
and the audit log's own store.

- `ZHIXING_METRICS_PORT` — the port of `/healthz`, `/readyz` and `/metrics` (loopback,
  like every port here). 0, the default, takes any free port and prints it; a cluster
  gives each process its own (scripts/cluster.sh, the Helm chart).
- `ZHIXING_READY_MAX_LAG` — how many messages a consumer may be behind and still count
  as ready (default 1000).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore

AUDIT = "audit"


class InvalidSetting(ValueError):
    """An environment variable that does not hold what it must."""


@dataclass(frozen=True)
class OpsSettings:
    metrics_port: int = 0
    ready_max_lag: int = 1000

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> OpsSettings:
        env = os.environ if environ is None else environ
        return cls(metrics_port=_whole(env, "ZHIXING_METRICS_PORT", 0, 65535, "0"),
                   ready_max_lag=_whole(env, "ZHIXING_READY_MAX_LAG", 0, 10**12, "1000"))


def checked_settings(environ: dict[str, str] | None = None, **overrides: object) -> Settings:
    """`Settings.from_env`, once every whole-number variable a process listens or waits
    by holds a value in bounds: the ports (`ZHIXING_GRPC_PORT`, `ZHIXING_HTTP_PORT`, 0 for
    any free one) and the operations settings. Raises InvalidSetting naming the first
    bad variable and its bounds, before anything is built."""
    env = os.environ if environ is None else environ
    for name, default in (("ZHIXING_GRPC_PORT", "50051"), ("ZHIXING_HTTP_PORT", "8080")):
        _whole(env, name, 0, 65535, default)
    OpsSettings.from_env(environ)
    return Settings.from_env(environ, **overrides)


def audit_store(settings: Settings) -> SqlStore:
    """The audit log's home (R46), apart from every service's data: `var/audit/log.db`
    embedded, the schema `<prefix>_audit` in a cluster."""
    return settings.sql_store(AUDIT, "log")


def _whole(env: os._Environ[str] | dict[str, str], name: str, low: int, high: int,
           default: str) -> int:
    text = env.get(name, default)
    if not text.isdigit() or not low <= int(text) <= high:
        raise InvalidSetting(f"{name}={text!r}: must be a whole number from {low} to {high}")
    return int(text)
