"""Every Prometheus metric of the suite, defined once (DESIGN §9).

Each role (api, relay, worker, the embedded runner) serves these on its own `/metrics`.
Labels name services, RPCs, topics, consumer groups and jobs: configuration, never
request data, so no label can carry a name or an ID number (R60).

What is counted as it happens lives here as counters and histograms; what is a
distance between two stored positions (lag) is measured when scraped, by the
runtime's collectors, with the gauge families built by `lag_families`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from prometheus_client import Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily

COMMAND_SECONDS = Histogram(
    "zhixing_command_duration_seconds",
    "Time to answer a gRPC call, by RPC and status code.",
    ["rpc", "code"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
EVENTS_APPENDED = Counter(
    "zhixing_events_appended",
    "Domain events this process saved in its service's event store.",
    ["service"],
)
RELAY_PUBLISHED = Counter(
    "zhixing_relay_published",
    "Integration events the relay published and the broker acknowledged.",
    ["service", "topic"],
)
RELAY_POSITION = Gauge(
    "zhixing_relay_position",
    "The last notification id the relay has published.",
    ["service"],
)
RELAY_ACTIVE = Gauge(
    "zhixing_relay_active",
    "1 while this relay holds its log's lock and publishes, 0 while it stands by.",
    ["service"],
)
CONSUMER_PROCESSED = Counter(
    "zhixing_consumer_processed",
    "Deliveries a tracked consumer processed (applied, skipped as duplicates or parked).",
    ["group"],
)
CONSUMER_POSITION = Gauge(
    "zhixing_consumer_position",
    "The last position a consumer group has recorded in a stream (offset or notification id).",
    ["group", "stream"],
)
DEAD_LETTERS = Counter(
    "zhixing_dead_letters",
    "Deliveries parked as dead letters after bounded retries.",
    ["group"],
)
JOB_LAST_SUCCESS = Gauge(
    "zhixing_job_last_success_timestamp_seconds",
    "When a periodic job last finished without error (Unix time).",
    ["job"],
)
JOB_FAILURES = Counter(
    "zhixing_job_failures",
    "Runs of a periodic job that failed (it is retried at its next run).",
    ["job"],
)
STORE_ERRORS = Counter(
    "zhixing_store_errors",
    "Transient store errors (SQLite busy, a lost PostgreSQL connection) or a broker not "
    "answering in time, that a background loop met and retried after a backoff, by loop "
    "(consumer group, relay or job).",
    ["loop"],
)
OLDEST_OVERDUE_NODE_DAYS = Gauge(
    "zhixing_oldest_overdue_node_days",
    "Days past its last day of the oldest node limit the node sweep found not yet reported.",
    ["service"],
)
UNAUDITED_REFUSALS = Counter(
    "zhixing_unaudited_refusals",
    "Calls refused to callers who are not signed in (no token, a bad one, or anonymous "
    "where a role is needed): counted here, not audited (R46 audits authenticated callers).",
    ["reason"],
)
OLDEST_UNLAPSED_MEASURE_DAYS = Gauge(
    "zhixing_oldest_unlapsed_measure_days",
    "Days past its last day of the oldest control measure still in effect after a sweep: "
    "its lapse is not recorded, so the measure queued behind it waits (R20, R22); 0: none.",
    ["service"],
)
AGENCY_EMPTY_POLLS = Counter(
    "zhixing_agency_empty_polls",
    "Agency-gateway polls that handed out nothing: an agency's heartbeat, counted here, "
    "not audited (nothing was retrieved, R46).",
)
AGENCY_REDELIVERED = Counter(
    "zhixing_agency_redelivered_requests",
    "Requests an agency's poll got again while still unanswered: audited when first handed "
    "out, counted here after (R46).",
)

RELAY_LAG = "zhixing_relay_lag"
CONSUMER_LAG = "zhixing_consumer_lag"
READY = "zhixing_ready"
"""1 when the process's `/readyz` would answer 200, else 0: measured at each scrape."""
REBUILD_POSITION = "zhixing_projection_rebuild_position"
"""Positions a blue/green rebuild has replayed so far (summed over streams)."""
REBUILD_BEHIND = "zhixing_projection_rebuild_behind"
"""Positions a rebuild has still to replay to reach the live consumer."""


@dataclass(frozen=True)
class Lag:
    """How far a follower is behind what it follows, in messages."""

    labels: tuple[str, ...]
    behind: int


def lag_family(name: str, documentation: str, label_names: list[str],
               lags: Iterable[Lag]) -> GaugeMetricFamily:
    """A gauge family of lags, for a collector that measures them when scraped."""
    family = GaugeMetricFamily(name, documentation, labels=label_names)
    for lag in lags:
        family.add_metric(list(lag.labels), max(lag.behind, 0))
    return family
