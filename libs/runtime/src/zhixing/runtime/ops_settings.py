"""Settings of the operations side of every process, read once from the environment,
and the audit log's own store.

- `ZHIXING_METRICS_PORT` — the port of `/healthz`, `/readyz` and `/metrics` (loopback,
  like every port here). 0, the default, takes any free port and prints it; a cluster
  gives each process its own (scripts/cluster.sh, the Helm chart).
- `ZHIXING_READY_MAX_LAG` — how many messages a consumer may be behind and still count
  as ready (default 1000).
- `ZHIXING_HTTP_BURST`, `ZHIXING_HTTP_RATE` — how many page requests one client address
  may send at once (default 100), then per second (default 20); beyond, 429.
- `ZHIXING_HTTP_CONNECTIONS` — how many connections one client address may hold open
  (default 20); beyond, 429. Behind a proxy every visitor has the proxy's address: raise
  it (and the rate) to what the proxy may open, and limit visitors at the proxy.
- `ZHIXING_GRPC_BURST`, `ZHIXING_GRPC_RATE` — how many calls of a public RPC (the
  publicity service's) one anonymous client address may make at once (default 100), then
  per second (default 20); beyond, RESOURCE_EXHAUSTED with `retry-after`. Signed-in
  callers are not held to it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass

from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.runtime.limits import HttpLimits
from zhixing.runtime.rate import ClientRate

AUDIT = "audit"

MAX_RELAY_BATCH = 100_000
"""Events a relay reads and publishes at once: more would hold a whole backlog in memory."""

SWEEP_SECONDS = (0.1, 86_400.0)
"""A periodic job runs at most ten times a second (less would spin) and at least daily."""


class InvalidSetting(ValueError):
    """An environment variable that does not hold what it must."""


@dataclass(frozen=True)
class OpsSettings:
    metrics_port: int = 0
    ready_max_lag: int = 1000
    http_burst: int = ClientRate.burst
    http_rate: int = ClientRate.per_second
    http_connections: int = HttpLimits.max_connections_per_client
    grpc_burst: int = ClientRate.burst
    grpc_rate: int = ClientRate.per_second

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> OpsSettings:
        env = os.environ if environ is None else environ
        return cls(metrics_port=_whole(env, "ZHIXING_METRICS_PORT", 0, 65535, "0"),
                   ready_max_lag=_whole(env, "ZHIXING_READY_MAX_LAG", 0, 10**12, "1000"),
                   http_burst=_whole(env, "ZHIXING_HTTP_BURST", 1, 10**6, str(cls.http_burst)),
                   http_rate=_whole(env, "ZHIXING_HTTP_RATE", 1, 10**6, str(cls.http_rate)),
                   http_connections=_whole(env, "ZHIXING_HTTP_CONNECTIONS", 1, 10**5,
                                           str(cls.http_connections)),
                   grpc_burst=_whole(env, "ZHIXING_GRPC_BURST", 1, 10**6, str(cls.grpc_burst)),
                   grpc_rate=_whole(env, "ZHIXING_GRPC_RATE", 1, 10**6, str(cls.grpc_rate)))

    def web_limits(self) -> HttpLimits:
        """The limits of the web pages' server, with this per-client rate and connections."""
        return HttpLimits(client_rate=ClientRate(burst=self.http_burst, per_second=self.http_rate),
                          max_connections_per_client=self.http_connections)


    def public_grpc_rate(self) -> ClientRate:
        """The rate of an anonymous client address on public RPCs (`grpc_rate`)."""
        return ClientRate(burst=self.grpc_burst, per_second=self.grpc_rate)


def checked_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """`Settings.from_env`, once every number a process listens, batches or waits by holds
    a value in bounds: the ports (`ZHIXING_GRPC_PORT`, `ZHIXING_HTTP_PORT`, 0 for any free
    one), `ZHIXING_RELAY_BATCH`, `ZHIXING_SWEEP_SECONDS` and the operations settings.
    Raises InvalidSetting naming the first bad variable and its bounds, before anything
    is built."""
    env = os.environ if environ is None else environ
    for name, default in (("ZHIXING_GRPC_PORT", "50051"), ("ZHIXING_HTTP_PORT", "8080")):
        _whole(env, name, 0, 65535, default)
    _whole(env, "ZHIXING_RELAY_BATCH", 1, MAX_RELAY_BATCH, "500")
    _seconds(env, "ZHIXING_SWEEP_SECONDS", *SWEEP_SECONDS, "60")
    OpsSettings.from_env(env)
    return Settings.from_env(dict(env), **overrides)


def audit_store(settings: Settings) -> SqlStore:
    """The audit log's home (R46), apart from every service's data: `var/audit/log.db`
    embedded, the schema `<prefix>_audit` in a cluster."""
    return settings.sql_store(AUDIT, "log")


def _whole(env: Mapping[str, str], name: str, low: int, high: int, default: str) -> int:
    text = env.get(name, default)
    # Longer than the bound's digits is out of it, and int() is never asked for thousands.
    if (not (text.isascii() and text.isdigit()) or len(text) > len(str(high))
            or not low <= int(text) <= high):
        raise InvalidSetting(f"{name}={text[:20]!r}: must be a whole number from {low} to {high}")
    return int(text)


def _seconds(env: Mapping[str, str], name: str, low: float, high: float, default: str) -> float:
    text = env.get(name, default)
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not low <= value <= high:  # NaN compares false: refused too
        raise InvalidSetting(f"{name}={text[:20]!r}: must be a number of seconds from "
                             f"{low:g} to {high:g}")
    return value
