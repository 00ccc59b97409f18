"""Per-client token buckets: a burst, then a steady rate, in bounded memory."""

from __future__ import annotations

import pytest

from zhixing.runtime.rate import ClientRate, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def limiter(clock: Clock, **rate: int) -> RateLimiter:
    return RateLimiter(ClientRate(**{"burst": 3, "per_second": 2, **rate}), clock)


class TestTokenBucket:
    def test_a_burst_is_admitted_then_the_next_waits_when_it_is_spent(self):
        limited = limiter(Clock())
        assert [limited.admit("a") for _ in range(4)] == [0, 0, 0, 1]

    def test_retry_after_is_the_whole_seconds_until_a_token_when_the_rate_is_slow(self):
        limited = limiter(Clock(), burst=1, per_second=1)
        limited.admit("a")
        assert limited.admit("a") == 1

    def test_admitted_again_when_the_clock_has_refilled_a_token(self):
        clock = Clock()
        limited = limiter(clock)
        for _ in range(3):
            limited.admit("a")
        clock.now += 0.5  # 2 a second: half a second is one token
        assert (limited.admit("a"), limited.admit("a")) == (0, 1)

    def test_the_bucket_never_holds_more_than_the_burst_when_idle_long(self):
        clock = Clock()
        limited = limiter(clock)
        clock.now += 3600
        assert [limited.admit("a") for _ in range(4)] == [0, 0, 0, 1]

    def test_another_address_keeps_its_own_bucket_when_one_is_spent(self):
        limited = limiter(Clock(), burst=1)
        limited.admit("a")
        assert (limited.admit("a") > 0, limited.admit("b")) == (True, 0)


class TestBoundedMemory:
    def test_at_most_max_clients_are_tracked_when_many_addresses_ask(self):
        limited = limiter(Clock(), max_clients=100)
        for n in range(10_000):
            limited.admit(f"10.0.{n // 256}.{n % 256}")
        assert limited.tracked == 100

    def test_the_address_heard_from_longest_ago_is_forgotten_first_when_full(self):
        limited = limiter(Clock(), burst=1, max_clients=2)
        limited.admit("old")
        limited.admit("recent")
        limited.admit("recent")  # refused, but heard from last
        limited.admit("new")  # forgets "old", not "recent"
        assert limited.admit("recent") > 0


class TestClientRate:
    @pytest.mark.parametrize("field", ["burst", "per_second", "max_clients"])
    def test_refused_when_a_bound_is_below_one(self, field):
        with pytest.raises(ValueError, match=field):
            ClientRate(**{field: 0})
