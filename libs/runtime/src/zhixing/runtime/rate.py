"""Per-client rate limits for the HTTP servers: a token bucket for each client address.

Each address may send `burst` requests at once, then `per_second` requests a second on
average. Memory is bounded: at most `max_clients` addresses are tracked; past that the
one heard from longest ago is forgotten (its bucket had the most time to refill, so
forgetting it gives away the least). Time comes from an injectable clock, so tests
drive it instead of sleeping.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]


@dataclass(frozen=True)
class ClientRate:
    """How fast one client address may ask; the defaults let a person (and a test polling
    a page 20 times a second) through and hold a scraper to 20 pages a second."""

    burst: int = 100
    per_second: int = 20
    max_clients: int = 10_000
    """Addresses tracked at once: the limiter's memory is O(max_clients)."""

    def __post_init__(self) -> None:
        if self.burst < 1 or self.per_second < 1 or self.max_clients < 1:
            raise ValueError(f"client rate {self}: burst, per_second and max_clients "
                             "must each be at least 1")


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """Token buckets by client address; `admit` says how long a refused client waits."""

    def __init__(self, rate: ClientRate, clock: Clock = time.monotonic) -> None:
        self.rate = rate
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def admit(self, client: str) -> int:
        """0 when `client` may be answered now (a token is taken), else the whole number
        of seconds after which it may ask again (for `Retry-After`)."""
        now = self._clock()
        bucket = self._bucket(client, now)
        bucket.tokens = min(float(self.rate.burst),
                            bucket.tokens + (now - bucket.at) * self.rate.per_second)
        bucket.at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0
        return max(1, math.ceil((1.0 - bucket.tokens) / self.rate.per_second))

    @property
    def tracked(self) -> int:
        """How many client addresses are remembered now."""
        return len(self._buckets)

    def _bucket(self, client: str, now: float) -> _Bucket:
        bucket = self._buckets.get(client)
        if bucket is not None:
            self._buckets.move_to_end(client)
            return bucket
        while len(self._buckets) >= self.rate.max_clients:
            self._buckets.popitem(last=False)
        bucket = self._buckets[client] = _Bucket(float(self.rate.burst), now)
        return bucket
