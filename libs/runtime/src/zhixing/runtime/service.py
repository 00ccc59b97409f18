"""How a service presents itself to the runtime.

Each service registers a `ServiceDefinition` under the entry-point group
`zhixing.services`; the embedded runner and the CLI discover services that way, so no
library ever imports a service (DESIGN §6).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from zhixing.eventstore.settings import Settings
from zhixing.eventstore.sql import SqlStore
from zhixing.messaging.consumer import Handler
from zhixing.messaging.outbox import Outbox
from zhixing.runtime.web import WebPages
from zhixing.security.audit import AuditLog
from zhixing.security.policy import PolicyBook

ENTRY_POINT_GROUP = "zhixing.services"


@dataclass
class Consumes:
    """A subscription: this handler follows that topic, as consumer group `group`."""

    topic: str
    handler: Handler
    group: str


@dataclass(frozen=True)
class Job:
    """Periodic work of a service (e.g. the node-limit sweep): `run()` returns how much
    it did. Runs in the worker role in a cluster and in the embedded process."""

    name: str
    every_seconds: float
    run: Callable[[], int]


@dataclass
class ServiceInstance:
    """A service built from settings: what it serves, publishes and consumes."""

    name: str
    store: SqlStore
    register_grpc: Callable[[Any], None]
    grpc_service_names: list[str]
    policies: PolicyBook
    outbox: Outbox | None = None
    consumes: list[Consumes] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    load_demo: Callable[[], int] | None = None
    web: WebPages | None = None
    """The service's web pages (WSGI, or ASGI with `asgi=True`), the path prefix they are
    mounted under, the methods they take and whether they hear the gRPC address."""
    audit: AuditLog | None = None
    """The process's one audit log (`audit_home.open_audit`), which its servicers write."""
    close: Callable[[], None] = lambda: None


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    build: Callable[[Settings], ServiceInstance]


def discover() -> dict[str, ServiceDefinition]:
    """Every installed service, by name, in a stable order."""
    found = {ep.name: ep.load() for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return dict(sorted(found.items()))
