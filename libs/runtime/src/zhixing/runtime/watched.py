"""What an alert needs and a counter cannot say, measured when scraped (DESIGN §9):

- `zhixing_ready`: whether the process can serve, by the same checks as `/readyz`. A
  Prometheus rule cannot read a probe; the kubelet's view lives outside the suite.
- `zhixing_projection_rebuild_position` / `_behind`: each blue/green rebuild the
  registry says is under way for a projection this process feeds — how far it has
  replayed and how far it still is from the live consumer. A rebuild Job that died
  leaves its version `building`: the position stops moving, which is what "stuck" means.

Labels name consumer groups and projections: configuration, never request data (R60).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from zhixing.eventstore.versioned import registration
from zhixing.messaging.consumer import TrackedConsumer
from zhixing.messaging.rebuild import behind, positions, rebuildable
from zhixing.observability.metrics import READY, REBUILD_BEHIND, REBUILD_POSITION
from zhixing.runtime.probes import Readiness

log = logging.getLogger(__name__)


class ReadinessCollector(Collector):
    """`zhixing_ready`: 1 when `readiness` finds no problem, else 0."""

    def __init__(self, readiness: Readiness) -> None:
        self.readiness = readiness

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            ready = not self.readiness.problems()
        except Exception:  # a check that fails to run cannot say "ready"
            log.warning("readiness unknown at a scrape", exc_info=True)
            ready = False
        yield GaugeMetricFamily(READY, "1 when the process can serve (its /readyz "
                                "answers 200), else 0.", value=1 if ready else 0)


@dataclass(frozen=True)
class RebuildProgress:
    """One rebuild under way: its projection, the live consumer it follows, how far."""

    projection: str
    group: str
    replayed: int
    behind: int


class RebuildCollector(Collector):
    """The rebuilds under way of the versioned projections `consumers` feed."""

    def __init__(self, consumers: Sequence[TrackedConsumer]) -> None:
        self.consumers = consumers

    def progress(self) -> list[RebuildProgress]:
        """Read from each consumer's store: the registry, then both trackings."""
        found: list[RebuildProgress] = []
        for consumer in self.consumers:
            names = [p.tables.name for p in rebuildable(consumer.handler)]
            if not names:
                continue
            with consumer.store.transaction(read_only=True) as cur:
                for name in names:
                    held = registration(cur, name)
                    if held is None or held.building is None:
                        continue
                    live = positions(cur, consumer.group)
                    reached = positions(cur, f"{consumer.group}#v{held.building}")
                    found.append(RebuildProgress(name, consumer.group,
                                                 sum(max(p, 0) for p in reached.values()),
                                                 behind(live, reached)))
        return found

    def collect(self) -> Iterator[GaugeMetricFamily]:
        position = GaugeMetricFamily(
            REBUILD_POSITION, "Positions a blue/green rebuild has replayed so far, summed "
            "over streams; it stops moving when the rebuild stops.", labels=["projection", "group"])
        remaining = GaugeMetricFamily(
            REBUILD_BEHIND, "Positions a rebuild has still to replay to reach the live "
            "consumer.", labels=["projection", "group"])
        try:
            measured = self.progress()
        except Exception:  # a store down shows on /readyz; the scrape still answers
            log.warning("rebuild progress unknown: a store did not answer", exc_info=True)
            measured = []
        for each in measured:
            position.add_metric([each.projection, each.group], each.replayed)
            remaining.add_metric([each.projection, each.group], each.behind)
        yield position
        yield remaining
